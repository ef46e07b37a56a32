"""Issue 10, the store: nothing lost, nothing forged.

Each "Data loss and integrity" case of the issue as a test: concurrent reviewers (8 processes x
20 rounds), two runs creating one database together, kill -9 in the middle of
``review --decisions`` (all or nothing), a full disk (injected: SQLite's page limit), a read-only
store (injected: the filesystem flag), triggers dropped and rows forged behind the tool's back
(the hash chain names the first broken row; ``audit verify`` exits 4; the commands refuse), and
``--db`` naming another application's database (nothing added to it).
"""

from __future__ import annotations

import json
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_decisions import RUBRIC, WORK, full_decisions, write

from evidence_review.store import chain
from evidence_review.store.db import Store
from hostile.store_support import (
    apply,
    assert_consistent,
    env,
    one_line,
    run,
    screen_agency,
    trail_rows,
)

HERE = Path(__file__).parent
ITEMS = ["1.1", "1.2", "2.1", "2.2", "2.3"]


@pytest.fixture
def screened(tmp_path: Path) -> tuple[str, Path]:
    """An SQLite store with agency-01 screened (stand-in work function), no decisions yet."""
    return screen_agency(str(tmp_path / "r.db"), tmp_path)


@pytest.fixture
def screened_any(database_url: str, tmp_path: Path) -> tuple[str, Path]:
    """As ``screened``, on SQLite and (marked postgres) PostgreSQL."""
    return screen_agency(database_url, tmp_path)


# -- atomic, serialised writes ------------------------------------------------------------

