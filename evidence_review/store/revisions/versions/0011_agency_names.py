"""Agency names for reports, set per submission.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from alembic import op

from evidence_review.store import schema
from evidence_review.store.revisions.steps import applied, record

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

NUMBER = 11
DESCRIPTION = "agency names for reports, set per submission"


def upgrade() -> None:
    conn = op.get_bind()
    if applied(conn, NUMBER):
        return
    schema.metadata.create_all(conn, tables=[schema.agency_names])
    record(conn, NUMBER, DESCRIPTION)
