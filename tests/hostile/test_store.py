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
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import ROOT
from test_decisions import RUBRIC, WORK, full_decisions, write

from evidence_review.cli import main
from evidence_review.store import chain
from evidence_review.store.db import Store

HERE = Path(__file__).parent
ITEMS = ["1.1", "1.2", "2.1", "2.2", "2.3"]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def env() -> dict[str, str]:
    paths = [str(ROOT / "tests"), str(HERE), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}


@pytest.fixture
def screened(tmp_path: Path) -> tuple[str, Path]:
    """A store with agency-01 screened (stand-in work function) and no decisions yet."""
    return _screen(str(tmp_path / "r.db"), tmp_path)


def _screen(db: str, tmp_path: Path) -> tuple[str, Path]:
    folder = tmp_path / "agency-01"
    folder.mkdir()
    for name in ("review", "plan", "progress", "order"):
        (folder / f"{name}.txt").write_text(f"{name} เอกสาร", encoding="utf-8")
    r = run("screen", str(folder), "--db", db, "--rubric", RUBRIC, "--quiet", *WORK)
    assert r.exit_code == 0, r.output
    return db, tmp_path


def trail_rows(db: str, submission: str = "agency-01") -> list[dict]:
    with Store.open(db, create=False) as s:
        return [r.model_dump() for r in s.trail(submission)]


def assert_consistent(rows: list[dict]) -> None:
    """Per item, each row's before is the previous row's after, and no row repeats the value
    it replaces (no no-op rows); the chain holds."""
    last: dict[tuple, object] = {}
    for row in rows:
        key = (row["document_id"], row["item"], row["document_sha256"])
        if key in last:
            assert row["before"] == last[key], row
            assert row["after"] != last[key], f"no-op row {row}"
        last[key] = row["after"]
    assert chain.verify(rows) is None


def apply(db: str, tmp_path: Path, data: dict, name: str = "d.yaml"):
    return run("review", "agency-01", "--decisions", str(write(tmp_path, name, data)), "--db", db,
               "--rubric", RUBRIC)


# -- atomic, serialised writes ------------------------------------------------------------

@pytest.fixture
def screened_any(database_url: str, tmp_path: Path) -> tuple[str, Path]:
    """As :func:`screened`, on SQLite and (marked postgres) PostgreSQL."""
    return _screen(database_url, tmp_path)


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


# -- tamper evidence ---------------------------------------------------------------------

def _decided(screened: tuple[str, Path]) -> str:
    db, tmp = screened
    assert apply(db, tmp, full_decisions()).exit_code == 0
    return db


def test_dropped_trigger_and_update_are_caught(screened: tuple[str, Path]) -> None:
    db = _decided(screened)
    raw = sqlite3.connect(db)
    raw.execute("DROP TRIGGER decisions_no_update")
    raw.execute("UPDATE decisions SET reviewer = 'evil' WHERE id = 3")
    raw.commit()
    raw.close()
    r = run("audit", "verify", "--db", db)
    assert r.exit_code == 4
    assert "row 3" in r.output and "changed after it was written" in r.output
    # opening re-created the trigger: an UPDATE is refused again
    raw = sqlite3.connect(db)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        raw.execute("UPDATE decisions SET reviewer = 'evil2'")
    raw.close()
    for cmd in (("decisions", "agency-01"), ("score", "agency-01", "--rubric", RUBRIC),
                ("report", "agency-01", "--rubric", RUBRIC, "--format", "md", "-o",
                 str(Path(db).parent / "r.md"))):
        r = run(*cmd, "--db", db)
        assert r.exit_code == 4, (cmd, r.output)
        assert "tampered" in one_line(r.output)
    r = apply(db, screened[1], full_decisions())
    assert r.exit_code == 4 and "row 3" in one_line(r.output)


def test_back_dated_forged_insert_is_caught(screened: tuple[str, Path]) -> None:
    db = _decided(screened)
    raw = sqlite3.connect(db)
    raw.execute("INSERT INTO decisions (submission_id, item, after, reviewer, source, decided_at) "
                "VALUES ('agency-01', '3.5', 'true', 'somchai', 'interactive', '2007-01-01')")
    raw.commit()
    raw.close()
    r = run("audit", "verify", "agency-01", "--db", db)
    assert r.exit_code == 4 and "no hash" in r.output


def test_deleted_row_is_caught(screened: tuple[str, Path]) -> None:
    db = _decided(screened)
    raw = sqlite3.connect(db)
    raw.execute("DROP TRIGGER decisions_no_delete")
    raw.execute("DELETE FROM decisions WHERE id = 5")
    raw.commit()
    raw.close()
    r = run("audit", "verify", "--db", db)
    assert r.exit_code == 4 and "row 6" in r.output and "removed" in r.output


