"""Documents about something else: the two real budget books (../shared/realworld) come out as
role ``other`` with no sub-issue proposed, and ``screen`` warns that a submission of only such
documents does not look like a KPI-14 submission (a line on stderr, ``warnings`` in JSON)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import REALWORLD, need_path

from evidence_review.cli import main

BUDGETS = ["budget-excel-distiller.pdf", "budget-acrobat9.pdf"]


@pytest.mark.slow
def test_budget_books_are_other_with_nothing_proposed_and_screen_warns(tmp_path: Path) -> None:
    agency = tmp_path / "agency-budget"
    agency.mkdir()
    for name in BUDGETS:
        shutil.copy(need_path(REALWORLD / name), agency / name)
    out = tmp_path / "screen.json"
    r = CliRunner().invoke(main, ["screen", str(agency), "--json", str(out), "--quiet",
                                  "--db", str(tmp_path / "r.db")])
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(d["path"] for d in data["documents"]) == sorted(BUDGETS)
    for d in data["documents"]:
        assert d["role"] == "other", d["path"]
        assert not [sid for sid, s in d["subissues"].items() if s["proposed"]], d["path"]
    (warnings,) = [s["warnings"] for s in data["submissions"]]
    assert len(warnings) == 1 and "KPI-14" in warnings[0]
    assert "warning: agency-budget: ไม่เหมือนเอกสารประกอบตัวชี้วัดที่ 14" in r.stderr
