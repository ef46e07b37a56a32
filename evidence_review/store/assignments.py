"""Who reviews a submission: none assigned (single review, the default), or one or two
named reviewers. Assigning replaces the previous assignment of the submission."""

from __future__ import annotations

from sqlalchemy import Engine, select

from evidence_review.messages import MessageKey, message
from evidence_review.store import schema as t
from evidence_review.store.engine import DecisionError
from evidence_review.store.rows import now


class AssignmentsMixin:
    engine: Engine

    def assign(self, submission_id: str, reviewers: list[str], assigned_by: str) -> list[str]:
        """Assign one or two reviewers (names stripped, in order); an empty list clears the
        assignment (back to single review by anyone).

        Raises:
            DecisionError: more than two reviewers, the same one twice, an empty name, or a
                change after decisions were made under the current assignment.
        """
        names = [" ".join(r.split()) for r in reviewers]
        if any(not n for n in names):
            raise DecisionError(message(MessageKey.REVIEWER_NAME_EMPTY))
        if len(names) > 2 or len(set(names)) != len(names):
            raise DecisionError(message(MessageKey.ASSIGN_ONE_OR_TWO))
        a = t.assignments
        with self.engine.begin() as c:
            c.execute(a.delete().where(a.c.submission_id == submission_id))
            for i, name in enumerate(names, 1):
                c.execute(a.insert().values(submission_id=submission_id, reviewer=name,
                                            position=i, assigned_by=assigned_by,
                                            assigned_at=now()))
        return names

    def assignees(self, submission_id: str) -> list[str]:
        """The assigned reviewers in order (empty: single review by anyone)."""
        a = t.assignments
        with self.engine.connect() as c:
            return list(c.execute(select(a.c.reviewer).where(
                a.c.submission_id == submission_id).order_by(a.c.position)).scalars())
