"""Hostile input at batch scale: hundreds of damaged files, encryption, zip bombs, zip-slip,
empty and oversized files, a 5,000-page PDF, link loops, odd names, a kill -9 mid-run.

Every bad file must end as ONE line naming the file and the reason; the batch must finish with
no traceback and every good file's result intact. The hostile files are generated here, in
temporary folders, from small valid files made with python-docx, openpyxl and a hand-written PDF.

The work function is the project's ``evidence_review.pipeline.document:screen_document`` (the
runner's default), so the suite checks what the tool really runs.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from hostile import make

from evidence_review.intake import Limits
from evidence_review.pipeline import Outcome, run_batch
from evidence_review.pipeline.runner import DEFAULT_WORK, work_path

STANDIN = "evidence_review.pipeline.standin:screen_document"
MAX_FILE_MB = 1


def _work() -> str:
    return work_path(DEFAULT_WORK)  # the project's screen_document, never a silent stand-in


@pytest.fixture(autouse=True)
def _no_ocr(monkeypatch):
    # OCR is not what these tests are about; it would only make damaged PDFs slow
    monkeypatch.setenv("EVIDENCE_REVIEW_OCR", "0")


@pytest.fixture(scope="module")
def hostile_tree(tmp_path_factory) -> dict:
    """One batch folder with every hostile case, plus the names of what is where."""
    root = tmp_path_factory.mktemp("hostile") / "batch"
    good = root / "ปกติ"
    base = {"docx": make.make_docx(good / "แผน.docx"), "xlsx": make.make_xlsx(good / "ผล.xlsx"),
            "pdf": make.make_pdf(good / "review.pdf")}
    corrupt = []
    for i, path in enumerate(base.values()):
        corrupt += make.corrupt_variants(path, root / "เสียหาย", 170, seed=100 + i)
    special = root / "special"
    special.mkdir()
    cases = {
        "encrypted": make.pdf_encrypted(special / "encrypted.pdf"),
        "pages": make.pdf_many_pages(special / "5000-pages.pdf"),
        "bomb": make.zip_bomb(special / "bomb.docx", base["docx"]),
        "bomb-xlsx": make.zip_bomb(special / "bomb.xlsx", base["xlsx"]),
        "slip": make.zip_slip(special / "slip.docx", base["docx"]),
        "empty-pdf": special / "empty.pdf",
        "empty-docx": special / "empty.docx",
        "big": special / "big.pdf",
    }
    cases["empty-pdf"].write_bytes(b"")
    cases["empty-docx"].write_bytes(b"")
    cases["big"].write_bytes(make.pdf_bytes(["big"]) + b"%" + b"x" * (MAX_FILE_MB * 2 << 20))
    odd = make.odd_names(root / 'ชื่อ แปลก "😀"', base["docx"])
    loops = root / "loops"
    make.symlink_loops(loops)
    loop_ok = make.make_docx(loops / "ok.docx")
    return {"root": root, "base": base, "corrupt": corrupt, "cases": cases, "odd": odd,
            "loop_ok": loop_ok}


@pytest.fixture(scope="module")
def hostile_run(hostile_tree, tmp_path_factory) -> dict:
    db = f"sqlite:///{tmp_path_factory.mktemp('db') / 'h.db'}"
    results: dict[Path, object] = {}
    mp = pytest.MonkeyPatch()
    mp.setenv("EVIDENCE_REVIEW_OCR", "0")
    try:
        t0 = time.perf_counter()
        summary = run_batch([hostile_tree["root"]], make.minimal_rubric(), jobs=2, timeout_s=60,
                            memory_mb=1024, database_url=db, work=_work(), quiet=True,
                            limits=Limits(max_bytes=MAX_FILE_MB << 20),
                            sink=lambda r: results.__setitem__(r.task.abs_path, r))
        seconds = time.perf_counter() - t0
    finally:
        mp.undo()
    return {"summary": summary, "results": results, "seconds": seconds, "db": db}


def _result(run: dict, path: Path):
    return run["results"][Path(os.path.abspath(path))]


def test_every_file_gets_exactly_one_result_and_the_batch_finishes(hostile_tree, hostile_run):
    summary = hostile_run["summary"]
    expected = (3 + len(hostile_tree["corrupt"]) + len(hostile_tree["cases"])
                + len(hostile_tree["odd"]) + 1)
    assert len(hostile_tree["corrupt"]) >= 500
    assert summary.total == len(hostile_run["results"]) == expected
    assert summary.failed >= len(hostile_tree["cases"]) and summary.exit_status == 1


def test_every_failure_is_one_line_naming_the_file_and_a_reason(hostile_run):
    failures = [r for r in hostile_run["results"].values() if r.failed]
    assert failures
    for r in failures:
        line = r.line()
        assert "\n" not in line and "Traceback" not in line
        where = r.task.display
        assert line.startswith(where + ": ")
        assert len(line) > len(where) + 4  # a reason, not just the name
    assert len(hostile_run["summary"].failures) == len(failures)


def _bilingual(th: str, en: str) -> str:
    """A pattern for the whole message: the Thai reason, then the English one in brackets."""
    return rf"{th} \[{en}\]"


_BOMB = (r"ไฟล์ {label} ไม่ปลอดภัย: ขยายได้ ([\d,]+) เท่า เกินกำหนด 100 เท่า \(zip bomb\)",
         r"unsafe {label} file: expands \1 times, over the 100x limit \(zip bomb\)")


@pytest.mark.parametrize(("case", "reason"), [
    ("encrypted", _bilingual("ไฟล์ PDF ถูกตั้งรหัสผ่าน เปิดอ่านไม่ได้", "PDF is password-protected")),
    ("pages", _bilingual("ไฟล์ PDF มี 5,000 หน้า เกินกำหนด 2,000 หน้า",
                         "PDF has 5,000 pages, over the limit of 2,000")),
    ("bomb", _bilingual(*(p.format(label="Word") for p in _BOMB))),
    ("bomb-xlsx", _bilingual(*(p.format(label="Excel") for p in _BOMB))),
    ("slip", _bilingual(r"ไฟล์ Word ไม่ปลอดภัย: ส่วนประกอบชื่อ '(\.\./\.\./\.\./\.\./tmp/evil\.txt)' "
                        r"ชี้ออกนอกไฟล์ \(zip-slip\)",
                        r"unsafe Word file: member name '\1' points outside the archive "
                        r"\(zip-slip\)")),
    ("empty-pdf", _bilingual(r"ไฟล์ว่างเปล่า \(0 ไบต์\)", r"file is empty \(0 bytes\)")),
    ("empty-docx", _bilingual(r"ไฟล์ว่างเปล่า \(0 ไบต์\)", r"file is empty \(0 bytes\)")),
    ("big", _bilingual(r"ไฟล์มีขนาด 2\.0 MB เกินขนาดสูงสุด 1 MB",
                       r"file is 2\.0 MB, over the 1 MB limit")),
])
def test_hostile_file_fails_with_its_reason(hostile_tree, hostile_run, case, reason):
    r = _result(hostile_run, hostile_tree["cases"][case])
    assert r.failed, f"{case}: {r.status} {r.error}"
    assert re.fullmatch(reason, r.error), f"{case}: {r.error}"


def test_good_files_are_intact_beside_hostile_ones(hostile_tree, hostile_run, tmp_path):
    alone: dict[str, str] = {}
    run_batch([hostile_tree["root"] / "ปกติ"], make.minimal_rubric(), jobs=1, work=_work(),
              database_url=f"sqlite:///{tmp_path / 'alone.db'}", quiet=True,
              limits=Limits(max_bytes=MAX_FILE_MB << 20),
              sink=lambda r: alone.__setitem__(r.task.abs_path.name, r.document_json))
    for path in hostile_tree["base"].values():
        r = _result(hostile_run, path)
        assert r.status in ("success", "partial")
        mine, theirs = json.loads(r.document_json), json.loads(alone[path.name])
        assert mine.pop("path") == f"ปกติ/{path.name}" and theirs.pop("path") == path.name
        mine["proposals"].pop("path")
        theirs["proposals"].pop("path")
        assert mine == theirs


def test_odd_and_thai_names_are_screened_and_printed_on_one_line(hostile_tree, hostile_run):
    for path in hostile_tree["odd"]:
        r = _result(hostile_run, path)
        assert r.status == "success", r.line()
        assert "\n" not in r.line() and r.document.path == r.task.rel
    assert _result(hostile_run, hostile_tree["loop_ok"]).status == "success"


def test_link_loops_and_broken_links_are_skipped_with_a_line_each(hostile_run):
    skipped = hostile_run["summary"].skipped
    assert any(re.search(r"loop-to-self-folder: ข้าม \(ลิงก์วนกลับไปยัง [^)]+\) "
                         r"\[skipped \(link loop back to [^)]+\)\]$", s) for s in skipped), skipped
    assert any(s.endswith("dangling.pdf: ข้าม (ลิงก์เสีย) [skipped (broken link)]")
               for s in skipped), skipped
    assert all("\n" not in s for s in skipped)


def test_damaged_files_never_crash_or_hang_a_worker(hostile_tree, hostile_run):
    outcomes = [_result(hostile_run, p).outcome for p in hostile_tree["corrupt"]]
    assert Outcome.TIMEOUT not in outcomes and Outcome.MEMORY not in outcomes
    # a handful of truncations leave a file that still reads: some must succeed, most fail
    statuses = [_result(hostile_run, p).status for p in hostile_tree["corrupt"]]
    assert statuses.count("failure") > len(statuses) // 4


def test_no_traceback_reaches_the_user(hostile_tree, tmp_path):
    """The whole hostile folder through the demo entry, output captured as a user sees it."""
    code = subprocess.run(
        [sys.executable, "-m", "evidence_review.pipeline", str(hostile_tree["root"] / "special"),
         str(hostile_tree["root"] / "loops"), "--db", f"sqlite:///{tmp_path / 'x.db'}",
         "--work", _work(), "--rubric", _rubric_file(tmp_path), "-j", "2"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "EVIDENCE_REVIEW_OCR": "0", "EVIDENCE_REVIEW_MAX_FILE_MB": "1"},
    )
    assert code.returncode == 1, code.stderr
    assert "Traceback" not in code.stderr + code.stdout
    for name in ("encrypted.pdf", "bomb.docx", "slip.docx", "empty.pdf", "big.pdf"):
        assert sum(name in line for line in code.stderr.splitlines()) == 1, code.stderr


def _rubric_file(tmp_path: Path) -> str:
    from test_batch import _toml

    path = tmp_path / "rubric.toml"
    path.write_text(_toml(make.minimal_rubric()), encoding="utf-8")
    return str(path)


def _rows(db_file: Path) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(submission, path) -> (sha256, status, result JSON) of every committed file."""
    con = sqlite3.connect(db_file)
    try:
        rows = con.execute(
            "SELECT f.submission, f.path, f.sha256, f.status, c.payload FROM screen_files f "
            "LEFT JOIN screen_cache c ON c.sha256 = f.sha256").fetchall()
    except sqlite3.OperationalError:  # killed before the tables existed
        return {}
    finally:
        con.close()
    return {(s, p): (sha, st, zlib.decompress(pl).decode() if pl else "")
            for s, p, sha, st, pl in rows}


