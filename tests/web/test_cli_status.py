"""What the command line does shows in the workspace: a submission scored by ``score`` or
``report`` is ``scored`` in the list, and the agency's name read from the documents at
screening (or set by hand, which wins) names it in the list and the reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient
from web_support import bearer, confirm_all_body, login

from evidence_review.cli.main import main

SID = "s02-nakhonsawan"


def _statuses(client: TestClient, app: Any) -> dict[str, dict[str, Any]]:
    rows = client.get("/api/submissions", headers=bearer(app, "view")).json()
    return {r["id"]: r for r in rows}


def _confirm(client: TestClient, app: Any) -> None:
    headers = bearer(app, "rev")
    data = client.get(f"/api/submissions/{SID}", headers=headers).json()
    r = client.post(f"/api/submissions/{SID}/decisions", json=confirm_all_body(data),
                    headers=headers)
    assert r.status_code == 200, r.text


@pytest.mark.parametrize("args", [["score", SID], ["report", SID, "--format", "md"]],
                         ids=["score", "report"])
def test_scoring_on_the_command_line_shows_scored(client: TestClient, app: Any, db: Path,
                                                  args: list[str]) -> None:
    _confirm(client, app)
    assert _statuses(client, app)[SID]["status"] == "confirmed"
    result = CliRunner().invoke(main, [*args, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _statuses(client, app)[SID]["status"] == "scored"


def test_a_draft_report_does_not_make_it_scored(client: TestClient, app: Any,
                                                 db: Path) -> None:
    result = CliRunner().invoke(main, ["report", SID, "--draft", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _statuses(client, app)[SID]["status"] != "scored"


def test_agency_name_read_at_screening_names_the_submission(client: TestClient, app: Any,
                                                           db: Path) -> None:
    rows = _statuses(client, app)
    # the documents' first lines name the agency (a title page, an order's heading)
    assert rows[SID]["agency"] == "จังหวัดนครสวรรค์"
    assert rows["s01-fisheries"]["agency"] == "กรมส่งเสริมการประมงพื้นบ้าน"
    assert "จังหวัดนครสวรรค์" in login_and_get(client, "/submissions")
    report = CliRunner().invoke(main, ["report", SID, "--draft", "--db", str(db)])
    assert "จังหวัดนครสวรรค์ (s02-nakhonsawan)" in report.output
    # set by hand it wins; cleared, the name read from the documents is back
    from evidence_review.store.agency import agency_name, set_agency_name

    engine = app.state.store.engine
    set_agency_name(engine, SID, "สำนักงานจังหวัดนครสวรรค์", "admin")
    assert agency_name(engine, SID) == "สำนักงานจังหวัดนครสวรรค์"
    set_agency_name(engine, SID, "", "admin")
    assert agency_name(engine, SID) == "จังหวัดนครสวรรค์"


def login_and_get(client: TestClient, url: str) -> str:
    login(client, "view")
    return client.get(url).text


def test_agency_command_shows_sets_and_clears(app: Any, db: Path) -> None:
    def run(*args: str) -> str:
        result = CliRunner().invoke(main, ["agency", SID, *args, "--db", str(db)])
        assert result.exit_code == 0, result.output
        return result.output

    assert run().startswith(f"{SID}: ชื่อส่วนราชการในรายงาน: จังหวัดนครสวรรค์ (อ่านจากเอกสาร)")
    out = run("สำนักงานจังหวัด  นครสวรรค์", "--by", "lek")
    assert out.startswith(f"{SID}: ชื่อส่วนราชการในรายงาน: สำนักงานจังหวัด นครสวรรค์ (กำหนดเอง)")
    report = CliRunner().invoke(main, ["report", SID, "--draft", "--db", str(db)])
    assert "สำนักงานจังหวัด นครสวรรค์ (s02-nakhonsawan)" in report.output
    assert "(อ่านจากเอกสาร)" in run("--clear")
    long = CliRunner().invoke(main, ["agency", SID, "ก" * 301, "--db", str(db)])
    assert long.exit_code == 1 and "ชื่อส่วนราชการยาวเกิน 300 ตัวอักษร" in long.output
    both = CliRunner().invoke(main, ["agency", SID, "x", "--clear", "--db", str(db)])
    assert both.exit_code == 2
