"""When a submission's confirmed score was last computed -- by ``score`` or ``report`` on the
command line, or the web workspace and its API -- which makes its status ``scored``."""

from __future__ import annotations

from sqlalchemy import Engine, select

from evidence_review.store import schema as t
from evidence_review.store.rows import now


def record_scored(engine: Engine, submission: str, score: object) -> None:
    """The submission's confirmed score was computed now (the latest one is kept)."""
    s = t.scorings
    with engine.begin() as c:
        c.execute(s.delete().where(s.c.submission_id == submission))
        c.execute(s.insert().values(submission_id=submission, scored_at=now(),
                                    score=str(score)))


def scored(engine: Engine) -> dict[str, str]:
    """Every scored submission with when it was last scored."""
    s = t.scorings
    with engine.connect() as c:
        return {r[0]: r[1] for r in c.execute(select(s.c.submission_id, s.c.scored_at))}
