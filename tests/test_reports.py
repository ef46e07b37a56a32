"""Reports in every format from a confirmed review; drafts; the batch summary; PDF and Calc."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import need_tool
from test_decisions import RUBRIC, full_decisions, write
from test_decisions import run as run_review

from evidence_review.cli import main
from evidence_review.reports.render import mark


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def confirmed_db(tmp_path: Path) -> str:
    """A store where agency-01 is fully confirmed and agency-02 is not."""
    db = str(tmp_path / "r.db")
    for name in ("agency-01", "agency-02"):
        folder = tmp_path / name
        folder.mkdir()
        for stem in ("review", "plan", "progress", "order"):
            (folder / f"{stem}.txt").write_text(f"{name} {stem}", encoding="utf-8")
    data = full_decisions()
    data["documents"]["agency-01/review.txt"]["subissues"]["3.4"] = {
        "covered": True, "reason": "ย้ายเครื่องแม่ข่ายไปสำรองที่จังหวัดอื่นหลังน้ำท่วม"}
    r = run_review("review", str(tmp_path / "agency-01"), "--decisions",
            str(write(tmp_path, "d.yaml", data)), "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 0, r.output
    r = run_review("review", str(tmp_path / "agency-02"), "--decisions",
            str(write(tmp_path, "d2.yaml", {"reviewer": "malee", "documents": {}})),
            "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 0, r.output
    return db


def report(db: str, *args: str):
    return run("report", "agency-01", "--db", db, "--rubric", RUBRIC, *args)


def test_markdown_report_has_the_official_table_and_decisions(confirmed_db: str) -> None:
    r = report(confirmed_db, "--format", "md")
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert ("| ตัวชี้วัด | น้ำหนัก (ร้อยละ) | ผลการดำเนินงาน | ค่าคะแนนที่ได้ | "
            "ค่าคะแนนถ่วงน้ำหนัก |") in lines
    # review 9 -> 4, plan 9 without improvement -> 4, implemented 70 -> 2, achieved 40 -> 0
    assert any(line.startswith("| 1) ") and "| 9 ประเด็นย่อย | 4.0000 | 0.0400 |" in line
               for line in lines)
    assert any("| ร้อยละ 70.0000 | 2.0000 | 0.0200 |" in line for line in lines)
    total = next(line for line in lines if line.startswith("| **"))
    assert total.endswith("| 4 | 2.0000 | 2.0000 | 0.0800 |")  # (4 + 2 + 2 + 0) / 4
    assert any("| 3.4 |" in line and "| somchai | ย้ายเครื่องแม่ข่าย" in line for line in lines)
    assert "ฉบับร่าง" not in r.stdout
    assert "- เกณฑ์ที่ 2 ได้ไม่เกินระดับ 4 เมื่อแผนไม่ระบุส่วนที่พัฒนาเพิ่มเติม" in r.stdout  # Thai first
    assert "[criterion 2 is capped at level 4 when the plan" in r.stdout


def test_unconfirmed_report_is_refused_unless_draft(confirmed_db: str, tmp_path: Path) -> None:
    r = run("report", "agency-02", "--db", confirmed_db, "--rubric", RUBRIC, "--format", "md")
    assert r.exit_code == 3
    assert r.stderr.startswith("ออกรายงาน agency-02 ไม่ได้: ยังไม่ได้ยืนยัน 26 รายการ: "
                               "[cannot report on agency-02: 26 items not confirmed:]")
    r = run("report", "agency-02", "--db", confirmed_db, "--rubric", RUBRIC, "--format",
            "html", "--draft")
    assert r.exit_code == 0
    assert r.stdout.count("ฉบับร่าง (DRAFT)") >= 2  # banner, title, and the @page rule
    assert '<body class="draft">' in r.stdout


def test_json_report(confirmed_db: str) -> None:
    data = json.loads(report(confirmed_db, "--format", "json").stdout)
    assert data["status"] == "confirmed"
    assert data["score"]["totals"]["score_text"] == "2.0000"
    assert [c["score"] for c in data["score"]["criteria"]] == [4.0, 4.0, 2.0, 0.0]
    review_doc = next(d for d in data["documents"] if d["path"] == "review.txt")
    assert review_doc["subissues"][0]["pages"] == [2]


def test_xlsx_report_opens_with_openpyxl(confirmed_db: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "r.xlsx"
    assert report(confirmed_db, "--format", "xlsx", "-o", str(out)).exit_code == 0
    wb = load_workbook(out)
    assert wb.sheetnames == ["สรุปคะแนน", "ประเด็นย่อย", "ความครบถ้วนของแผน", "ผลการดำเนินงาน"]
    rows = list(wb["สรุปคะแนน"].iter_rows(values_only=True))
    assert rows[1][:5] == ("ตัวชี้วัด", "น้ำหนัก (ร้อยละ)", "ผลการดำเนินงาน", "ค่าคะแนนที่ได้",
                           "ค่าคะแนนถ่วงน้ำหนัก")
    total = rows[6]
    assert (total[1], total[3], total[4]) == (4.0, 2.0, 0.08)
    progress = list(wb["ผลการดำเนินงาน"].iter_rows(values_only=True))
    assert progress[2] == ("พัฒนาระบบฐานข้อมูล", 40.0, 100.0, "✓")


@pytest.mark.libreoffice
def test_xlsx_report_opens_in_libreoffice_calc(confirmed_db: str, tmp_path: Path) -> None:
    soffice = need_tool("soffice", "libreoffice-calc-nogui")
    out = tmp_path / "r.xlsx"
    assert report(confirmed_db, "--format", "xlsx", "-o", str(out)).exit_code == 0
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
                    str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    rows = list(csv.reader((tmp_path / "r.csv").open(encoding="utf-8")))
    assert rows[1][:2] == ["ตัวชี้วัด", "น้ำหนัก (ร้อยละ)"]
    assert rows[6][1:5] == ["4", "2.0000", "2.0000", "0.0800"]  # shown with 4 decimals


@pytest.mark.pdfreport
def test_pdf_report_has_thai_text_and_draft_label(confirmed_db: str, tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    need_tool("fc-list", "fontconfig")
    out = tmp_path / "draft.pdf"
    r = run("report", "agency-02", "--db", confirmed_db, "--rubric", RUBRIC, "--format", "pdf",
            "--draft", "-o", str(out))
    assert r.exit_code == 0, r.output
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(out))
    texts = [re.sub(r"\s+", "", unicodedata.normalize("NFKC",
                                                      pdf[i].get_textpage().get_text_range()))
             for i in range(len(pdf))]  # spaces and wrapped table cells ignored
    pdf.close()
    assert len(texts) >= 2
    assert all("ฉบับร่าง(DRAFT)" in t for t in texts)  # on every page
    for word in ("ค่าคะแนนถ่วงน้ำหนัก", "การดำเนินงาน", "ประเด็นย่อย"):
        assert unicodedata.normalize("NFKC", word) in texts[0]


def test_batch_summary_xlsx_and_csv(confirmed_db: str, tmp_path: Path) -> None:
    out = tmp_path / "summary"
    r = run("report", "--all", "--out", str(out), "--db", confirmed_db, "--rubric", RUBRIC)
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("2 หน่วยงาน (ยืนยันครบ 1, ยังไม่ครบ 1): ")  # Thai first
    assert "[2 submissions (1 confirmed, 1 incomplete): " in r.stdout
    rows = list(csv.reader((out / "summary.csv").open(encoding="utf-8-sig")))
    assert rows[1][:8] == ["agency-01", "confirmed", "4.0000", "4.0000", "2.0000", "0.0000",
                           "2.0000", "0.0800"]
    assert rows[2][:3] == ["agency-02", "incomplete", ""]
    assert rows[0][-1] == "ชื่อส่วนราชการ (agency)" and len(rows[1]) == len(rows[0])  # (added)
    from openpyxl import load_workbook

    assert load_workbook(out / "summary.xlsx").active.max_row == 3


def test_marks() -> None:
    assert [mark(True), mark(False), mark(None), mark(True, confirmed=False)] == [
        "✓", "✗", "?", "✓*"]


def test_doctests() -> None:
    import doctest

    import evidence_review.reports.pdf as reports_pdf
    import evidence_review.reports.render as reports_render
    for module in (reports_render, reports_pdf):
        assert doctest.testmod(module).failed == 0, module.__name__
