"""``evidence-review extract``: exit codes, the human layout and the --json contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from click.testing import CliRunner
from support import FIXTURES

from evidence_review.cli import main

FORMATS = FIXTURES / "formats"


def run(*args: str):
    return CliRunner().invoke(main, ["extract", *args])


def test_human_output_has_header_pages_and_tables() -> None:
    path = FORMATS / "sample.xlsx"
    result = run(str(path))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{path}: Excel (.xlsx), success, 2 pages")
    assert lines[1] == "--- page 1 (quality -) ---"
    assert lines[2] == "สรุปผล"
    assert "--- page 2 (quality -) ---" in lines
    assert "[table 1: 5 rows x 4 columns]" in lines
    assert ("การสำรองข้อมูล | 12 | 10 | 83.33%") in lines
    assert result.stderr == ""


def test_json_output_is_the_document_contract() -> None:
    path = FORMATS / "sample.docx"
    result = run(str(path), "--json")
    assert result.exit_code == 0
    assert "\\u0e" not in result.stdout  # Thai printed as UTF-8, not escaped
    data = json.loads(result.stdout)
    assert data["format"] == "docx" and data["status"] == "success" and data["error"] is None
    assert [p["number"] for p in data["pages"]] == [1, 2]
    assert data["pages"][0]["blocks"][1] == {"kind": "heading", "level": 1,
                                              "text": "ส่วนที่ ๑ ข้อมูลทั่วไป"}
    assert data["tables"][0]["rows"][0] == ["แผนปฏิบัติการ ปีงบประมาณ ๒๕๕๐"] * 3
    assert len(data["sha256"]) == 64


def test_failure_is_one_line_and_exit_1_also_with_json(tmp_path) -> None:
    path = tmp_path / "ไม่มีไฟล์.pdf"
    result = run(str(path))
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == (
        f"error: {path}: ไม่พบไฟล์ [cannot read file: No such file or directory]\n")
    folder = run(str(tmp_path))
    assert folder.exit_code == 1
    assert folder.stderr == f"error: {tmp_path}: ไม่ใช่ไฟล์เอกสาร [not a regular file]\n"
    as_json = run(str(path), "--json")
    assert as_json.exit_code == 1 and json.loads(as_json.stdout)["status"] == "failure"


def test_help_has_an_example() -> None:
    result = run("--help")
    assert result.exit_code == 0 and "evidence-review extract " in result.stdout


def test_real_process_prints_no_traceback(tmp_path) -> None:
    bad = tmp_path / "report.docx"
    bad.write_bytes(b"PK\x03\x04" + bytes(200))
    proc = subprocess.run([sys.executable, "-m", "evidence_review", "extract", str(bad)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 1
    assert proc.stderr == (f"error: {bad}: ไฟล์ Word เสียหาย (โครงสร้าง zip เสียหาย) "
                           "[not a valid Word file (damaged zip)]\n")
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_internal_error_is_still_one_line(tmp_path) -> None:
    """A bug in a backend becomes one error line, not a logged traceback. The file is read in a
    worker process, so the bug is planted by a sitecustomize every process of the run loads."""
    (tmp_path / "sitecustomize.py").write_text(
        "import evidence_review.extractors.text as t\n"
        "def boom(self, record, limits):\n"
        "    raise RuntimeError('simulated bug\\nsecond line')\n"
        "t.TextExtractor.extract = boom\n", encoding="utf-8")
    code = (
        "from evidence_review.cli import main\n"
        f"main(['extract', {str(FORMATS / 'sample-utf16.txt')!r}], prog_name='evidence-review')\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(tmp_path), *filter(None, [os.environ.get("PYTHONPATH")])])}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, env=env)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr == (
        f"error: {FORMATS / 'sample-utf16.txt'}: อ่านไฟล์นี้ไม่ได้ เกิดข้อผิดพลาดภายในโปรแกรม "
        "(RuntimeError: simulated bug) [could not read this file (RuntimeError: simulated bug)]\n")
    assert proc.stderr.count("\n") == 1
