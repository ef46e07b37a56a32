"""submissions.agency_name: the agency's name read from its documents when screened.

Revision ID: 0031
Revises: 0030
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import inspect, text

from evidence_review.store.revisions.steps import applied, record

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

NUMBER = 31
DESCRIPTION = "submissions.agency_name: the agency's name read from its documents when screened"


def upgrade() -> None:
    conn = op.get_bind()
    if applied(conn, NUMBER):
        return
    if "agency_name" not in {c["name"] for c in inspect(conn).get_columns("submissions")}:
        conn.execute(text("ALTER TABLE submissions ADD COLUMN agency_name TEXT"))
    record(conn, NUMBER, DESCRIPTION)
