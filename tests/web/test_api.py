"""The JSON API's contracts (README "Web API")."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from starlette.testclient import TestClient
from web_support import bearer, confirm_all_body

SID = "s01-fisheries"


def test_list_has_id_and_status(client: TestClient, app: Any) -> None:
    rows = client.get("/api/submissions", headers=bearer(app, "view")).json()
    assert {r["id"] for r in rows} == {"s01-fisheries", "s02-nakhonsawan", "x-hostile"}
    assert all(r["status"] == "screened" for r in rows)


def test_submission_has_documents_by_path_and_an_integer_version(client: TestClient,
                                                                 app: Any) -> None:
    data = client.get(f"/api/submissions/{SID}", headers=bearer(app, "view")).json()
    assert data["version"] == 0
    assert set(data["documents"]) == {f"{SID}/รายงานผลการดำเนินงาน.xlsx",
                                      f"{SID}/สรุปผลการทบทวน.docx",
                                      f"{SID}/แผนปฏิบัติการ 2550.docx"}
    doc = data["documents"][f"{SID}/สรุปผลการทบทวน.docx"]
    assert doc["role"] == "review" and len(doc["subissues"]) == 10
    assert {"proposed", "confidence", "evidence", "reason"} <= set(doc["subissues"]["1.1"])


def test_decisions_then_stale_then_score_and_reports(client: TestClient, app: Any) -> None:
    headers = bearer(app, "rev")
    data = client.get(f"/api/submissions/{SID}", headers=headers).json()
    r = client.get(f"/api/submissions/{SID}/score", headers=headers)
    assert r.status_code == 409
    missing = r.json()
    assert missing["status"] == "incomplete"
    assert {"document", "item", "message"} <= set(missing["missing"][0])
    assert missing["missing"][0]["document"] in data["documents"]

    body = confirm_all_body(data) | {"reviewer": "someone-else"}
    r = client.post(f"/api/submissions/{SID}/decisions", json=body, headers=headers)
    assert r.status_code == 200, r.text
    version = r.json()["version"]
    assert isinstance(version, int) and version > 0
    trail = app.state.store.trail(SID)
    assert trail and {d.reviewer for d in trail} == {"rev"}  # never the body's reviewer
    assert {d.source for d in trail} == {"api"}

    r = client.post(f"/api/submissions/{SID}/decisions", json=body, headers=headers)
    assert r.status_code == 409  # based on version 0
    assert r.json()["version"] == version

    score = client.get(f"/api/submissions/{SID}/score", headers=headers)
    assert score.status_code == 200
    assert score.json()["status"] == "confirmed" and "totals" in score.json()
    listed = {r["id"]: r["status"] for r in client.get("/api/submissions",
                                                        headers=headers).json()}
    assert listed[SID] == "scored"
    for fmt, kind in [("md", "text/markdown"), ("html", "text/html"),
                      ("json", "application/json"), ("xlsx", "spreadsheetml")]:
        r = client.get(f"/api/submissions/{SID}/report.{fmt}", headers=headers)
        assert r.status_code == 200 and kind in r.headers["content-type"]
    assert json.loads(client.get(f"/api/submissions/{SID}/report.json",
                                 headers=headers).text)


#: README's one-line error: Thai first, the English in square brackets at the end
THAI_FIRST = re.compile(r"[^\n\[]*[\u0e00-\u0e7f][^\n]*\[[^\n]+\]")


@pytest.mark.parametrize(("body", "fragment", "english"), [
    ({"base_version": 0, "documents": {"nope.pdf": {"role": "plan"}}}, "nope.pdf", ""),
    ({"base_version": 0, "documents": {f"{SID}/สรุปผลการทบทวน.docx": {
        "subissues": {"9.9": {"covered": True}}}}}, "9.9", ""),
    ({"base_version": 0, "progress": {"activities": [{"name": "a", "weight": -1}]}},
     "progress.activities.0.weight", "progress.activities.0.weight: Input should be"),
    ({"base_version": "x"}, "base_version", "base_version: an integer from 0 to"),
    ([1, 2], "JSON object", "the body is a JSON object: the decisions file plus"),
])
def test_invalid_input_is_422_with_one_line(client: TestClient, app: Any, body: Any,
                                            fragment: str, english: str) -> None:
    r = client.post(f"/api/submissions/{SID}/decisions", json=body, headers=bearer(app, "rev"))
    assert r.status_code == 422
    error = r.json()["error"]
    assert fragment in error and "\n" not in error
    assert THAI_FIRST.fullmatch(error), error
    assert english in error.split(" [", 1)[1]


def test_a_body_that_is_not_json_is_422_thai_first(client: TestClient, app: Any) -> None:
    r = client.post(f"/api/submissions/{SID}/decisions", content=b"{nope",
                    headers=bearer(app, "rev") | {"content-type": "application/json"})
    assert r.status_code == 422
    assert r.json()["error"] == ("body: ไม่ใช่ JSON ที่ถูกต้อง (JSONDecodeError) "
                                 "[body: not valid JSON (JSONDecodeError)]")


@pytest.mark.parametrize("base", [-1, 10**30, 2**63, True, False, 1.5, 0.0, "0", [0]])
def test_a_base_version_no_version_can_have_is_422_not_stale(client: TestClient, app: Any,
                                                             base: Any) -> None:
    headers = bearer(app, "rev")
    data = client.get(f"/api/submissions/{SID}", headers=headers).json()
    body = confirm_all_body(data) | {"base_version": base}
    r = client.post(f"/api/submissions/{SID}/decisions", json=body, headers=headers)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert set(r.json()) == {"error"} and "\n" not in error and THAI_FIRST.fullmatch(error)
    assert error.startswith("base_version: ต้องเป็นจำนวนเต็ม")
    assert "[base_version: an integer from 0 to 9223372036854775807" in error
    assert app.state.store.trail(SID) == []  # nothing written


def test_a_stale_save_says_so_thai_first(client: TestClient, app: Any) -> None:
    headers = bearer(app, "rev")
    data = client.get(f"/api/submissions/{SID}", headers=headers).json()
    body = confirm_all_body(data)
    assert client.post(f"/api/submissions/{SID}/decisions", json=body,
                       headers=headers).status_code == 200
    r = client.post(f"/api/submissions/{SID}/decisions", json=body, headers=headers)
    assert r.status_code == 409
    assert r.json()["error"] == ("stale: ข้อมูลการตรวจเปลี่ยนไปหลัง base_version "
                                 "[stale: the review state changed since base_version]")


def test_unknown_submission_is_404(client: TestClient, app: Any) -> None:
    assert client.get("/api/submissions/nope", headers=bearer(app, "rev")).status_code == 404


def test_report_before_confirmation_is_409(client: TestClient, app: Any) -> None:
    r = client.get(f"/api/submissions/{SID}/report.md", headers=bearer(app, "rev"))
    assert r.status_code == 409 and r.json()["status"] == "incomplete"


def test_readme_documents_every_api_route_and_no_other(app: Any) -> None:
    import re

    from web_support import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = {(m, p.replace("{md,html,xlsx,json,pdf}", "{fmt}").replace("{id}", "{sid}"))
                  for m, p in re.findall(r"`(GET|POST) (/api/[^`]+)`", readme)}
    routes = {(m, r.path) for r in app.routes if getattr(r, "path", "").startswith("/api/")
              for m in (r.methods or ()) if m in ("GET", "POST")}
    assert documented == routes


def test_a_tampered_trail_refuses_saves_with_409_and_the_reason(client: TestClient,
                                                                app: Any) -> None:
    from support import tamper

    headers = bearer(app, "rev")
    data = client.get(f"/api/submissions/{SID}", headers=headers).json()
    r = client.post(f"/api/submissions/{SID}/decisions", json=confirm_all_body(data),
                    headers=headers)
    assert r.status_code == 200, r.text
    tamper(app.state.store.engine.url.database,
           "UPDATE decisions SET after = 'false' WHERE id = 2",
           drop=("decisions_no_update",), restore=True)
    rows = len(app.state.store.trail(SID))
    body = confirm_all_body(data) | {"base_version": r.json()["version"]}
    body["documents"] = {k: v | {"reason": "again"} for k, v in body["documents"].items()}
    first = next(iter(body["documents"].values()))
    first["role"] = "other"
    r = client.post(f"/api/submissions/{SID}/decisions", json=body, headers=headers)
    assert r.status_code == 409 and r.json()["tampered"] is True
    assert "row 2" in r.json()["error"]
    assert len(app.state.store.trail(SID)) == rows  # nothing written
