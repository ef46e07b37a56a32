"""Batch pre-screening: parallel workers with limits, the content-hash cache, resuming,
progress and exit status. Real files, real worker processes, a real SQLite database.

The per-file work is ``batch.standin`` (same signature as ``pipeline.screen_document``) so these
tests measure the batch machinery itself; ``misbehave`` hangs, hogs memory or crashes on cue.
"""

from __future__ import annotations

import io
import json
import os
import sqlite3
from pathlib import Path

import pytest
from hostile.make import BACKUP, CONTINGENCY, make_docx, make_pdf, make_xlsx, minimal_rubric

from evidence_review.messages import MessageKey, message
from evidence_review.pipeline import BatchUsageError, Outcome, changed_files, exit_status, run_batch
from evidence_review.pipeline.model import BatchSummary

STANDIN = "evidence_review.pipeline.standin:screen_document"
MISBEHAVE = "evidence_review.pipeline.standin:misbehave"


@pytest.fixture
def rubric():
    return minimal_rubric()


@pytest.fixture
def agencies(tmp_path: Path) -> Path:
    """Three agencies with a DOCX, an XLSX and a PDF each (agency texts differ)."""
    root = tmp_path / "agencies"
    for i in range(3):
        d = root / f"กรม-{i}"
        make_docx(d / "แผน.docx", f"แผนปฏิบัติการ หน่วยที่ {i}\n{BACKUP}\n{CONTINGENCY}")
        make_xlsx(d / "ผล.xlsx", rows=i + 2)
        make_pdf(d / "review.pdf", [f"Review of agency {i}", "page two"])
    return root


def _db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cache.db'}"


def _run(paths, rubric, db, **kw):
    results = []
    kw.setdefault("quiet", True)
    kw.setdefault("jobs", 2)
    kw.setdefault("work", STANDIN)
    summary = run_batch(paths if isinstance(paths, list) else [paths], rubric,
                        database_url=db, sink=results.append, **kw)
    return summary, {r.task.rel: r for r in results}


def test_batch_screens_every_file_and_streams_results(agencies, rubric, tmp_path):
    summary, results = _run(agencies, rubric, _db(tmp_path))
    assert summary.total == len(results) == 9
    assert summary.failed == 0 and summary.exit_status == 0
    plan = results["กรม-1/แผน.docx"]
    assert plan.outcome is Outcome.DONE and plan.status == "success"
    doc = plan.document
    assert doc.path == "กรม-1/แผน.docx" and doc.submission == "กรม-1"
    assert doc.proposals.subissues["3.1"].proposed and doc.proposals.subissues["3.4"].proposed
    assert results["กรม-2/review.pdf"].pages == 2
    assert summary.pages == sum(r.pages for r in results.values())


def test_second_run_comes_from_cache_with_identical_results(agencies, rubric, tmp_path):
    db = _db(tmp_path)
    _, first = _run(agencies, rubric, db)
    summary, second = _run(agencies, rubric, db)
    assert summary.cached == summary.total == 9
    assert {k: r.document_json for k, r in second.items()} == {
        k: r.document_json for k, r in first.items()}
    assert all(r.outcome is Outcome.CACHED for r in second.values())


def test_changed_file_is_rescreened_and_reported_for_rereview(agencies, rubric, tmp_path):
    db = _db(tmp_path)
    _, first = _run(agencies, rubric, db)
    make_docx(agencies / "กรม-0" / "แผน.docx", "แผนปฏิบัติการ ฉบับแก้ไข ไม่มีคำสำคัญ")
    summary, second = _run(agencies, rubric, db)
    assert summary.cached == 8
    edited = second["กรม-0/แผน.docx"]
    assert edited.outcome is Outcome.DONE
    assert not edited.document.proposals.subissues["3.1"].proposed
    assert [(c.submission, c.path) for c in summary.changed] == [("กรม-0", "กรม-0/แผน.docx")]
    change = changed_files(db)[0]
    assert change.old_sha256 == first["กรม-0/แผน.docx"].sha256
    assert change.new_sha256 == edited.sha256 != change.old_sha256
    assert changed_files(db, submission="กรม-1") == []


def test_rubric_change_invalidates_cache(agencies, rubric, tmp_path):
    db = _db(tmp_path)
    _run(agencies, rubric, db)
    summary, _ = _run(agencies, minimal_rubric(extra_phrase="ข้อมูลสำรอง"), db)
    assert summary.cached == 0 and summary.total == 9


