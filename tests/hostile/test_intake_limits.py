"""Issue 10, reading: nothing read from outside the folder given, no special file opened, and
the same limits on every path (extract as screen); sheets bounded by the cells that exist, big
text files refused with the limit named. Each case ends with one clear line."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from evidence_review.cli import main
from evidence_review.intake import discover, record_file
from evidence_review.intake.confine import admit
from evidence_review.messages import MessageKey, message
from hostile import make

pytestmark = pytest.mark.skipif(os.name != "posix", reason="links, FIFOs and sockets")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def agency(tmp_path: Path) -> Path:
    folder = tmp_path / "agency"
    make.make_docx(folder / "plan.docx")
    return folder


def test_a_link_out_of_the_folder_is_skipped_with_the_reason(agency: Path) -> None:
    (agency / "etc").symlink_to("/etc")
    (agency / "passwd").symlink_to("/etc/passwd")
    (sub,) = discover([agency])
    assert [f.name for f in sub.files] == ["plan.docx"]
    assert sorted(sub.warnings) == [
        f"{agency / 'etc'}: ข้าม (ลิงก์ชี้ออกนอกโฟลเดอร์ที่ระบุ ไปยัง /etc) "
        "[skipped (link leads outside the folder given, to /etc)]",
        f"{agency / 'passwd'}: ข้าม (ลิงก์ชี้ออกนอกโฟลเดอร์ที่ระบุ ไปยัง /etc/passwd) "
        "[skipped (link leads outside the folder given, to /etc/passwd)]",
    ]


def test_a_link_out_of_a_folder_of_agencies_is_skipped(tmp_path: Path) -> None:
    make.make_docx(tmp_path / "all" / "a" / "plan.docx")
    (tmp_path / "all" / "evil").symlink_to("/etc")  # would be an "agency" called evil
    (tmp_path / "all" / "a" / "shadow").symlink_to("/etc/shadow")
    subs = discover([tmp_path / "all"])
    assert [s.id for s in subs] == ["a"]
    assert [f.name for f in subs[0].files] == ["plan.docx"]
    warnings = " ".join(subs[0].warnings)
    assert "evil" in warnings and "shadow" in warnings
    assert warnings.count("[skipped (link leads outside the folder given") == 2


def test_a_link_inside_the_folder_is_still_followed(agency: Path) -> None:
    (agency / "copy.docx").symlink_to(agency / "plan.docx")
    (sub,) = discover([agency])
    assert [f.name for f in sub.files] == ["copy.docx", "plan.docx"]
    assert sub.warnings == []


def test_fifos_devices_and_sockets_are_skipped_with_their_own_reason(agency: Path) -> None:
    os.mkfifo(agency / "pipe.pdf")
    (agency / "zero.pdf").symlink_to("/dev/zero")  # outside: the link rule speaks first
    sock = socket.socket(socket.AF_UNIX)
    sock_path = agency / "s.sock"
    try:
        sock.bind(str(sock_path))
    except OSError:  # some filesystems cannot hold sockets
        sock_path = None
    try:
        (sub,) = discover([agency])
    finally:
        sock.close()
    assert [f.name for f in sub.files] == ["plan.docx"]
    warnings = dict(w.split(": ", 1) for w in sub.warnings)
    assert warnings[str(agency / "pipe.pdf")] == (
        "ข้าม (เป็นช่องสื่อสาร FIFO ไม่ใช่ไฟล์เอกสาร) [skipped (a FIFO, not a document)]")
    assert warnings[str(agency / "zero.pdf")].endswith(
        "[skipped (link leads outside the folder given, to /dev/zero)]")
    if sock_path is not None:
        assert warnings[str(sock_path)] == (
            "ข้าม (เป็นซ็อกเก็ต ไม่ใช่ไฟล์เอกสาร) [skipped (a socket, not a document)]")
    assert admit(Path("/dev/null"), Path("/dev")).reason == (
        "ข้าม (เป็นไฟล์อุปกรณ์ ไม่ใช่ไฟล์เอกสาร) [skipped (a device, not a document)]")


def test_screen_lists_what_it_skipped_and_never_reads_outside(agency: Path,
                                                               tmp_path: Path) -> None:
    (agency / "etc").symlink_to("/etc")
    os.mkfifo(agency / "pipe.txt")
    out = tmp_path / "s.json"
    r = run("screen", str(agency), "--json", str(out), "--quiet", "--jobs", "1",
            "--db", str(tmp_path / "c.db"))
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [d["path"] for d in data["documents"]] == ["plan.docx"]


def test_a_fifo_named_directly_is_one_line(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    assert record_file(fifo).rejection == (
        "ข้าม (เป็นช่องสื่อสาร FIFO ไม่ใช่ไฟล์เอกสาร) [skipped (a FIFO, not a document)]")
    r = run("extract", str(fifo), "--timeout", "20")
    assert r.exit_code == 1
    assert r.stderr == f"error: {fifo}: ข้าม (เป็นช่องสื่อสาร FIFO ไม่ใช่ไฟล์เอกสาร) " \
                       "[skipped (a FIFO, not a document)]\n"


# -- limits ----------------------------------------------------------------------------------
def test_xlsx_declaring_a_huge_dimension_reads_only_its_cells(tmp_path: Path) -> None:
    path = make.xlsx_huge_dimension(tmp_path / "huge.xlsx")
    assert path.stat().st_size < 2048
    t0 = time.monotonic()
    r = run("extract", str(path), "--json", "--timeout", "60")
    assert r.exit_code == 0, r.stderr
    assert time.monotonic() - t0 < 30  # hung for good before
    text = " ".join(p["text"] for p in json.loads(r.stdout)["pages"])
    assert "การสำรองข้อมูล" in text and "ท้าย" in text


def test_a_text_file_over_the_limit_is_refused_naming_it(tmp_path: Path, monkeypatch) -> None:
    path = make.text_one_line(tmp_path / "big.txt", 3)
    monkeypatch.setenv("EVIDENCE_REVIEW_MAX_TEXT_MB", "2")
    from evidence_review.settings import get_settings

    get_settings.cache_clear()
    try:
        r = run("extract", str(path))
    finally:
        get_settings.cache_clear()
    assert r.exit_code == 1
    assert r.stderr == (f"error: {path}: ไฟล์ข้อความมีขนาด 3.0 MB เกินขนาดสูงสุดของไฟล์ข้อความ "
                        "2 MB [text file is 3.0 MB, over the 2 MB limit for text files]\n")


def _planted(tmp_path: Path, body: str) -> dict[str, str]:
    """An environment whose processes (the worker too) run ``body`` as the text reader."""
    (tmp_path / "sitecustomize.py").write_text(
        "import evidence_review.extractors.text as t\n"
        "def slow(self, record, limits):\n"
        + "".join(f"    {line.strip()}\n" for line in body.split(";"))
        + "t.TextExtractor.extract = slow\n", encoding="utf-8")
    return {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(tmp_path), *filter(None, [os.environ.get("PYTHONPATH")])])}


@pytest.mark.parametrize(("body", "options", "expected"), [
    ("import time; time.sleep(60)", ["--timeout", "2"],
     message(MessageKey.TIMED_OUT, seconds=2)),
    # 1.5 GB asked for under a 200 MB cap: the allocation fails inside the worker
    ("x = bytearray(1500 * 2**20); raise SystemExit(len(x))",
     ["--memory-mb", "200"], "[ran out of memory reading this file]"),
])
def test_extract_reads_under_screens_limits(tmp_path: Path, body: str, options: list[str],
                                            expected: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text("การสำรองข้อมูล", encoding="utf-8")
    code = ("from evidence_review.cli import main\n"
            f"main(['extract', {str(path)!r}, *{options!r}], prog_name='evidence-review')\n")
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, env=_planted(tmp_path, body))
    assert time.monotonic() - t0 < 40
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"error: {path}: ") and expected in proc.stderr
