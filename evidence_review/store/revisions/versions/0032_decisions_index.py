"""An index on decisions (submission, item, document): a save reads a submission's latest
decision per item, and its version, without scanning every submission's trail.

Revision ID: 0032
Revises: 0031
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import inspect

from evidence_review.store import schema
from evidence_review.store.revisions.steps import applied, record

revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None

NUMBER = 32
DESCRIPTION = "index decisions by submission, item and document (the save path's reads)"


def upgrade() -> None:
    conn = op.get_bind()
    if applied(conn, NUMBER):
        return
    have = {i["name"] for i in inspect(conn).get_indexes("decisions")}
    for index in schema.decisions.indexes:  # (a new store's 0001 made them with the table)
        if index.name not in have:
            index.create(conn)
    record(conn, NUMBER, DESCRIPTION)
