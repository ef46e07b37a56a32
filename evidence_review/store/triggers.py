"""The append-only rule of the decision log, as database triggers: create, drop, check.

SQLite: ``decisions_no_update`` and ``decisions_no_delete``. PostgreSQL: ``decisions_append_only``
(row-level, UPDATE or DELETE) and ``decisions_no_truncate`` (statement-level TRUNCATE), both
calling the function ``decisions_append_only()``. A trigger dropped behind the tool's back is
re-created when the store opens if the connecting role may (:func:`missing` then
:func:`create`); the rows changed meanwhile show as a broken hash chain.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

_SQLITE = {
    "decisions_no_update": "CREATE TRIGGER IF NOT EXISTS decisions_no_update BEFORE UPDATE ON "
                           "decisions BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END",
    "decisions_no_delete": "CREATE TRIGGER IF NOT EXISTS decisions_no_delete BEFORE DELETE ON "
                           "decisions BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END",
}
_PG_FUNCTION = ("CREATE OR REPLACE FUNCTION decisions_append_only() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'decisions are append-only'; END; $$ LANGUAGE plpgsql")
_PG = {
    "decisions_append_only": "CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON "
                             "decisions FOR EACH ROW EXECUTE FUNCTION decisions_append_only()",
    "decisions_no_truncate": "CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions "
                             "FOR EACH STATEMENT EXECUTE FUNCTION decisions_append_only()",
}


def expected(conn: Connection) -> dict[str, str]:
    """Trigger name → its CREATE statement, for this database (none for others)."""
    return {"sqlite": _SQLITE, "postgresql": _PG}.get(conn.dialect.name, {})


def present(conn: Connection) -> set[str]:
    """The names of the triggers on the decisions table."""
    if conn.dialect.name == "sqlite":
        q = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'decisions'"
    elif conn.dialect.name == "postgresql":
        q = ("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D' "
             "AND tgrelid = to_regclass('decisions')")
    else:
        return set()
    return {str(r[0]) for r in conn.execute(text(q))}


def missing(conn: Connection) -> list[str]:
    """The append-only triggers that are not there (or disabled, on PostgreSQL)."""
    have = present(conn)
    return [name for name in expected(conn) if name not in have]


def create(conn: Connection, names: list[str] | None = None) -> None:
    """Create the triggers named (default: all) in the caller's transaction."""
    ddl = expected(conn)
    if conn.dialect.name == "postgresql":
        conn.execute(text(_PG_FUNCTION))
    for name in names if names is not None else list(ddl):
        if conn.dialect.name == "postgresql":
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON decisions"))
        conn.execute(text(ddl[name]))


def drop(conn: Connection) -> None:
    """Drop the triggers (a migration that must rewrite rows; same transaction re-creates)."""
    for name in expected(conn):
        suffix = " ON decisions" if conn.dialect.name == "postgresql" else ""
        conn.execute(text(f"DROP TRIGGER IF EXISTS {name}{suffix}"))
