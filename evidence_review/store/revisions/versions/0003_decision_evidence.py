"""decisions.evidence: the passage a reviewer says covers a sub-issue.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import inspect, text

from evidence_review.store.revisions.steps import applied, record

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

NUMBER = 3
DESCRIPTION = "decisions.evidence: the passage a reviewer says covers a sub-issue"


def upgrade() -> None:
    conn = op.get_bind()
    if applied(conn, NUMBER):
        return
    # a column added to an append-only table: ALTER TABLE is not an UPDATE of any row
    if "evidence" not in {c["name"] for c in inspect(conn).get_columns("decisions")}:
        conn.execute(text("ALTER TABLE decisions ADD COLUMN evidence TEXT"))
    record(conn, NUMBER, DESCRIPTION)
