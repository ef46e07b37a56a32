"""Double review in a real browser (issue 14's "adjudicated in the browser"): an admin assigns
two reviewers on the team page; each reviews blind (the second disagrees on one item on the
review page, with a reason, and sees nothing of the first's); a lead adjudicates on the team
page; the score is computed from the adjudicated decision."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from test_browser import (  # noqa: F401  (fixtures, used by name)
    CLI,
    WAIT_MS,
    _login,
    _patient,
    _save_of,
    _users_add,
    browser_type_launch_args,
    serving,
)
from web_support import SUBMISSIONS, confirm_all_body

pytestmark = pytest.mark.browser

SID = "s01-fisheries"
REVIEW = "สรุปผลการทบทวน.docx"
USERS = {"adm": ("admin", "adm-pass-1"), "somchai": ("reviewer", "somchai-pass"),
         "malee": ("reviewer", "malee-pass1"), "lek": ("lead", "lek-pass-1")}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """``serve`` over a store holding the screened s01 sample, four users and their tokens."""
    root = tmp_path_factory.mktemp("team")
    db = root / "review.db"
    subprocess.run([*CLI, "screen", str(SUBMISSIONS / SID), "--db", str(db), "--quiet"],
                   check=True, capture_output=True)
    for name, (role, password) in USERS.items():
        _users_add(db, name, role, password)
    tokens = {name: subprocess.run([*CLI, "users", "token", name, "--db", str(db)], check=True,
                                   capture_output=True, text=True).stdout.split()[-1]
              for name in ("somchai", "malee", "lek")}
    with serving(db, root / "uploads") as base:
        yield base, tokens


def _api(base: str, token: str) -> httpx.Client:
    return httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"},
                        timeout=WAIT_MS / 1000)


def test_double_review_adjudicated_in_the_browser(served: Any, browser: Any) -> None:
    base, tokens = served
    url = f"/api/submissions/{SID}"
    admin = browser.new_page()
    _login(admin, base, "adm", USERS["adm"][1])
    admin.goto(f"{base}/submissions/{SID}/team")
    admin.select_option("#assign-form select[name=reviewer] >> nth=0", "somchai")
    admin.select_option("#assign-form select[name=reviewer] >> nth=1", "malee")
    with admin.expect_navigation(timeout=WAIT_MS):
        admin.click("#assign-form button[type=submit]")
    assert "double review" in admin.inner_text("#assigned")

    with _api(base, tokens["somchai"]) as api:  # the first reviewer confirms every proposal
        data = api.get(url).json()
        assert api.post(f"{url}/decisions", json=confirm_all_body(data)).status_code == 200
    proposed = data["documents"][f"{SID}/{REVIEW}"]["subissues"]["2.1"]["proposed"]
    with _api(base, tokens["malee"]) as api:  # so does the second, blind to the first
        mine = api.get(url).json()
        assert mine["version"] == 0
        assert api.post(f"{url}/decisions", json=confirm_all_body(mine)).status_code == 200

    page = browser.new_page()  # ... then changes her mind on 2.1 in the review page
    page.set_default_timeout(WAIT_MS)
    _login(page, base, "malee", USERS["malee"][1])
    page.goto(f"{base}/submissions/{SID}")
    page.click(f"nav.doclist a:has-text('{REVIEW.removesuffix('.docx')}')")
    page.click("li.item[data-item='2.1'] a")
    page.wait_for_selector("li.item.selected[data-item='2.1']")
    assert "somchai" not in page.content(), "nothing of the other reviewer's"
    page.keyboard.press("o")
    page.fill("#override textarea[name=reason]", "ไม่พบแผนการจัดการข้อมูลในเอกสาร")
    assert _save_of(page, lambda: page.click("#override button[type=submit]")).status == 200

    lead = browser.new_page()
    lead.set_default_timeout(WAIT_MS)
    _login(lead, base, "lek", USERS["lek"][1])
    lead.goto(f"{base}/submissions/{SID}/team")
    assert "in_adjudication" in lead.inner_text("#assigned")
    row = lead.locator("#differences tr[data-item='2.1']")
    assert "ไม่พบแผนการจัดการข้อมูลในเอกสาร" in row.inner_text()  # both decisions, both reasons
    final = not proposed  # the lead sides with the second reviewer
    row.locator("select[name=value]").select_option("true" if final else "false")
    row.locator("input[name=reason]").fill("ตรวจเอกสารแล้ว เห็นด้วยกับผู้ตรวจคนที่สอง")
    with lead.expect_navigation(timeout=WAIT_MS):
        row.locator("button[type=submit]").click()
    assert "lek: ตรวจเอกสารแล้ว" in lead.inner_text("#differences tr[data-item='2.1']")

    with _api(base, tokens["lek"]) as api:  # the final view and the score follow the lead
        state = api.get(url).json()
        assert state["status"] == "confirmed"
        confirmed = state["documents"][f"{SID}/{REVIEW}"]["confirmed"]["subissues"]
        assert confirmed["2.1"] is final
        score = api.get(f"{url}/score")
        assert score.status_code == 200, score.text
    with _api(base, tokens["somchai"]) as api:  # the first reviewer's own stream is unchanged
        theirs = api.get(url).json()["documents"][f"{SID}/{REVIEW}"]["confirmed"]["subissues"]
        assert theirs["2.1"] is proposed
    lead.goto(f"{base}/submissions/{SID}/score")
    assert lead.locator("ul.missing").count() == 0, "nothing left to confirm"