def test_triggers_that_cannot_be_restored_refuse_writes(screened: tuple[str, Path],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import OperationalError

    from evidence_review.store import audit

    db = _decided(screened)
    raw = sqlite3.connect(db)
    raw.execute("DROP TRIGGER decisions_no_update")
    raw.commit()
    raw.close()

    def not_allowed(conn, names=None):  # a role without the right to create triggers
        raise OperationalError("CREATE TRIGGER", {}, Exception("permission denied"))

    monkeypatch.setattr(audit.triggers, "create", not_allowed)
    r = apply(db, screened[1], full_decisions(), "d3.yaml")
    assert r.exit_code == 4 and "decisions_no_update" in one_line(r.output)
    r = run("audit", "verify", "--db", db)
    assert r.exit_code == 4 and "decisions_no_update" in r.output


def test_chain_from_before_the_migration_is_computed(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store.open(db) as s:
        s.claim_submission("a", Path("/x/a"))
        s.record_decision("a", "progress", [1], "somchai")
        s.record_decision("a", "progress", [2], "somchai", reason="r")
    raw = sqlite3.connect(db)  # back to how version 11 left it: no chain
    raw.execute("DROP TRIGGER decisions_no_update")
    raw.execute("UPDATE decisions SET prev_hash = NULL, row_hash = NULL")
    raw.execute("DELETE FROM schema_version WHERE version = 20")
    raw.commit()
    raw.close()
    with Store.open(db) as s:
        assert [c.broken for c in s.audit()] == [None]
        assert s.check_trail("a").rows == 2


# -- databases that are not ours ---------------------------------------------------------

def test_foreign_sqlite_database_gets_nothing_added(tmp_path: Path) -> None:
    other = tmp_path / "app.sqlite"
    raw = sqlite3.connect(other)
    raw.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    raw.commit()
    raw.close()
    before = other.read_bytes()
    folder = tmp_path / "agency-01"
    folder.mkdir()
    (folder / "review.txt").write_text("review", encoding="utf-8")
    for cmd in (("decisions", "agency-01"), ("screen", str(folder), "--quiet", *WORK),
                ("review", str(folder), "--reviewer", "x", *WORK)):
        r = run(*cmd, "--db", str(other))
        assert r.exit_code != 0 and "another application's database" in r.output, r.output
        assert "Traceback" not in r.output
    assert other.read_bytes() == before
    assert not Path(f"{other}-wal").exists()


def test_not_a_database_is_one_line(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("just text, not a database\n" * 100, encoding="utf-8")
    r = run("decisions", "agency-01", "--db", str(bogus))
    assert r.exit_code == 1 and "not an SQLite database" in one_line(r.output)
    assert bogus.read_text(encoding="utf-8").startswith("just text")


def test_newer_schema_is_refused(screened: tuple[str, Path]) -> None:
    db, _ = screened
    raw = sqlite3.connect(db)
    raw.execute("INSERT INTO schema_version VALUES (99, 'from the future', '2030-01-01')")
    raw.commit()
    raw.close()
    r = run("decisions", "agency-01", "--db", db)
    assert r.exit_code == 1 and "newer than this tool" in one_line(r.output)


def test_readme_trail_check_runs_on_an_export(screened: tuple[str, Path]) -> None:
    """README's stand-alone check (no evidence_review import) on `decisions --json`: every row
    ok; with one field changed in the export, that row BROKEN."""
    db, tmp = screened
    assert apply(db, tmp, full_decisions()).exit_code == 0
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("tests/hostile/test_store.py runs it on a real export")[1]
    code = block.split("```python\n", 1)[1].split("```", 1)[0]
    script = tmp / "check.py"
    script.write_text(code, encoding="utf-8")
    r = run("decisions", "agency-01", "--db", db, "--json")
    export = json.loads(r.output)
    (tmp / "trail.json").write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run([sys.executable, "-I", str(script), str(tmp / "trail.json")],
                         capture_output=True, text=True, check=True).stdout.split("\n")
    assert [line.split()[1] for line in out if line] == ["ok"] * len(export)
    export[2]["reviewer"] = "evil"
    (tmp / "trail.json").write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    out = subprocess.run([sys.executable, "-I", str(script), str(tmp / "trail.json")],
                         capture_output=True, text=True, check=True).stdout.split("\n")
    assert [line.split()[1] for line in out if line][2] == "BROKEN"
