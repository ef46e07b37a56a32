"""decisions.prev_hash, row_hash: the tamper-evident chain; TRUNCATE refused too.

Rows from before get their chain computed here (the append-only triggers are lifted for this
one transaction only).

Revision ID: 0020
Revises: 0011
"""

from __future__ import annotations

import json

from alembic import op
from sqlalchemy import inspect, select, text

from evidence_review.store import chain, schema, triggers
from evidence_review.store.revisions.steps import applied, record

revision = "0020"
down_revision = "0011"
branch_labels = None
depends_on = None

NUMBER = 20
DESCRIPTION = "decisions.prev_hash, row_hash: the tamper-evident chain; TRUNCATE refused too"


def upgrade() -> None:
    conn = op.get_bind()
    if applied(conn, NUMBER):
        return
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
    record(conn, NUMBER, DESCRIPTION)


def _load(value: str | None) -> object:
    return None if value is None else json.loads(value)
