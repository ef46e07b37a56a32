"""The screening cache by content hash, and the bytes last screened per file.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

from evidence_review.store import schema
from evidence_review.store.revisions.steps import applied, record

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

NUMBER = 2
DESCRIPTION = "screening cache by content hash, and the bytes last screened per file"


def upgrade() -> None:
    conn = op.get_bind()
    if applied(conn, NUMBER):
        return
    # checkfirst: databases made before this migration may already hold the tables, created
    # by the batch cache itself
    schema.metadata.create_all(conn, tables=[schema.screen_cache, schema.screen_files])
    record(conn, NUMBER, DESCRIPTION)
