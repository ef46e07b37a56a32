"""Web: users, API tokens, sessions, failed logins, selections, scorings.

Revision ID: 0010
Revises: 0003
"""

from __future__ import annotations

from alembic import op

from evidence_review.store import schema
from evidence_review.store.revisions.steps import applied, record

revision = "0010"
down_revision = "0003"
branch_labels = None
depends_on = None

NUMBER = 10
DESCRIPTION = "web: users, API tokens, sessions, failed logins, selections, scorings"


def upgrade() -> None:
    conn = op.get_bind()
    if applied(conn, NUMBER):
        return
    schema.metadata.create_all(conn, tables=[schema.users, schema.api_tokens,
                                             schema.web_sessions, schema.login_failures,
                                             schema.decision_selections, schema.scorings])
    record(conn, NUMBER, DESCRIPTION)