def test_identical_bytes_in_two_agencies_share_one_cache_row_under_each_name(rubric,
                                                                              tmp_path):
    root = tmp_path / "dup"
    make_docx(root / "a" / "plan.docx")
    (root / "b").mkdir()
    (root / "b" / "copy.docx").write_bytes((root / "a" / "plan.docx").read_bytes())
    db = _db(tmp_path)
    _run(root, rubric, db, jobs=1)
    summary, results = _run(root, rubric, db, jobs=1)
    assert summary.total == summary.cached == 2
    with sqlite3.connect(tmp_path / "cache.db") as con:
        assert con.execute("SELECT count(*) FROM screen_cache").fetchone()[0] == 1
    for sub, rel in (("a", "a/plan.docx"), ("b", "b/copy.docx")):
        doc = results[rel].document
        assert (doc.submission, doc.path, doc.proposals.path) == (sub, rel, rel)
        assert doc.abs_path == os.path.abspath(root / rel)


def test_no_cache_rescreens_everything(agencies, rubric, tmp_path):
    db = _db(tmp_path)
    _run(agencies, rubric, db)
    summary, results = _run(agencies, rubric, db, cache=False)
    assert summary.cached == 0 and all(r.outcome is Outcome.DONE for r in results.values())


def test_hang_memory_hog_crash_and_bug_fail_alone(agencies, rubric, tmp_path, capfd):
    bad = agencies / "กรม-bad"
    bad.mkdir()
    (bad / "hang.txt").write_bytes(b"HANG")
    (bad / "hog.txt").write_bytes(b"HOG")
    (bad / "crash.txt").write_bytes(b"CRASH")
    (bad / "bug.txt").write_bytes(b"RAISE")
    (bad / "fine.txt").write_text(f"{BACKUP}\n", encoding="utf-8")
    summary, results = _run(agencies, rubric, _db(tmp_path), work=MISBEHAVE, timeout_s=3,
                            memory_mb=300, quiet=False)
    assert summary.total == 14 and summary.failed == 4 and summary.exit_status == 1
    hang = message(MessageKey.TIMED_OUT, seconds=3)
    hog = "ใช้หน่วยความจำเกิน 300 MB จึงหยุดอ่าน [used more than 300 MB]"
    assert results["กรม-bad/hang.txt"].error == hang
    assert results["กรม-bad/hang.txt"].outcome is Outcome.TIMEOUT
    assert results["กรม-bad/hog.txt"].error == hog
    assert results["กรม-bad/crash.txt"].error == (
        "กระบวนการอ่านไฟล์หยุดทำงานกะทันหัน (SIGSEGV) ขณะอ่านไฟล์นี้ "
        "[worker crashed (SIGSEGV) while reading this file]")
    assert results["กรม-bad/bug.txt"].error == (
        "เกิดข้อผิดพลาดภายในโปรแกรม (RuntimeError: the work function failed on purpose) "
        "[internal error (RuntimeError: the work function failed on purpose)]")
    assert results["กรม-bad/fine.txt"].status == "success"
    assert sum(r.status == "success" for r in results.values()) == 10
    err = capfd.readouterr().err
    assert "Traceback" not in err
    for line in (f"กรม-bad/hang.txt: {hang}\n", f"กรม-bad/hog.txt: {hog}\n"):
        assert line in err


def test_failures_from_limits_are_retried_on_next_run(rubric, tmp_path):
    root = tmp_path / "one"
    root.mkdir()
    (root / "hang.txt").write_bytes(b"HANG")
    (root / "ok.txt").write_text(BACKUP, encoding="utf-8")
    db = _db(tmp_path)
    _run(root, rubric, db, work=MISBEHAVE, timeout_s=1)
    summary, results = _run(root, rubric, db, work=MISBEHAVE, timeout_s=1)
    assert results["hang.txt"].outcome is Outcome.TIMEOUT  # tried again, not cached
    assert results["ok.txt"].outcome is Outcome.CACHED
    assert summary.exit_status == 1


def test_dask_executor_gives_the_local_results(agencies, rubric, tmp_path):
    distributed = pytest.importorskip("distributed")
    _, local = _run(agencies, rubric, _db(tmp_path))
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        summary, remote = _run(agencies, rubric, f"sqlite:///{tmp_path / 'dask.db'}",
                               executor="dask", scheduler=cluster.scheduler_address)
    assert summary.total == 9 and summary.cached == 0 and summary.failed == 0
    assert {k: r.document_json for k, r in remote.items()} == {
        k: r.document_json for k, r in local.items()}


