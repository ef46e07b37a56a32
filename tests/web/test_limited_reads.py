"""A web save that must read a document again (a role changed to progress or plan needs its
activity table) reads it in a worker under the batch runner's limits, with the app's options."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient
from web_support import bearer, confirm_all_body, login

from evidence_review.pipeline import limited

SID = "s01-fisheries"
REVIEW_DOC = "สรุปผลการทบทวน.docx"  # screened as the review summary: no activity table read


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, Any]]:
    """Every limited read: (path, options), each still done by the real worker."""
    calls: list[tuple[Path, Any]] = []
    real = limited.extract_limited

    def spy(path: Any, options: Any = None, **kw: Any) -> Any:
        calls.append((Path(path), options))
        return real(path, options, **kw)

    monkeypatch.setattr(limited, "extract_limited", spy)
    return calls


def _review_doc(app: Any) -> Any:
    return next(d for d in app.state.store.documents(SID) if d.path == REVIEW_DOC)


def test_an_api_role_change_reads_the_file_under_the_limits(client: TestClient, app: Any,
                                                            reads: list) -> None:
    doc = _review_doc(app)
    assert app.state.store.analysis(doc.id, "activities") is None
    r = client.post(f"/api/submissions/{SID}/decisions", headers=bearer(app, "rev"), json={
        "base_version": 0,
        "documents": {f"{SID}/{REVIEW_DOC}": {"role": "progress", "role_reason": "ตาราง"}}})
    assert r.status_code == 200, r.text
    assert [(p.name, o) for p, o in reads] == [(REVIEW_DOC, app.state.extract_options)]
    assert app.state.extract_options is not None
    assert app.state.store.analysis(doc.id, "activities") is not None


def test_a_page_role_change_reads_the_file_under_the_limits(client: TestClient, app: Any,
                                                            reads: list) -> None:
    token = login(client, "rev")
    doc = _review_doc(app)
    r = client.post(f"/submissions/{SID}/decide",
                    headers={"Accept": "application/json", "X-CSRF-Token": token},
                    data={"doc": str(doc.id), "item": "role", "value": "plan",
                          "reason": "เป็นแผน", "base_version": "0"})
    assert r.status_code == 200, r.text
    assert [(p.name, o) for p, o in reads] == [(REVIEW_DOC, app.state.extract_options)]
    assert app.state.store.analysis(doc.id, "completeness") is not None


def test_an_adjudicated_role_change_reads_the_file_under_the_limits(
        client: TestClient, app: Any, reads: list) -> None:
    from evidence_review.web.accounts import Accounts

    Accounts(app.state.store.engine).add_user("lead", "lead", "lead-pass-1")
    app.state.store.assign(SID, ["rev", "rev2"], "admin")
    url, key = f"/api/submissions/{SID}", f"{SID}/{REVIEW_DOC}"
    for name, role in (("rev", "review"), ("rev2", "other")):  # neither role reads the file
        body = confirm_all_body(client.get(url, headers=bearer(app, name)).json())
        body["documents"][key] |= {"role": role, "role_reason": "ตรวจแล้ว"}
        r = client.post(f"{url}/decisions", headers=bearer(app, name), json=body)
        assert r.status_code == 200, r.text
    assert reads == []
    diff = client.get(f"{url}/differences", headers=bearer(app, "lead")).json()
    r = client.post(f"{url}/adjudication", headers=bearer(app, "lead"), json={
        "base_version": diff["version"],
        "documents": {REVIEW_DOC: {"role": "progress", "role_reason": "มีตารางกิจกรรม"}}})
    assert r.status_code == 200, r.text
    assert [(p.name, o) for p, o in reads] == [(REVIEW_DOC, app.state.extract_options)]
    assert app.state.store.analysis(_review_doc(app).id, "activities") is not None
