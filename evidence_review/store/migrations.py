"""Schema migrations: Alembic revisions (``store/revisions/versions``), one per released
schema change, each also recorded by number in ``schema_version``.

To change the schema, add a revision (``alembic -c evidence_review/store/alembic.ini revision
--rev-id 0033 -m "..."``: the next number, which is also its ``NUMBER``) that adds to
:mod:`store.schema`, checking first what is there; never edit a released one. The tool
upgrades a store when it opens it (:func:`migrate`); an administrator can do it beforehand
with ``evidence-review db upgrade`` or ``alembic upgrade head`` (README).
"""

from __future__ import annotations

import logging
from functools import cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, select

from evidence_review.store import schema
from evidence_review.store.engine import LOCK_MIGRATE, StoreError, write_transaction
from evidence_review.store.revisions import INI

log = logging.getLogger(__name__)


def alembic_config(connection: Connection | None = None) -> Config:
    """The shipped alembic.ini; with ``connection`` the revisions run on it (in its
    transaction) instead of opening their own."""
    config = Config(str(INI))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


@cache
def released() -> dict[str, int]:
    """Revision id → schema number, oldest first."""
    revisions = reversed(list(_script().walk_revisions()))
    return {r.revision: int(getattr(r.module, "NUMBER", r.revision)) for r in revisions}


def latest_version() -> int:
    return max(released().values())


def current_version(engine: Engine) -> int:
    """The schema version of the database (0 for a new one)."""
    if not inspect(engine).has_table("schema_version"):
        return 0
    with engine.connect() as conn:
        versions = conn.execute(select(schema.schema_version.c.version)).scalars().all()
    return max(versions, default=0)


def check_not_newer(version: int) -> None:
    """Refuse a database a newer evidence-review has migrated (one line)."""
    if version > latest_version():
        from evidence_review.messages import MessageKey, message

        raise StoreError(message(MessageKey.STORE_NEWER, version=version,
                                 latest=latest_version()))


def revision(engine: Engine) -> str | None:
    """The Alembic revision the database is stamped at (None: new, or from before Alembic)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def migrate(engine: Engine) -> int:
    """Upgrade the database to the newest revision; returns its schema version.

    One write-locked transaction (SQLite ``BEGIN IMMEDIATE``; a PostgreSQL advisory lock) in
    which Alembic re-reads the stamped revision, so when several processes open a new database
    together exactly one applies each revision, and a failed upgrade leaves nothing half done.
    A store made before Alembic runs every revision, each skipping what ``schema_version``
    says is applied. A store already at head is not written (a read-only store opens).
    """
    version = current_version(engine)
    check_not_newer(version)
    head = _script().get_current_head()
    if revision(engine) == head:
        return version
    if "mode=ro" in str(engine.url) and _applied(engine) >= set(released().values()):
        return version  # from before Alembic, complete, and opened read-only: stamped later
    with write_transaction(engine, LOCK_MIGRATE) as conn:
        command.upgrade(alembic_config(conn), "head")
    log.info("store upgraded to revision %s", head)
    return current_version(engine)


def _applied(engine: Engine) -> set[int]:
    with engine.connect() as conn:
        return set(conn.execute(select(schema.schema_version.c.version)).scalars())