def test_kill_9_mid_batch_then_rerun_equals_a_clean_run(tmp_path):
    root = tmp_path / "crash"
    for a in range(6):
        for d in range(5):
            make.make_docx(root / f"agency-{a}" / f"doc-{d}.docx",
                           f"{make.BACKUP} agency {a} doc {d}")
    rubric = _rubric_file(tmp_path)
    env = {**os.environ, "EVIDENCE_REVIEW_STANDIN_DELAY_S": "0.15"}

    def cmd(db: Path, out: str = "out") -> list[str]:
        return [sys.executable, "-m", "evidence_review.pipeline", str(root), "--db", f"sqlite:///{db}",
                "--work", "evidence_review.pipeline.standin:slow_screen", "--rubric", rubric,
                "-j", "2", "-q",
                "--jsonl", str(tmp_path / f"{out}.jsonl")]

    crashed = tmp_path / "crashed.db"
    proc = subprocess.Popen(cmd(crashed), env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_rows(crashed)) < 8:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = _rows(crashed)
    assert 8 <= len(before) < 30, "the kill should land mid-batch"

    subprocess.run(cmd(crashed, "rerun"), env=env, check=True, timeout=120)
    after = _rows(crashed)
    clean = tmp_path / "clean.db"
    subprocess.run(cmd(clean), env=env, check=True, timeout=120)

    assert after == _rows(clean) and len(after) == 30
    assert all(after[k] == v for k, v in before.items())  # nothing recorded was lost
    rerun = [json.loads(x) for x in (tmp_path / "rerun.jsonl").read_text().splitlines()]
    assert len(rerun) == 30
    cached = {(r["submission"], r["path"]) for r in rerun if r["outcome"] == "cached"}
    assert set(before) <= cached  # the re-run resumed: committed files were not redone


