"""The store's schema under Alembic: a store made by the hand-written migration list (before
Alembic) upgrades without loss, on SQLite and PostgreSQL; the app upgrades on open; an
administrator upgrades with `evidence-review db upgrade` or `alembic upgrade head` and the
shipped alembic.ini."""

from __future__ import annotations

import os
import subprocess
import sys

import pre_alembic_migrations as old
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect, select
from test_store import screened

from evidence_review.classifiers.model import Role
from evidence_review.cli import main
from evidence_review.store import schema
from evidence_review.store.db import Store
from evidence_review.store.engine import make_engine
from evidence_review.store.migrations import latest_version, released, revision
from evidence_review.store.revisions import INI


def pre_alembic_store(url: str) -> list[int]:
    """A store built and filled by the code released before Alembic: the frozen migration
    list, a screened submission and three decisions. The decision ids."""
    engine = make_engine(url)
    assert old.migrate(engine) == 31
    s = Store.__new__(Store)  # the mixins need only the engine: no Alembic on the way in
    s.engine = engine
    s.save_screening("agency-01", os.getcwd(), [screened("plan.docx", Role.PLAN, 3)])
    doc = s.documents("agency-01")[0].id
    rows = [s.record_decision("agency-01", "1.1", True, "somchai", document_id=doc,
                              proposed=True),
            s.record_decision("agency-01", "2.1", True, "somchai",
                              document_id=doc, proposed=False, reason="หน้า 3 มีตาราง"),
            s.record_decision("agency-01", "1.1", False, "malee", document_id=doc,
                              reason="ไม่ใช่ข้อมูลปีนี้")]
    s.assign("agency-01", ["somchai", "malee"], "admin")
    engine.dispose()
    return [r.id for r in rows]


def test_a_store_made_before_alembic_upgrades_on_open_without_loss(database_url: str) -> None:
    ids = pre_alembic_store(database_url)
    engine = make_engine(database_url)
    assert "alembic_version" not in inspect(engine).get_table_names()
    engine.dispose()
    with Store.open(database_url) as s:
        assert s.version == latest_version()
        assert s.upgraded_from == "schema 31"
        assert revision(s.engine) == list(released())[-1]
        assert [r.id for r in s.trail("agency-01")] == ids
        assert [c.broken for c in s.audit()] == [None], "the hash chain still holds"
        assert s.assignees("agency-01") == ["somchai", "malee"]
        with s.engine.connect() as c:
            numbers = c.execute(select(schema.schema_version.c.version)).scalars().all()
        assert sorted(numbers) == sorted(released().values()), "each number recorded once"
        s.record_decision("agency-01", "1.2", True, "somchai",
                          document_id=s.documents("agency-01")[0].id, proposed=False,
                          reason="หน้า 4")  # the triggers and chain still work
        assert [c.broken for c in s.audit()] == [None]


def test_db_upgrade_command_upgrades_and_then_says_up_to_date(database_url: str) -> None:
    pre_alembic_store(database_url)
    runner = CliRunner()
    first = runner.invoke(main, ["db", "upgrade", "--db", database_url])
    assert first.exit_code == 0, first.output
    assert f"from revision schema 31 to {list(released())[-1]}" in first.output
    again = runner.invoke(main, ["db", "upgrade", "--db", database_url])
    assert again.exit_code == 0 and "already the newest" in again.output
    current = runner.invoke(main, ["db", "current", "--db", database_url])
    assert current.output.strip() == (f"{list(released())[-1]} (โครงสร้างรุ่น {latest_version()} "
                                       f"[schema version {latest_version()}])")


def test_alembic_command_with_the_shipped_ini(database_url: str) -> None:
    """The administrator's usual command, run from another folder than the source tree (the
    ini and env.py are found inside the package)."""
    pre_alembic_store(database_url)
    done = subprocess.run([sys.executable, "-m", "alembic", "-c", str(INI), "-x",
                           f"db={database_url}", "upgrade", "head"],
                          capture_output=True, text=True, cwd="/", check=False)
    assert done.returncode == 0, done.stderr
    engine = create_engine(database_url)
    try:
        assert revision(engine) == list(released())[-1]
        with engine.connect() as c:
            assert c.execute(select(schema.decisions.c.id)).scalars().all() != []
    finally:
        engine.dispose()


def test_a_new_store_is_stamped_at_head_and_not_written_when_reopened(tmp_path) -> None:
    db = tmp_path / "x.db"
    with Store.open(db) as s:
        assert s.upgraded_from is None and revision(s.engine) == list(released())[-1]
    before = db.stat().st_mtime_ns
    db.chmod(0o444)
    with Store.open(db, create=False) as s:  # read-only: opens, nothing to upgrade
        assert s.version == latest_version()
    assert db.stat().st_mtime_ns == before


def test_every_revision_records_its_number_and_names_the_previous() -> None:
    numbers = list(released().values())
    assert numbers == sorted(numbers) and numbers[:9] == [1, 2, 3, 10, 11, 20, 30, 31, 32]
    assert all(rev == f"{n:04d}" for rev, n in released().items())


def test_revisions_ship_with_the_package() -> None:
    assert INI.is_file() and (INI.parent / "revisions" / "env.py").is_file()
