"""Issue 10, the store: nothing forged and nothing read from outside. Triggers dropped and rows
changed, removed or forged behind the tool's back (the hash chain names the first broken row;
``audit verify`` exits 4; the commands refuse), a chain computed for rows from before it, and
``--db`` naming another application's database, something that is not a database, or a newer
store (one line, nothing added to it)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT, tamper
from test_decisions import RUBRIC, WORK, full_decisions

from evidence_review.store.db import Store
from hostile.store_support import apply, one_line, run, screen_agency

NO_UPDATE = "decisions_no_update"


@pytest.fixture
def screened(tmp_path: Path) -> tuple[str, Path]:
    """An SQLite store with agency-01 screened (stand-in work function), no decisions yet."""
    return screen_agency(str(tmp_path / "r.db"), tmp_path)


# -- tamper evidence ---------------------------------------------------------------------

def _decided(screened: tuple[str, Path]) -> str:
    db, tmp = screened
    assert apply(db, tmp, full_decisions()).exit_code == 0
    return db


def test_dropped_trigger_and_update_are_caught(screened: tuple[str, Path]) -> None:
    db = _decided(screened)
    tamper(db, "UPDATE decisions SET reviewer = 'evil' WHERE id = 3", drop=(NO_UPDATE,))
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
    tamper(db, "INSERT INTO decisions (submission_id, item, after, reviewer, source, "
           "decided_at) VALUES ('agency-01', '3.5', 'true', 'somchai', 'interactive', "
           "'2007-01-01')")
    r = run("audit", "verify", "agency-01", "--db", db)
    assert r.exit_code == 4 and "no hash" in r.output


def test_deleted_row_is_caught(screened: tuple[str, Path]) -> None:
    db = _decided(screened)
    tamper(db, "DELETE FROM decisions WHERE id = 5", drop=("decisions_no_delete",))
    r = run("audit", "verify", "--db", db)
    assert r.exit_code == 4 and "row 6" in r.output and "removed" in r.output


def test_triggers_that_cannot_be_restored_refuse_writes(screened: tuple[str, Path],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from sqlalchemy.exc import OperationalError

    from evidence_review.store import audit

    db = _decided(screened)
    tamper(db, drop=(NO_UPDATE,))

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
    # back to how schema version 11 (before Alembic) left it: no chain, no alembic_version
    tamper(db, "UPDATE decisions SET prev_hash = NULL, row_hash = NULL",
           "DELETE FROM schema_version WHERE version >= 20", "DROP TABLE alembic_version",
           drop=(NO_UPDATE,))
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
    block = readme.split("tests/hostile/test_store_tamper.py runs it on a real export")[1]
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
