"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}
"""

from __future__ import annotations

from alembic import op

from evidence_review.store.revisions.steps import applied, record

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = None
depends_on = None

NUMBER = int(revision)
DESCRIPTION = ${repr(message)}


def upgrade() -> None:
    conn = op.get_bind()
    if applied(conn, NUMBER):
        return
    ${upgrades if upgrades else "pass"}
    record(conn, NUMBER, DESCRIPTION)