def test_eight_reviewers_twenty_rounds(screened_any: tuple[str, Path]) -> None:
    db, tmp = screened_any
    started = time.monotonic()
    procs = [subprocess.Popen([sys.executable, str(HERE / "reviewer_process.py"), db,
                               "agency-01", RUBRIC, str(tmp), str(n), "20", ",".join(ITEMS)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=env()) for n in range(8)]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err[-2000:]
        assert "Traceback" not in err, err[-2000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    elapsed = time.monotonic() - started
    assert sum(r["tracebacks"] for r in results) == 0, [r["errors"] for r in results]
    assert all(code == 0 for r in results for code in r["exit"]), [r["errors"] for r in results]
    rows = trail_rows(db)
    # every decision reported recorded is in the trail exactly once, nothing else is
    assert len(rows) == sum(sum(r["recorded"]) for r in results)
    assert_consistent(rows)
    assert run("audit", "verify", "agency-01", "--db", db).exit_code == 0
    print(f"8 reviewers x 20 rounds: {len(rows)} rows in {elapsed:.1f}s")


def test_two_runs_create_one_new_database_together(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    code = ("import sys; from evidence_review.store.db import Store\n"
            "with Store.open(sys.argv[1]) as s: s.claim_submission('a', __import__('pathlib')"
            ".Path('/x/a')); print(s.version)")
    for _ in range(3):
        if db.exists():
            db.unlink()
        procs = [subprocess.Popen([sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(4)]
        outs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0] * 4, [e for _, e in outs]
        with Store.open(db, create=False) as s:
            assert [x.id for x in s.submissions()] == ["a"]


def test_two_reviews_of_a_folder_together_on_a_new_database(tmp_path: Path) -> None:
    """The issue's case: two `review FOLDER --decisions` started together on a new database
    (it lost one run: `table schema_version already exists`, `UNIQUE constraint failed`)."""
    folder = tmp_path / "agency-01"
    folder.mkdir()
    for name in ("review", "plan", "progress", "order"):
        (folder / f"{name}.txt").write_text(f"{name} เอกสาร", encoding="utf-8")
    data = write(tmp_path, "d.yaml", full_decisions())
    db = tmp_path / "new.db"
    cmd = [sys.executable, "-m", "evidence_review", "review", str(folder), "--decisions",
           str(data), "--db", str(db), "--rubric", RUBRIC, *WORK]
    procs = [subprocess.Popen(cmd, env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [e[-1500:] for _, e in outs]
    assert all("Traceback" not in e for _, e in outs)
    rows = trail_rows(str(db))
    recorded = [int(o.split("recorded ")[1].split()[0]) for o, _ in outs]
    assert sorted(recorded)[0] == 0 and sum(recorded) == len(rows) > 10
    assert_consistent(rows)


def test_no_op_rows_are_not_written(screened: tuple[str, Path]) -> None:
    db, tmp = screened
    assert apply(db, tmp, full_decisions()).exit_code == 0
    n = len(trail_rows(db))
    r = apply(db, tmp, full_decisions())
    assert r.exit_code == 0 and "recorded 0 decisions" in r.output
    assert len(trail_rows(db)) == n


# -- all or nothing ----------------------------------------------------------------------

def _kill_points(count: int, seed: int, screened: tuple[str, Path]) -> list[str]:
    """kill -9 at ``count`` seeded random points of ``review --decisions``: inside the write
    transaction (before row k, after row k, before the commit) or at a random time; each run
    records all or nothing and leaves an intact chain."""
    db, tmp = screened
    template = Path(db).read_bytes()
    data = write(tmp, "full.yaml", full_decisions())
    args = ["review", "agency-01", "--decisions", str(data), "--rubric", RUBRIC]
    shutil.copyfile(db, tmp / "whole.db")
    assert run(*args, "--db", str(tmp / "whole.db")).exit_code == 0
    full = len(trail_rows(str(tmp / "whole.db")))
    assert full > 10
    rng = random.Random(seed)
    outcomes = []
    for i in range(count):
        target = tmp / f"k{i}.db"
        target.write_bytes(template)
        stage = rng.choice(["row", "after", "commit", "time"])
        n = rng.randint(1, full)
        cmd = [sys.executable, str(HERE / "killed_review.py"), stage, str(n), "--", *args,
               "--db", str(target)]
        proc = subprocess.Popen(cmd, env=env(), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        if stage == "time":
            time.sleep(rng.uniform(0.5, 3.0))
            proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=120)
        assert "Traceback" not in err, err
        if stage != "time":
            assert proc.returncode == -signal.SIGKILL, (stage, n, err)
        rows = trail_rows(str(target))
        assert len(rows) in (0, full), f"{stage} {n}: {len(rows)} of {full} recorded"
        assert chain.verify(rows) is None
        assert run("audit", "verify", "--db", str(target)).exit_code == 0
        outcomes.append(f"{stage}{n}:{'all' if rows else 'none'}")
    print(f"kill -9 at {count} points: {outcomes}")
    return outcomes


def test_kill_9_during_review_is_all_or_nothing(screened: tuple[str, Path]) -> None:
    _kill_points(10, 2550, screened)


@pytest.mark.slow
def test_kill_9_at_fifty_points(screened: tuple[str, Path]) -> None:
    _kill_points(50, 14, screened)


def test_full_disk_records_nothing_and_says_so(screened: tuple[str, Path],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    db, tmp = screened
    pages = sqlite3.connect(db).execute("PRAGMA page_count").fetchone()[0]
    from evidence_review.store import engine

    real = engine._sqlite_pragmas

    def full(dbapi_conn, record, **kw):  # the disk fills: no page beyond what is there now
        real(dbapi_conn, record, **kw)
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(engine, "_sqlite_pragmas", full)
    r = apply(db, tmp, full_decisions())
    assert r.exit_code == 1
    assert "disk is full" in one_line(r.output)
    monkeypatch.setattr(engine, "_sqlite_pragmas", real)
    assert trail_rows(db) == []  # not 6 of 20: nothing
    assert apply(db, tmp, full_decisions()).exit_code == 0  # the same command, once there's room


def test_read_only_store_is_read_and_never_written(screened: tuple[str, Path],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    db, tmp = screened
    assert apply(db, tmp, full_decisions()).exit_code == 0
    for suffix in ("-wal", "-shm"):  # a store copied to read-only media: no -shm beside it
        Path(db + suffix).unlink(missing_ok=True)
    from evidence_review.store import engine

    monkeypatch.setattr(engine, "_read_only_fs", lambda folder: True)
    assert "immutable=1" in (engine.read_only_url(Path(db)) or "")
    r = run("decisions", "agency-01", "--db", db)
    assert r.exit_code == 0 and "somchai" in r.output, r.output
    assert run("score", "agency-01", "--db", db, "--rubric", RUBRIC).exit_code == 0
    changed = full_decisions()
    changed["documents"]["order.txt"] = {"role": "plan", "reason": "อ่านใหม่"}
    r = apply(db, tmp, changed, "d2.yaml")
    assert r.exit_code == 1 and "read-only" in one_line(r.output)