def test_dask_task_over_its_time_limit_fails_alone(rubric, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.setenv("EVIDENCE_REVIEW_STANDIN_HANG_S", "4")  # the thread cannot be killed
    root = tmp_path / "d"
    root.mkdir()
    (root / "hang.txt").write_bytes(b"HANG")
    (root / "ok.txt").write_text(BACKUP, encoding="utf-8")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        summary, results = _run(root, rubric, _db(tmp_path), executor="dask", work=MISBEHAVE,
                                scheduler=cluster.scheduler_address, timeout_s=1)
    assert results["hang.txt"].error == message(MessageKey.TIMED_OUT, seconds=1)
    assert results["ok.txt"].status == "success" and summary.exit_status == 1


def test_usage_errors_are_one_line_and_exit_2(rubric, tmp_path):
    with pytest.raises(BatchUsageError, match="no such file or folder"):
        run_batch([tmp_path / "nope"], rubric, database_url=_db(tmp_path), quiet=True,
                  work=STANDIN)
    with pytest.raises(BatchUsageError, match="unknown executor"):
        run_batch([tmp_path], rubric, executor="spark", work=STANDIN)  # type: ignore[arg-type]
    with pytest.raises(BatchUsageError, match="cannot load work function"):
        run_batch([tmp_path], rubric, work="no.such.module:fn")
    with pytest.raises(BatchUsageError, match="jobs must be at least 1"):
        run_batch([tmp_path], rubric, jobs=0, work=STANDIN)
    assert exit_status(None) == 2


def test_exit_status_convention():
    assert exit_status(BatchSummary(total=2, succeeded=1, partial=1)) == 0
    assert exit_status(BatchSummary(total=2, succeeded=1, failed=1)) == 1


def test_progress_shows_counts_and_rate_on_a_terminal(agencies, rubric, tmp_path):
    from rich.console import Console

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=160)
    run_batch([agencies], rubric, database_url=_db(tmp_path), jobs=2, work=STANDIN,
              console=console)
    shown = buf.getvalue()
    assert "9/9" in shown and "pages/s" in shown and "0 failed" in shown


@pytest.mark.parametrize(("done", "total", "pages", "failed"),
                         [(599, 1234, 7188, 12), (9_999, 10_000, 1_234_567, 321)])
