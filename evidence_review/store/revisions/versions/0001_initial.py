"""Submissions, documents, proposals, progress figures, analyses, decisions.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

from alembic import op

from evidence_review.store import schema, triggers
from evidence_review.store.revisions.steps import applied, record

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None

NUMBER = 1
DESCRIPTION = "submissions, documents, proposals, progress figures, analyses, decisions"


def upgrade() -> None:
    conn = op.get_bind()
    if applied(conn, NUMBER):
        return
    tables = [schema.submissions, schema.documents, schema.proposals, schema.progress_figures,
              schema.analyses, schema.decisions]
    # (a new database gets today's columns here; the revisions after 1 add theirs if missing)
    schema.metadata.create_all(conn, tables=tables)
    triggers.create(conn)
    record(conn, NUMBER, DESCRIPTION)