@pytest.mark.slow
def test_ten_thousand_tiny_files(tmp_path):
    import psutil

    root = tmp_path / "many" / "agency"
    make.many_tiny_files(root, 10_000)
    proc = psutil.Process()
    rss0 = proc.memory_info().rss
    seen = 0

    def sink(r) -> None:
        nonlocal seen
        seen += 1

    summary = run_batch([root], make.minimal_rubric(), jobs=2, work=STANDIN, quiet=True,
                        database_url=f"sqlite:///{tmp_path / 'many.db'}", sink=sink)
    assert summary.total == seen == 10_000 and summary.failed == 0
    assert proc.memory_info().rss - rss0 < 150 * 2**20  # results streamed, not held


def test_kill_9_leaves_no_worker_behind(tmp_path):
    """A worker stuck on a file must not outlive a killed batch."""
    import psutil

    root = tmp_path / "stuck"
    root.mkdir()
    (root / "hang.txt").write_bytes(b"HANG")
    proc = subprocess.Popen(
        [sys.executable, "-m", "evidence_review.pipeline", str(root),
         "--db", f"sqlite:///{tmp_path / 's.db'}",
         "--work", "evidence_review.pipeline.standin:misbehave",
         "--rubric", _rubric_file(tmp_path), "-j", "1",
         "-q", "--timeout", "600"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    coordinator = psutil.Process(proc.pid)
    deadline = time.monotonic() + 120
    workers: list[psutil.Process] = []
    while time.monotonic() < deadline and not workers:  # forked directly or by a fork server
        workers = [p for p in coordinator.children(recursive=True)
                   if "resource_tracker" not in " ".join(p.cmdline())]
        time.sleep(0.1)
    assert workers
    time.sleep(2.0)  # the worker has the file now
    workers = coordinator.children(recursive=True)  # every process the batch started
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    _, alive = psutil.wait_procs(workers, timeout=10)
    for p in alive:  # clean up before failing
        p.kill()
    assert not alive, [p.pid for p in alive]
