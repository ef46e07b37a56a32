"""Double review through the JSON API and the pages: blind streams with their own version,
403 for a reviewer not assigned, the lead's differences and adjudication, the status."""

from __future__ import annotations

import copy
from typing import Any

from starlette.testclient import TestClient
from web_support import bearer, confirm_all_body

SID = "s01-fisheries"
REVIEW = f"{SID}/สรุปผลการทบทวน.docx"


def _team(app: Any) -> None:
    from evidence_review.web.accounts import Accounts

    accounts = Accounts(app.state.store.engine)
    accounts.add_user("lead", "lead", "lead-pass-1")
    accounts.add_user("rev3", "reviewer", "reviewer-pass-3")
    app.state.store.assign(SID, ["rev", "rev2"], "admin")


def _status(client: TestClient, app: Any) -> str:
    rows = client.get("/api/submissions", headers=bearer(app, "admin")).json()
    return next(r["status"] for r in rows if r["id"] == SID)


def test_double_review_blind_then_adjudicated(client: TestClient, app: Any) -> None:
    _team(app)
    url = f"/api/submissions/{SID}"
    other = bearer(app, "rev3")
    assert client.get(url, headers=other).status_code == 403
    assert client.get(f"/submissions/{SID}", headers=other).status_code == 403
    assert client.post(f"{url}/decisions", headers=other,
                       json={"base_version": 0}).status_code == 403
    first, second = bearer(app, "rev"), bearer(app, "rev2")
    data = client.get(url, headers=first).json()
    body = confirm_all_body(data)
    r = client.post(f"{url}/decisions", headers=first, json=body)
    assert r.status_code == 200, r.text
    assert _status(client, app) == "in_review"
    # the second reviewer sees nothing of the first: version 0, no decisions
    mine = client.get(url, headers=second).json()
    assert mine["version"] == 0
    assert all(not d["decisions"] for d in mine["documents"].values())
    theirs = copy.deepcopy(confirm_all_body(mine))
    proposed = data["documents"][REVIEW]["subissues"]["1.1"]["proposed"]
    theirs["documents"][REVIEW]["subissues"]["1.1"] = {"covered": not proposed,
                                                       "reason": "เห็นต่าง"}
    r = client.post(f"{url}/decisions", headers=second, json=theirs)
    assert r.status_code == 200, r.text
    # each stream has its own version: the first's did not move with the second's saves
    assert client.get(url, headers=first).json()["version"] < r.json()["version"]
    assert _status(client, app) == "in_adjudication"
    assert client.get(f"{url}/differences", headers=first).status_code == 403
    lead = bearer(app, "lead")
    diff = client.get(f"{url}/differences", headers=lead).json()
    assert [(d["document"], d["item"]) for d in diff["differences"]] == [
        ("สรุปผลการทบทวน.docx", "1.1")]
    d = diff["differences"][0]
    assert d["first"]["value"] is proposed and d["second"]["reason"] == "เห็นต่าง"
    no_reason = {"base_version": diff["version"], "documents": {
        "สรุปผลการทบทวน.docx": {"subissues": {"1.1": {"covered": proposed}}}}}
    r = client.post(f"{url}/adjudication", headers=lead, json=no_reason)
    assert r.status_code == 422
    thai, english = r.json()["error"].split(" [", 1)
    assert "ต้องระบุเหตุผล" in thai and "needs a reason" in english
    final = copy.deepcopy(no_reason)
    final["documents"]["สรุปผลการทบทวน.docx"]["subissues"]["1.1"]["reason"] = "ตามหลักฐาน"
    r = client.post(f"{url}/adjudication", headers=lead, json=final)
    assert r.status_code == 200, r.text
    assert _status(client, app) == "confirmed"
    assert client.get(f"{url}/score", headers=lead).status_code == 200