def test_progress_fits_80_columns_with_every_count_visible(done, total, pages, failed):
    from rich.cells import cell_len
    from rich.console import Console

    from evidence_review.pipeline.model import FileResult, Task
    from evidence_review.pipeline.progress import BatchProgress

    task = Task(submission="a", rel="a/x.pdf", abs_path=Path("/a/x.pdf"))
    console = Console(width=80, force_terminal=True, color_system=None, file=io.StringIO())
    with BatchProgress(total, console=console) as progress:
        for i in range(done):
            progress.update(FileResult(
                task=task, outcome=Outcome.DONE, status="failure" if i < failed else "success",
                pages=pages // done + (i < pages % done)))
        frame = Console(width=80, record=True, color_system=None, file=io.StringIO())
        frame.print(progress._progress.get_renderable())
    shown = frame.export_text()
    assert shown.count("\n") == 1 and cell_len(shown.rstrip("\n")) <= 80, shown
    assert "…" not in shown
    for count in (f"{done}/{total} files", f"{pages:,} pages ", f"{failed} failed", "ETA "):
        assert count in shown, shown


def test_progress_is_silent_when_quiet_or_not_a_terminal(agencies, rubric, tmp_path, capfd):
    from rich.console import Console

    buf = io.StringIO()
    run_batch([agencies], rubric, database_url=_db(tmp_path), jobs=2, work=STANDIN,
              console=Console(file=buf, force_terminal=False))
    assert "pages/s ·" not in buf.getvalue() and "━" not in buf.getvalue()
    err = capfd.readouterr().err
    assert "━" not in err and err.startswith("screened 9 files (0 from cache)")
    run_batch([agencies], rubric, database_url=_db(tmp_path), jobs=2, work=STANDIN,
              quiet=True)
    assert capfd.readouterr().err == ""


def test_demo_entry_writes_jsonl_and_exit_codes(agencies, tmp_path, rubric):
    from evidence_review.pipeline.__main__ import main

    rubric_file = tmp_path / "rubric.toml"
    rubric_file.write_text(_toml(rubric), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    common = ["--db", _db(tmp_path), "--work", STANDIN, "--rubric", str(rubric_file), "-q"]
    assert main([str(agencies), "--jsonl", str(out), *common]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 9 and {r["status"] for r in rows} == {"success"}
    (agencies / "กรม-0" / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    assert main([str(agencies), *common]) == 1
    assert main([str(tmp_path / "missing"), *common]) == 2


def test_database_survives_as_plain_sqlite_with_one_row_per_file(agencies, rubric, tmp_path):
    _run(agencies, rubric, _db(tmp_path))
    con = sqlite3.connect(tmp_path / "cache.db")
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("SELECT count(*) FROM screen_files").fetchone()[0] == 9
        assert con.execute("SELECT count(*) FROM screen_cache").fetchone()[0] == 9
    finally:
        con.close()


def _toml(rubric) -> str:
    """The rubric as TOML (small writer: the minimal rubric has strings, numbers and lists)."""
    data = json.loads(rubric.model_dump_json())

    def value(v):
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=False)
        if isinstance(v, bool):
            return "true" if v else "false"
        if v is None:
            return '""'
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        if isinstance(v, dict):
            return "{" + ", ".join(f"{json.dumps(k)} = {value(x)}" for k, x in v.items()
                                   if x is not None) + "}"
        return str(v)

    lines = [f"{k} = {value(v)}" for k, v in data.items()
             if v is not None and not isinstance(v, dict)
             and not (isinstance(v, list) and v and isinstance(v[0], dict))]
    for k, v in data.items():
        if isinstance(v, dict):
            lines.append(f"[{k}]")
            lines += [f"{json.dumps(kk)} = {value(vv)}" for kk, vv in v.items()
                      if vv is not None]
        elif isinstance(v, list) and v and isinstance(v[0], dict):
            for item in v:
                lines.append(f"[[{k}]]")
                lines += [f"{kk} = {value(vv)}" for kk, vv in item.items() if vv is not None]
    return "\n".join(lines) + "\n"


@pytest.mark.libreoffice
def test_legacy_office_files_convert_inside_limited_workers(tmp_path, rubric):
    """LibreOffice runs as a child of a worker under its memory cap and time limit."""
    from support import FIXTURES, need_tool

    need_tool("soffice", "libreoffice-writer-nogui")
    folder = tmp_path / "legacy"
    folder.mkdir()
    for name in ("sample.doc", "sample.xls"):
        (folder / name).write_bytes((FIXTURES / "formats" / name).read_bytes())
    summary, results = _run(folder, rubric, _db(tmp_path), work=_real_work(), memory_mb=2048,
                            timeout_s=120)
    assert summary.failed == 0, summary.failures
    assert all(r.pages >= 1 for r in results.values())


@pytest.mark.ocr
@pytest.mark.slow
def test_scanned_pdf_is_read_by_ocr_inside_limited_workers(tmp_path, rubric, monkeypatch):
    import subprocess

    from PIL import Image
    from support import need_tool

    need_tool("tesseract", "tesseract-ocr tesseract-ocr-tha")
    need_tool("pdftoppm", "poppler-utils")
    monkeypatch.setenv("EVIDENCE_REVIEW_OCR_DPI", "150")
    text_pdf = make_pdf(tmp_path / "text.pdf", ["Backup and recovery plan 2550"])
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(text_pdf), str(tmp_path / "scan")],
                   check=True)
    folder = tmp_path / "scanned"
    folder.mkdir()
    image = Image.open(next(tmp_path.glob("scan*.png"))).convert("L")
    image.save(folder / "scan.pdf", resolution=150)
    _, results = _run(folder, rubric, _db(tmp_path), work=_real_work(), timeout_s=240)
    scan = results["scan.pdf"]
    assert scan.status == "success" and scan.pages == 1, scan.line()
    assert scan.outcome is Outcome.DONE


def _real_work() -> str:
    from evidence_review.pipeline.runner import DEFAULT_WORK, work_path

    return work_path(DEFAULT_WORK)


def test_cached_results_go_stale_when_the_code_that_made_them_changes(tmp_path, monkeypatch):
    # a fixed rule changes results without a new version number: the cache key must change
    from evidence_review.pipeline.cache import code_hash

    pkg = tmp_path / "rulespkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "rules.py").write_text("THRESHOLD = 0.75\n")
    (pkg / "notes.txt").write_text("not code")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = code_hash(("rulespkg",))
    (pkg / "notes.txt").write_text("still not code")
    assert code_hash.__wrapped__(("rulespkg",)) == before
    (pkg / "rules.py").write_text("THRESHOLD = 0.80\n")
    assert code_hash.__wrapped__(("rulespkg",)) != before


def test_database_in_a_folder_not_yet_made_is_created(agencies, rubric, tmp_path):
    # `screen --out out --db out/review.db`: the folder comes with the database
    db = tmp_path / "not" / "yet" / "review.db"
    summary = run_batch([agencies], database_url=f"sqlite:///{db}", rubric=rubric, jobs=1)
    assert db.exists() and summary.total > 0
