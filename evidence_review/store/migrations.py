"""Ordered schema migrations, recorded in ``schema_version``.

To change the schema, append a ``(version, description, function)`` to :data:`MIGRATIONS`;
never edit a released one. Each runs in its own transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, inspect, select, text

from evidence_review.store import schema

log = logging.getLogger(__name__)

_APPEND_ONLY_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS decisions_no_update BEFORE UPDATE ON decisions "
    "BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END",
    "CREATE TRIGGER IF NOT EXISTS decisions_no_delete BEFORE DELETE ON decisions "
    "BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END",
)


def _v1_initial(conn: Connection) -> None:
    tables = [schema.submissions, schema.documents, schema.proposals, schema.progress_figures,
              schema.analyses, schema.decisions]
    # (a new database gets today's columns here; migrations after 1 add theirs if missing)
    schema.metadata.create_all(conn, tables=tables)
    if conn.dialect.name == "sqlite":
        for ddl in _APPEND_ONLY_TRIGGERS:
            conn.execute(text(ddl))
    elif conn.dialect.name == "postgresql":
        conn.execute(text(
            "CREATE OR REPLACE FUNCTION decisions_append_only() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'decisions are append-only'; END; $$ LANGUAGE plpgsql"))
        conn.execute(text(
            "CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions "
            "FOR EACH ROW EXECUTE FUNCTION decisions_append_only()"))


def _v2_screen_cache(conn: Connection) -> None:
    # checkfirst: databases made before this migration may already hold the tables, created
    # by the batch cache itself
    schema.metadata.create_all(conn, tables=[schema.screen_cache, schema.screen_files])


def _v3_decision_evidence(conn: Connection) -> None:
    # a column added to an append-only table: ALTER TABLE is not an UPDATE of any row
    if "evidence" not in {c["name"] for c in inspect(conn).get_columns("decisions")}:
        conn.execute(text("ALTER TABLE decisions ADD COLUMN evidence TEXT"))


def _v10_accounts(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.users, schema.api_tokens,
                                             schema.web_sessions, schema.login_failures,
                                             schema.decision_selections, schema.scorings])


def _v11_agency_names(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.agency_names])


def _v30_assignments(conn: Connection) -> None:
    schema.metadata.create_all(conn, tables=[schema.assignments])


Migration = tuple[int, str, Callable[[Connection], None]]

MIGRATIONS: list[Migration] = [
    (1, "submissions, documents, proposals, progress figures, analyses, decisions", _v1_initial),
    (2, "screening cache by content hash, and the bytes last screened per file", _v2_screen_cache),
    (3, "decisions.evidence: the passage a reviewer says covers a sub-issue",
     _v3_decision_evidence),
    # 3-9 are kept for the store's own changes; 10-19 for the web workspace
    (10, "web: users, API tokens, sessions, failed logins, selections, scorings", _v10_accounts),
    (11, "agency names for reports, set per submission", _v11_agency_names),
    # 20-29: the integrity work (audit chain); 30-39: team review
    (30, "team review: one or two reviewers assigned per submission", _v30_assignments),
]


def current_version(engine: Engine) -> int:
    """The schema version of the database (0 for a new one)."""
    if not inspect(engine).has_table("schema_version"):
        return 0
    with engine.connect() as conn:
        versions = conn.execute(select(schema.schema_version.c.version)).scalars().all()
    return max(versions, default=0)


def migrate(engine: Engine) -> int:
    """Apply every migration newer than the database; returns the resulting version."""
    schema.schema_version.create(engine, checkfirst=True)
    version = current_version(engine)
    latest = max(number for number, _, _ in MIGRATIONS)
    if version > latest:
        raise RuntimeError(f"database schema version {version} is newer than this tool "
                           f"({latest}): upgrade evidence-review")
    with engine.connect() as conn:
        applied = set(conn.execute(select(schema.schema_version.c.version)).scalars())
    # by set, not by the highest number: the web's migration 10 may be applied before the
    # store's own 3-9 land, and those must still run
    for number, description, apply in MIGRATIONS:
        if number in applied:
            continue
        with engine.begin() as conn:
            apply(conn)
            conn.execute(schema.schema_version.insert().values(
                version=number, description=description,
                applied_at=datetime.now(UTC).isoformat(timespec="seconds")))
        log.info("store migrated to schema version %d (%s)", number, description)
        version = max(version, number)
    return version
