"""What every revision shares: the ``schema_version`` record the tool kept before Alembic.

A revision first asks :func:`applied` (a store migrated by the hand-written list before
Alembic already holds its number: nothing to do), and ends with :func:`record`, so an older
evidence-review still sees the schema number and refuses a store newer than itself.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, select

from evidence_review.store import schema


def applied(conn: Connection, number: int) -> bool:
    """Whether schema change ``number`` is already recorded in ``schema_version``."""
    schema.schema_version.create(conn, checkfirst=True)
    row = conn.execute(select(schema.schema_version.c.version).where(
        schema.schema_version.c.version == number)).first()
    return row is not None


def record(conn: Connection, number: int, description: str) -> None:
    conn.execute(schema.schema_version.insert().values(
        version=number, description=description,
        applied_at=datetime.now(UTC).isoformat(timespec="seconds")))
