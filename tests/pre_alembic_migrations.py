"""FROZEN: the store's hand-written migration list as released before Alembic (schema versions
1-31, commit 1fd8541), kept so the tests can build a store exactly as that code made it and
check that the Alembic revisions upgrade it without loss. Never edit; not used by the tool.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, inspect, select, text

from evidence_review.store import chain, schema, triggers
from evidence_review.store.engine import LOCK_MIGRATE, StoreError, write_transaction

log = logging.getLogger(__name__)

def _v1_initial(conn: Connection) -> None:
    tables = [schema.submissions, schema.documents, schema.proposals, schema.progress_figures,
              schema.analyses, schema.decisions]
    # (a new database gets today's columns here; migrations after 1 add theirs if missing)
    schema.metadata.create_all(conn, tables=tables)
    triggers.create(conn)


def _v2_screen_cache(conn: Connection) -> None:
    # checkfirst: databases made before this migration may already hold the tables, created
    # by the batch cache itself
    schema.metadata.create_all(conn, tables=[schema.screen_cache, schema.screen_files])


def _v3_decision_evidence(conn: Connection) -> None:
    # a column added to an append-only table: ALTER TABLE is not an UPDATE of any row
    if "evidence" not in {c["name"] for c in inspect(conn).get_columns("decisions")}:
        conn.execute(text("ALTER TABLE decisions ADD COLUMN evidence TEXT"))


def _v20_hash_chain(conn: Connection) -> None:
    """prev_hash and row_hash on every decision; rows from before get their chain computed
    here (the append-only triggers are lifted for this one transaction only)."""
    have = {c["name"] for c in inspect(conn).get_columns("decisions")}
    for column in ("prev_hash", "row_hash"):
        if column not in have:
            conn.execute(text(f"ALTER TABLE decisions ADD COLUMN {column} VARCHAR(64)"))
    d = schema.decisions
    rows = conn.execute(select(d).order_by(d.c.id)).mappings().all()
    if rows:
        triggers.drop(conn)
        last: dict[str, str] = {}
        for row in rows:
            values = {**dict(row), **{k: _load(row[k]) for k in ("before", "after", "proposed")}}
            prev = last.get(row["submission_id"], chain.GENESIS)
            digest = chain.row_hash(values, prev)
            conn.execute(d.update().where(d.c.id == row["id"]).values(prev_hash=prev,
                                                                      row_hash=digest))
            last[row["submission_id"]] = digest
    triggers.drop(conn)
    triggers.create(conn)


def _load(value: str | None) -> object:
    return None if value is None else json.loads(value)


def _v10_accounts(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.users, schema.api_tokens,
                                             schema.web_sessions, schema.login_failures,
                                             schema.decision_selections, schema.scorings])


def _v11_agency_names(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.agency_names])


def _v30_assignments(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.assignments])


def _v31_submission_agency_name(conn: Connection) -> None:
    if "agency_name" not in {c["name"] for c in inspect(conn).get_columns("submissions")}:
        conn.execute(text("ALTER TABLE submissions ADD COLUMN agency_name TEXT"))


Migration = tuple[int, str, Callable[[Connection], None]]

MIGRATIONS: list[Migration] = [
    (1, "submissions, documents, proposals, progress figures, analyses, decisions", _v1_initial),
    (2, "screening cache by content hash, and the bytes last screened per file", _v2_screen_cache),
    (3, "decisions.evidence: the passage a reviewer says covers a sub-issue",
     _v3_decision_evidence),
    # 3-9 are kept for the store's own changes; 10-19 for the web workspace
    (10, "web: users, API tokens, sessions, failed logins, selections, scorings", _v10_accounts),
    (11, "agency names for reports, set per submission", _v11_agency_names),
    # 20-29: the integrity work (hash chain, triggers); 30-39: team review
    (20, "decisions.prev_hash, row_hash: the tamper-evident chain; TRUNCATE refused too",
     _v20_hash_chain),
    (30, "team review: one or two reviewers assigned per submission", _v30_assignments),
    (31, "submissions.agency_name: the agency's name read from its documents when screened",
     _v31_submission_agency_name),
]


def current_version(engine: Engine) -> int:
    """The schema version of the database (0 for a new one)."""
    if not inspect(engine).has_table("schema_version"):
        return 0
    with engine.connect() as conn:
        versions = conn.execute(select(schema.schema_version.c.version)).scalars().all()
    return max(versions, default=0)


def latest_version() -> int:
    return max(number for number, _, _ in MIGRATIONS)


def check_not_newer(version: int) -> None:
    """Refuse a database a newer evidence-review has migrated (one line)."""
    if version > latest_version():
        from evidence_review.messages import MessageKey, message

        raise StoreError(message(MessageKey.STORE_NEWER, version=version,
                                 latest=latest_version()))


def migrate(engine: Engine) -> int:
    """Apply every migration newer than the database; returns the resulting version.

    Safe when several processes start together on a new database: each migration runs in a
    write-locked transaction that first re-reads what is applied (SQLite ``BEGIN IMMEDIATE``;
    a PostgreSQL advisory lock), so exactly one process applies it.
    """
    version = current_version(engine)
    check_not_newer(version)
    if version and _applied(engine) >= {n for n, _, _ in MIGRATIONS}:
        return version  # nothing to do: no write (a read-only store opens)
    for number, description, apply in MIGRATIONS:
        with write_transaction(engine, LOCK_MIGRATE) as conn:
            schema.schema_version.create(conn, checkfirst=True)
            # by set, not by the highest number: the web's migration 10 may be applied before
            # the store's own 3-9 land, and those must still run
            if number in set(conn.execute(select(schema.schema_version.c.version)).scalars()):
                continue
            apply(conn)
            conn.execute(schema.schema_version.insert().values(
                version=number, description=description,
                applied_at=datetime.now(UTC).isoformat(timespec="seconds")))
        log.info("store migrated to schema version %d (%s)", number, description)
        version = max(version, number)
    return version


def _applied(engine: Engine) -> set[int]:
    with engine.connect() as conn:
        return set(conn.execute(select(schema.schema_version.c.version)).scalars())
