"""Team review: one or two reviewers assigned per submission.

Revision ID: 0030
Revises: 0020
"""

from __future__ import annotations

from alembic import op

from evidence_review.store import schema
from evidence_review.store.revisions.steps import applied, record

revision = "0030"
down_revision = "0020"
branch_labels = None
depends_on = None

NUMBER = 30
DESCRIPTION = "team review: one or two reviewers assigned per submission"


def upgrade() -> None:
    conn = op.get_bind()
    if applied(conn, NUMBER):
        return
    schema.metadata.create_all(conn, tables=[schema.assignments])
    record(conn, NUMBER, DESCRIPTION)
