"""Checking the decision trail: the append-only triggers and each submission's hash chain.

When the store opens, missing triggers are re-created where the connecting role may
(:meth:`AuditMixin.restore_triggers`); otherwise writes are refused and the reason kept in
``Store.write_refused``. ``evidence-review audit verify`` and the commands that read or write
decisions use :meth:`AuditMixin.audit` (exit 4 / HTTP 409 on a problem).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.exc import SQLAlchemyError

from evidence_review.messages import MessageKey, message
from evidence_review.store import chain, triggers
from evidence_review.store import schema as t
from evidence_review.store.decisions import chain_rows
from evidence_review.store.engine import TamperedError, write_transaction


@dataclass(frozen=True)
class TrailCheck:
    """One submission's chain: how many rows, and the first broken one (None: intact)."""

    submission: str
    rows: int
    broken: chain.Break | None

    def line(self) -> str:
        if self.broken is None:
            return message(MessageKey.CHAIN_OK, submission=self.submission, rows=self.rows)
        return message(MessageKey.CHAIN_BROKEN, submission=self.submission,
                       row=self.broken.row_id, reason=self.broken.reason)


class AuditMixin:
    engine: Engine
    #: why decisions may not be written here (missing triggers we could not re-create)
    write_refused: str | None = None
    #: what opening the store repaired (re-created triggers), one line each
    notes: list[str]

    def restore_triggers(self) -> None:
        """Re-create missing append-only triggers if the role may; else refuse writes."""
        with self.engine.connect() as c:
            gone = triggers.missing(c)
        if not gone:
            return
        try:
            with write_transaction(self.engine) as c:
                triggers.create(c, gone)
        except SQLAlchemyError:
            self.write_refused = message(MessageKey.TRIGGERS_MISSING, names=", ".join(gone))
            return
        self.notes.append(f"re-created the append-only triggers {', '.join(gone)} "
                          "(dropped outside the tool): run `evidence-review audit verify`")

    def check_trail(self, submission_id: str) -> TrailCheck:
        with self.engine.connect() as c:
            rows = chain_rows(c, submission_id)
        return TrailCheck(submission_id, len(rows), chain.verify(rows))

    def audit(self, submission_id: str | None = None) -> list[TrailCheck]:
        """The chain of one submission, or of every submission with decisions."""
        if submission_id is not None:
            return [self.check_trail(submission_id)]
        with self.engine.connect() as c:
            ids = sorted(c.execute(select(t.decisions.c.submission_id).distinct()).scalars())
        return [self.check_trail(i) for i in ids]

    def require_intact(self, submission_id: str) -> None:
        """Raise :class:`TamperedError` (one line) when the triggers are missing or the
        submission's chain is broken: its decisions cannot be trusted."""
        if self.write_refused:
            raise TamperedError(self.write_refused)
        check = self.check_trail(submission_id)
        if check.broken is not None:
            raise TamperedError(check.line())