def test_team_page_assigns_and_adjudicates(client: TestClient, app: Any) -> None:
    """The admin's assignment form, then the lead's adjudication form on the team page."""
    import re

    from web_support import login

    from evidence_review.web.accounts import Accounts

    Accounts(app.state.store.engine).add_user("lead", "lead", "lead-pass-1")
    csrf = login(client, "admin")
    page = client.get(f"/submissions/{SID}/team")
    assert page.status_code == 200 and "single review" in page.text
    r = client.post(f"/submissions/{SID}/assign", data={
        "csrf_token": csrf, "reviewer": ["rev", "rev2"]}, follow_redirects=False)
    assert r.status_code == 303
    assert app.state.store.assignees(SID) == ["rev", "rev2"]
    url = f"/api/submissions/{SID}"
    data = client.get(url, headers=bearer(app, "rev")).json()
    assert client.post(f"{url}/decisions", headers=bearer(app, "rev"),
                       json=confirm_all_body(data)).status_code == 200
    theirs = confirm_all_body(client.get(url, headers=bearer(app, "rev2")).json())
    proposed = data["documents"][REVIEW]["subissues"]["2.1"]["proposed"]
    theirs["documents"][REVIEW]["subissues"]["2.1"] = {"covered": not proposed,
                                                       "reason": "ไม่พบ"}
    assert client.post(f"{url}/decisions", headers=bearer(app, "rev2"),
                       json=theirs).status_code == 200
    client.post("/logout", data={"csrf_token": csrf})
    csrf = login(client, "lead", "lead-pass-1")
    page = client.get(f"/submissions/{SID}/team")
    assert 'id="differences"' in page.text and "ไม่พบ" in page.text
    assert 'id="agreement"' in page.text
    version = re.search(r'name="base_version" value="(\d+)"', page.text)
    assert version is not None
    r = client.post(f"/submissions/{SID}/adjudicate", data={
        "csrf_token": csrf, "base_version": version.group(1), "document": "สรุปผลการทบทวน.docx",
        "item": "2.1", "value": "true" if proposed else "false", "reason": "ตามหลักฐาน"},
        follow_redirects=False)
    assert r.status_code == 303, r.text
    page = client.get(f"/submissions/{SID}/team")
    assert "lead: ตามหลักฐาน" in page.text and 'id="download-pack"' in page.text


def _row(client: TestClient, headers: dict[str, str]) -> dict[str, Any] | None:
    rows = client.get("/api/submissions", headers=headers).json()
    return next((r for r in rows if r["id"] == SID), None)


def test_submission_list_shows_a_double_reviewer_only_their_own_stream(
        client: TestClient, app: Any) -> None:
    _team(app)
    first, second = bearer(app, "rev"), bearer(app, "rev2")
    data = client.get(f"/api/submissions/{SID}", headers=first).json()
    r = client.post(f"/api/submissions/{SID}/decisions", headers=first,
                    json=confirm_all_body(data))
    assert r.status_code == 200, r.text
    mine, theirs = _row(client, first), _row(client, second)
    assert mine is not None and theirs is not None
    assert mine["decisions"] > 0 and mine["unconfirmed"] == 0
    assert mine["version"] == r.json()["version"]
    # nothing of the first reviewer's work shows in the second's row
    assert (theirs["decisions"], theirs["version"], theirs["status"]) == (0, 0, "screened")
    assert theirs["unconfirmed"] > 0
    assert _row(client, bearer(app, "rev3")) is None, "not assigned: not listed"
    assert _row(client, bearer(app, "lead"))["status"] == "in_review"  # the final view


def test_an_admin_not_assigned_adjudicates_but_does_not_review(client: TestClient,
                                                               app: Any) -> None:
    """The rule (README "Team review"): on an assigned submission only the assigned
    reviewers record review decisions; an admin or lead who is not one of them records only
    adjudications, once both have finished."""
    _team(app)
    url = f"/api/submissions/{SID}"
    admin = bearer(app, "admin")
    data = client.get(url, headers=admin).json()
    assert client.post(f"{url}/decisions", headers=admin,
                       json=confirm_all_body(data)).status_code == 403
    for name in ("rev", "rev2"):
        who = bearer(app, name)
        body = confirm_all_body(client.get(url, headers=who).json())
        if name == "rev2":
            body["documents"][REVIEW]["subissues"]["1.1"] = {
                "covered": not data["documents"][REVIEW]["subissues"]["1.1"]["proposed"],
                "reason": "เห็นต่าง"}
        assert client.post(f"{url}/decisions", headers=who, json=body).status_code == 200
    diff = client.get(f"{url}/differences", headers=admin).json()
    final = {"base_version": diff["version"], "documents": {"สรุปผลการทบทวน.docx": {
        "subissues": {"1.1": {"covered": True, "reason": "ผู้ดูแลตัดสิน"}}}}}
    r = client.post(f"{url}/adjudication", headers=admin, json=final)
    assert r.status_code == 200, r.text
    assert _status(client, app) == "confirmed"
