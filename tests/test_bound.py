"""A bound file (one PDF holding a review, a plan and a progress report,
fixtures/make_bound_fixtures.py) is screened as three documents named FILE#pages=A-B, the
submission scores from it alone, and a reviewer's split applies at the next screen."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from support import FIXTURES, expected_score, labels_for

from evidence_review.cli import main

AGENCY = "b01-nakhonsawan"
BOUND = FIXTURES / "bound" / AGENCY
FILE = "เอกสารประกอบตัวชี้วัดที่ 14.pdf"
SOURCE = "s02-nakhonsawan"  # the three files bound, in this order
ORDER = ("review", "plan", "progress")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def decisions(parts: list[dict]) -> dict:
    """What the s02 labels say, given on the bound file's parts (review, plan, progress)."""
    by_role = {d["role"]: d for d in labels_for(SOURCE)}
    docs: dict[str, dict] = {}
    for part, role in zip(parts, ORDER, strict=True):
        label = by_role[role]
        entry: dict = {"role": role, "reason": "checked against the document"}
        if role in ("review", "plan"):
            entry["subissues"] = {sid: {"covered": sid in label["covered"]}
                                  for sid in part["subissues"]}
        if role == "plan":
            entry["improvement_vs_2549"] = bool(label.get("improvement_vs_2549"))
        docs[part["path"]] = entry
    acts = [{k: a.get(k) for k in ("name", "weight", "percent", "achieved")}
            for a in by_role["progress"]["activities"]]
    return {"reviewer": "tester", "documents": docs,
            "progress": {"activities": acts, "reason": "figures checked"}}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "subs" / AGENCY
    shutil.copytree(BOUND, target)
    return target


def screen(folder: Path, db: str, out: Path) -> dict:
    r = run("screen", str(folder), "--db", db, "--json", str(out), "--quiet")
    assert r.exit_code == 0, r.output
    return json.loads(out.read_text(encoding="utf-8"))


