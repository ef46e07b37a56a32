"""The pages in-process: review writes, stale saves, bulk accept, figures, score, upload."""

from __future__ import annotations

import io
import re
import time
import zipfile
from pathlib import Path
from typing import Any

from starlette.testclient import TestClient
from web_support import SUBMISSIONS, bearer, confirm_all_body, login

SID = "s02-nakhonsawan"
JSON = {"Accept": "application/json"}


def _page(client: TestClient, url: str) -> tuple[str, str, str]:
    html = client.get(url).text
    doc = re.search(r'data-doc="(\d+)"', html)
    version = re.search(r'data-version="(\d+)"', html)
    assert doc and version
    return html, doc.group(1), version.group(1)


def test_review_page_marks_evidence_on_the_pdf_page(client: TestClient, app: Any) -> None:
    login(client, "rev")
    st = app.state.store.documents(SID)
    review = next(d for d in st if d.proposals.role.value == "review")
    item = next(sid for sid, p in review.proposals.subissues.items() if p.evidence)
    html, _, _ = _page(client, f"/submissions/{SID}?doc={review.id}&item={item}")
    assert 'class="hl"' in html  # a highlight box at the snippet's place
    page = review.proposals.subissues[item].evidence[0].page
    png = client.get(f"/submissions/{SID}/documents/{review.id}/pages/{page}.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    text = client.get(f"/submissions/{SID}/documents/{review.id}/pages/{page}/text")
    assert text.status_code == 200
    assert client.get(f"/submissions/{SID}/documents/{review.id}/pages/999.png"
                      ).status_code == 404


def _set_boxes(app: Any, doc_id: int, item: str, boxes: list[dict[str, float]] | None) -> None:
    import json

    from sqlalchemy import select

    from evidence_review.store import schema

    t = schema.proposals
    where = (t.c.document_id == doc_id) & (t.c.item == item)
    with app.state.store.engine.begin() as c:
        evidence = json.loads(c.execute(select(t.c.evidence).where(where)).scalar_one())
        for e in evidence:
            e["boxes"] = boxes
        c.execute(t.update().where(where).values(evidence=json.dumps(evidence)))


def test_review_page_draws_the_boxes_stored_at_screening(client: TestClient, app: Any) -> None:
    """The boxes computed when the document was screened are drawn as they are (fractions of
    the page as percentages); a store screened before boxes existed (null) still gets its
    highlights, found by searching the page's text layer."""
    login(client, "rev")
    review = next(d for d in app.state.store.documents(SID)
                  if d.proposals.role.value == "review")
    item = next(sid for sid, p in review.proposals.subissues.items() if p.evidence)
    assert all(e.boxes for e in review.proposals.subissues[item].evidence)
    url = f"/submissions/{SID}?doc={review.id}&item={item}"
    _set_boxes(app, review.id, item, [{"left": 0.12345, "top": 0.5, "width": 0.25,
                                       "height": 0.01}])
    html, _, _ = _page(client, url)
    assert "left:12.345%;top:50.000%;width:25.000%;height:1.000%" in html
    _set_boxes(app, review.id, item, None)
    html, _, _ = _page(client, url)
    assert 'class="hl"' in html and "left:12.345%" not in html


def test_text_documents_show_the_snippet_marked(client: TestClient, app: Any) -> None:
    login(client, "rev")
    docs = app.state.store.documents("s01-fisheries")
    review = next(d for d in docs if d.proposals.role.value == "review")
    item = next(sid for sid, p in review.proposals.subissues.items() if p.evidence)
    html, _, _ = _page(client, f"/submissions/s01-fisheries?doc={review.id}&item={item}")
    assert "<mark>" in html


def test_accept_override_and_selection(client: TestClient, app: Any) -> None:
    token = login(client, "rev")
    _, doc, version = _page(client, f"/submissions/{SID}")
    headers = {**JSON, "X-CSRF-Token": token}
    r = client.post(f"/submissions/{SID}/decide", headers=headers, data={
        "doc": doc, "item": "role", "value": "other", "base_version": version})
    assert r.status_code == 200
    v1 = r.json()["version"]
    props = next(d for d in app.state.store.documents(SID) if str(d.id) == doc).proposals
    flip = "false" if props.subissues["1.1"].proposed else "true"
    r = client.post(f"/submissions/{SID}/decide", headers=headers, data={
        "doc": doc, "item": "1.1", "value": flip, "base_version": v1})
    assert r.status_code == 422
    assert r.json()["error"] == ("1.1: การเปลี่ยนจากผลที่ระบบเสนอต้องระบุเหตุผล "
                                 "[1.1: overriding the proposal needs a reason]")
    r = client.post(f"/submissions/{SID}/decide", headers=headers, data={
        "doc": doc, "item": "1.1", "value": "true", "reason": "ดูหน้า 1",
        "selection": "ข้อความที่เลือก", "page": "1", "base_version": v1})
    assert r.status_code == 200
    trail = app.state.store.trail(SID)
    assert [d.reviewer for d in trail] == ["rev", "rev"]
    html = client.get(f"/submissions/{SID}?doc={doc}&item=1.1").text
    assert "ข้อความที่เลือก" in html  # the selection is kept with the decision to ✓
    data = client.get(f"/api/submissions/{SID}", headers=bearer(app, "view")).json()
    decided = next(d for d in data["documents"].values() if "1.1" in d["decisions"])
    assert decided["decisions"]["1.1"]["selection"] == {"page": 1, "text": "ข้อความที่เลือก"}


def test_stale_save_is_refused_and_shows_the_other_change(client: TestClient,
                                                          app: Any) -> None:
    token = login(client, "rev")
    _, doc, version = _page(client, f"/submissions/{SID}")
    # another reviewer saves first, through the API
    r = client.post(f"/api/submissions/{SID}/decisions", headers=bearer(app, "rev2"), json={
        "base_version": int(version),
        "documents": {f"{SID}/" + next(d.path for d in app.state.store.documents(SID)
                                       if str(d.id) == doc): {"role": "other",
                                                              "role_reason": "ตรวจแล้ว"}}})
    assert r.status_code == 200
    r = client.post(f"/submissions/{SID}/decide", headers={**JSON, "X-CSRF-Token": token},
                    data={"doc": doc, "item": "role", "value": "plan", "reason": "x",
                          "base_version": version})
    assert r.status_code == 409
    assert "rev2" in r.json()["error"]
    html = client.get(f"/submissions/{SID}?doc={doc}&stale={version}").text
    assert 'class="stale"' in html and "rev2" in html
    assert [d.reviewer for d in app.state.store.trail(SID)] == ["rev2"]


def test_bulk_accept_records_item_by_item(client: TestClient, app: Any) -> None:
    token = login(client, "rev")
    _, doc, version = _page(client, f"/submissions/{SID}")
    r = client.post(f"/submissions/{SID}/accept", headers={**JSON, "X-CSRF-Token": token},
                    data={"doc": doc, "scope": "document", "threshold": "0.7",
                          "base_version": version})
    assert r.status_code == 200
    trail = app.state.store.trail(SID)
    props = next(d for d in app.state.store.documents(SID) if str(d.id) == doc).proposals
    expected = sum(p.confidence >= 0.7 for p in props.subissues.values()) + (
        props.role_confidence >= 0.7) + bool(
        props.improvement_vs_2549 and props.improvement_vs_2549.confidence >= 0.7)
    assert len(trail) == expected > 0
    assert {d.source for d in trail} == {"bulk>=0.7"}
    assert {d.document_id for d in trail} == {int(doc)}


def test_progress_figures_are_validated_then_confirmed(client: TestClient, app: Any) -> None:
    token = login(client, "rev")
    _, doc, version = _page(client, f"/submissions/{SID}")
    headers = {**JSON, "X-CSRF-Token": token}
    bad = {"doc": doc, "base_version": version, "name": ["ก"], "weight": ["-5"],
           "percent": ["80"], "achieved": ["true"], "reason": "r"}
    r = client.post(f"/submissions/{SID}/progress", headers=headers, data=bad)
    assert r.status_code == 422 and "weight" in r.json()["error"]
    assert r.json()["error"].startswith("progress.activities.0.weight: ข้อมูลไม่ถูกต้อง")
    good = {**bad, "weight": ["40"], "name": ["กิจกรรม ก", "กิจกรรม ข", ""],
            "percent": ["80", "100", ""], "achieved": ["true", "false", ""]}
    good["weight"] = ["40", "60", ""]
    r = client.post(f"/submissions/{SID}/progress", headers=headers, data=good)
    assert r.status_code == 200, r.text
    state = client.get(f"/api/submissions/{SID}", headers=bearer(app, "view")).json()
    assert state["progress"]["confirmed"] == [
        {"name": "กิจกรรม ก", "weight": "40", "percent": "80", "achieved": True},
        {"name": "กิจกรรม ข", "weight": "60", "percent": "100", "achieved": False}]


def test_score_page_lists_missing_with_links_then_the_form(client: TestClient,
                                                           app: Any) -> None:
    login(client, "rev")
    html = client.get("/submissions/s01-fisheries/score").text
    assert 'class="missing"' in html and "?doc=" in html and "&amp;item=role" in html
    data = client.get("/api/submissions/s01-fisheries", headers=bearer(app, "rev")).json()
    client.post("/api/submissions/s01-fisheries/decisions", json=confirm_all_body(data),
                headers=bearer(app, "rev"))
    html = client.get("/submissions/s01-fisheries/score").text
    assert 'id="score-table"' in html
    for fmt in ("md", "html", "xlsx", "json", "pdf"):
        assert f"/submissions/s01-fisheries/report.{fmt}" in html


def test_submissions_list_filters(client: TestClient) -> None:
    login(client, "view")
    html = client.get("/submissions?q=นคร สวรรค์").text  # a document's Thai name
    assert "s02-nakhonsawan" in html and "s01-fisheries" not in html
    html = client.get("/submissions?q=FISH").text
    assert "s01-fisheries" in html and "s02-nakhonsawan" not in html
    html = client.get("/submissions?status=confirmed").text
    assert "s01-fisheries" not in html
    assert 'action="/submissions/upload"' not in html  # a viewer gets no upload form


def test_english_toggle(client: TestClient) -> None:
    login(client, "view")
    assert "รายการหน่วยงาน" in client.get("/submissions").text
    client.get("/lang?to=en&next=/submissions")
    assert "Submissions" in client.get("/submissions").text


def _wait(client: TestClient, sid: str) -> str:
    for _ in range(1200):  # the batch runner starts its workers: slow on a busy machine
        html = client.get("/submissions/jobs").text
        mine = [p for p in html.split('<p class="job') if f'/submissions/{sid}"' in p]
        if mine and ("job-done" in mine[0] or "job-failed" in mine[0]):
            return mine[0]
        time.sleep(0.1)
    raise AssertionError("screening did not finish")


def test_upload_of_files_is_screened_in_the_background(client: TestClient, app: Any) -> None:
    token = login(client, "rev")
    files = [("files", (f"s01-fisheries/{p.name}", p.read_bytes()))
             for p in sorted((SUBMISSIONS / "s01-fisheries").iterdir())]
    r = client.post("/submissions/upload", data={"csrf_token": token, "agency": "new-agency"},
                    files=files)
    assert r.status_code in (200, 303)
    assert "job-done" in _wait(client, "new-agency")
    assert "new-agency" in client.get("/submissions").text
    data = client.get("/api/submissions/new-agency", headers=bearer(app, "view")).json()
    assert len(data["documents"]) == 3  # the chosen folder's files are the agency's top


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_upload_refuses_zip_slip_and_zip_bombs(client: TestClient, tmp_path: Path) -> None:
    token = login(client, "rev")
    slip = _zip({"../../evil.txt": b"x"})
    client.post("/submissions/upload", data={"csrf_token": token, "agency": "slip"},
                files=[("files", ("a.zip", slip))])
    assert "zip-slip" in _wait(client, "slip")
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path.parent / "evil.txt").exists()
    bomb = _zip({"big.txt": b"0" * (50 * 2**20)})
    client.post("/submissions/upload", data={"csrf_token": token, "agency": "bomb"},
                files=[("files", ("b.zip", bomb))])
    assert "zip bomb" in _wait(client, "bomb")
    good = _zip({"x/แผน.txt": "แผนปฏิบัติการ ระบบฐานข้อมูล".encode()})
    client.post("/submissions/upload", data={"csrf_token": token, "agency": "zipped"},
                files=[("files", ("c.zip", good))])
    assert "job-done" in _wait(client, "zipped")


def test_agency_name_is_set_and_reported(client: TestClient, app: Any) -> None:
    token = login(client, "rev")
    r = client.post("/submissions/s01-fisheries/agency",
                    data={"csrf_token": token, "agency": "  กรมส่งเสริม  การประมงพื้นบ้าน "})
    assert r.status_code == 200
    assert "กรมส่งเสริม การประมงพื้นบ้าน" in client.get("/submissions/s01-fisheries/score").text
    data = client.get("/api/submissions/s01-fisheries", headers=bearer(app, "rev")).json()
    client.post("/api/submissions/s01-fisheries/decisions", json=confirm_all_body(data),
                headers=bearer(app, "rev"))
    md = client.get("/submissions/s01-fisheries/report.md").text
    assert "กรมส่งเสริม การประมงพื้นบ้าน (s01-fisheries)" in md
    assert "พ.ศ. 25" in md and "รวม (total)" in md