def test_a_bound_file_is_three_documents_and_the_submission_scores(folder: Path,
                                                                   tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    data = screen(folder, db, tmp_path / "screen.json")
    docs = data["documents"]
    assert [d["path"] for d in docs] == [f"{FILE}#pages=1-2", f"{FILE}#pages=3-4",
                                         f"{FILE}#pages=5-5"]
    assert [d["role"] for d in docs] == list(ORDER)
    assert len({d["sha256"] for d in docs}) == 1
    assert docs[1]["part"] == {"of": FILE, "first_page": 3, "last_page": 4}
    assert data["submissions"][0]["documents"] == [d["path"] for d in docs]
    assert all(e["page"] in (3, 4) for e in docs[1]["subissues"]["3.1"]["evidence"])
    file = tmp_path / "decisions.yaml"
    file.write_text(yaml.safe_dump(decisions(docs), allow_unicode=True), encoding="utf-8")
    r = run("review", AGENCY, "--decisions", str(file), "--db", db)
    assert r.exit_code == 0, r.output
    assert f"all confirmed: `evidence-review score {AGENCY}` can score it" in r.stdout
    r = run("score", AGENCY, "--db", db, "--json")
    assert r.exit_code == 0, r.output
    total, _ = expected_score(SOURCE)
    got = json.loads(r.stdout)["totals"]["score_text"]
    assert got == str(total.quantize(Decimal("0.0001"), rounding="ROUND_HALF_UP"))


def test_the_reviewer_corrects_the_split_and_the_next_screen_applies_it(
        folder: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    screen(folder, db, tmp_path / "first.json")
    file = tmp_path / "split.yaml"
    file.write_text(yaml.safe_dump({"reviewer": "tester", "documents": {
        f"{FILE}#pages=1-2": {"parts": ["1-2", "3-5"],
                              "reason": "the plan and its report are one document"}}},
        allow_unicode=True), encoding="utf-8")
    r = run("review", AGENCY, "--decisions", str(file), "--db", db)
    assert r.exit_code == 0, r.output
    assert "1-2, 3-5" in r.stderr
    data = screen(folder, db, tmp_path / "again.json")
    assert [d["path"] for d in data["documents"]] == [f"{FILE}#pages=1-2",
                                                      f"{FILE}#pages=3-5"]
    from evidence_review.store.db import Store

    with Store.open(db, create=False) as store:
        live = [d.path for d in store.documents(AGENCY)]
    assert live == [f"{FILE}#pages=1-2", f"{FILE}#pages=3-5"]


def test_a_split_that_does_not_fit_the_file_is_refused(folder: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    screen(folder, db, tmp_path / "first.json")
    file = tmp_path / "split.yaml"
    file.write_text(yaml.safe_dump({"reviewer": "tester", "documents": {
        f"{FILE}#pages=1-2": {"parts": ["1-2", "3-9"], "reason": "x"}}},
        allow_unicode=True), encoding="utf-8")
    r = CliRunner().invoke(main, ["review", AGENCY, "--decisions", str(file), "--db", db])
    assert r.exit_code == 1
    assert "parts: 3-9: ไฟล์มีเพียง 5 หน้า [3-9: the file has 5 pages]" in r.output


def test_a_role_set_by_the_reviewer_reads_the_part_under_the_runners_limits(
        folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The review part set to progress by the reviewer: its activity table is read from the
    part's own pages, through pipeline.limited (a worker with screen's limits)."""
    from evidence_review.pipeline import limited

    calls: list[str] = []
    real = limited.extract_limited

    def counted(path, options=None, timeout_s=None, memory_mb=limited.MEMORY_MB):
        calls.append(str(path))
        return real(path, options, timeout_s, memory_mb)

    monkeypatch.setattr(limited, "extract_limited", counted)
    db = str(tmp_path / "r.db")
    screen(folder, db, tmp_path / "first.json")
    file = tmp_path / "role.yaml"
    file.write_text(yaml.safe_dump({"reviewer": "tester", "documents": {
        f"{FILE}#pages=1-2": {"role": "progress", "reason": "checking the worker path"}}},
        allow_unicode=True), encoding="utf-8")
    r = run("review", AGENCY, "--decisions", str(file), "--db", db)
    assert r.exit_code == 0, r.output
    assert [Path(c).name for c in calls] == [FILE]
    from evidence_review.store.db import Store

    with Store.open(db, create=False) as store:
        doc = next(d for d in store.documents(AGENCY) if d.path.endswith("#pages=1-2"))
        table = store.analysis(doc.id, "activities") or {}
    pages = {a.get("page") for a in table.get("activities", [])}
    assert pages <= {1, 2, None}


def test_the_review_page_shows_a_parts_own_pages(folder: Path, tmp_path: Path) -> None:
    from evidence_review.review.state import review_state
    from evidence_review.rubric.model import load_rubric
    from evidence_review.store.db import Store
    from evidence_review.web.review_page import document_view

    db = str(tmp_path / "r.db")
    screen(folder, db, tmp_path / "screen.json")
    rubric = load_rubric()
    with Store.open(db, create=False) as store:
        st = review_state(store, AGENCY, rubric)
    views = {d.doc.path: document_view(d, "3.1") for d in st.documents}
    assert [p.number for p in views[f"{FILE}#pages=3-4"].pages] == [3, 4]
    assert [p.number for p in views[f"{FILE}#pages=5-5"].pages] == [5]


def test_a_bound_word_file_is_split_at_its_page_breaks(tmp_path: Path) -> None:
    """One DOCX holding the three documents, each starting on a new page with its title."""
    import docx
    from docx.enum.text import WD_BREAK

    from evidence_review.pipeline.document import documents_of, screen_document
    from evidence_review.rubric.model import load_rubric

    d = docx.Document()
    body = ("ศูนย์สารสนเทศสำรองข้อมูลลงเทปทุกคืน นำเทปไปเก็บที่อาคารอื่น และทดลองกู้คืนข้อมูล"
            "ทุกไตรมาส กำหนดสิทธิผู้ใช้รายบุคคลให้อ่านหรือแก้ไขข้อมูลตามหน้าที่")
    parts = [("สรุปผลการทบทวนและวิเคราะห์ระบบฐานข้อมูลสารสนเทศ ปี 2550", []),
             ("แผนปฏิบัติการการบริหารจัดการระบบฐานข้อมูลสารสนเทศ ปี 2550",
              [["กิจกรรม", "ระยะเวลา", "ผู้รับผิดชอบ"], ["สำรองข้อมูลทุกคืน", "ต.ค. 49 - ก.ย. 50",
                                                       "ศูนย์สารสนเทศ"]]),
             ("รายงานผลการดำเนินงานตามแผนปฏิบัติการ รอบ 12 เดือน",
              [["กิจกรรม", "น้ำหนัก", "ร้อยละความก้าวหน้า", "ผลการดำเนินงาน"],
               ["สำรองข้อมูลทุกคืน", "50", "100", "บรรลุ"],
               ["ทดลองกู้คืนข้อมูล", "50", "100", "บรรลุ"]])]
    for i, (title, table) in enumerate(parts):
        if i:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        d.add_heading(title, 1)
        d.add_paragraph(body)
        if table:
            t = d.add_table(rows=len(table), cols=len(table[0]))
            for r, row in enumerate(table):
                for c, text in enumerate(row):
                    t.cell(r, c).text = text
    f = tmp_path / "bound.docx"
    d.save(f)
    screened = documents_of(screen_document(f, load_rubric(), "a/bound.docx", "a"))
    assert [(s.path, s.role.value) for s in screened] == [
        ("a/bound.docx#pages=1-1", "review"), ("a/bound.docx#pages=2-2", "plan"),
        ("a/bound.docx#pages=3-3", "progress")]


def test_a_file_screened_whole_then_split_by_the_reviewer_counts_only_as_its_parts(
        tmp_path: Path) -> None:
    agency = tmp_path / "subs" / "s02-review"
    agency.mkdir(parents=True)
    name = "สรุปผลการทบทวนระบบฐานข้อมูล จ.นครสวรรค์.pdf"
    shutil.copy(FIXTURES / "submissions" / SOURCE / name, agency / name)
    db = str(tmp_path / "r.db")
    first = screen(agency, db, tmp_path / "first.json")
    assert [d["path"] for d in first["documents"]] == [name]
    file = tmp_path / "split.yaml"
    file.write_text(yaml.safe_dump({"reviewer": "tester", "documents": {
        name: {"parts": ["1-1", "2-2"], "reason": "two documents"}}}, allow_unicode=True),
        encoding="utf-8")
    assert run("review", "s02-review", "--decisions", str(file), "--db", db).exit_code == 0
    again = screen(agency, db, tmp_path / "again.json")
    assert [d["path"] for d in again["documents"]] == [f"{name}#pages=1-1", f"{name}#pages=2-2"]
    from evidence_review.store.db import Store

    with Store.open(db, create=False) as store:
        assert [d.path for d in store.documents("s02-review")] == [
            f"{name}#pages=1-1", f"{name}#pages=2-2"]
