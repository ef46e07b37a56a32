"""Team review: a submission assigned to two reviewers is reviewed blind, each in their own
decision stream (the decisions whose reviewer is them); where their current values differ a
lead (or an admin) adjudicates with decisions of source ``adjudication``.

The *final* decisions of a double-reviewed submission are the values both reviewers agree on
plus the adjudicated ones; score and report read only those (``review_state`` on a plain
store gives the final view). One assigned reviewer, or none, is single review as before.

Views are :class:`Store` objects over the same engine whose ``trail`` is filtered, so the
review state, the stale check and the version all follow the stream they are given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from evidence_review.messages import MessageKey, message
from evidence_review.review.agreement import Pair
from evidence_review.review.decisions_file import DecisionsFile, ReviewError
from evidence_review.rubric.model import Rubric
from evidence_review.store import schema
from evidence_review.store.db import DecisionError, DecisionRow, Store
from evidence_review.store.decisions import ADJUDICATION, trail_version

if TYPE_CHECKING:
    from evidence_review.review.decisions import ExtractFn


class NotAssigned(Exception):
    """The reviewer is not assigned to the submission (403 / one line)."""


class StreamStore(Store):
    """One reviewer's blind stream of a double-reviewed submission."""

    def __init__(self, base: Store, reviewer: str) -> None:  # no migration: base did it
        self.engine, self.version, self.base, self.reviewer = base.engine, base.version, base, \
            reviewer

    def trail_where(self, submission_id: str) -> list[Any]:
        d = schema.decisions.c
        return [*self.base.trail_where(submission_id), d.reviewer == self.reviewer,
                d.source != ADJUDICATION]

    def trail_version(self, submission_id: str) -> int:
        with self.engine.connect() as c:
            return trail_version(c, submission_id, self.reviewer)

    def record_decisions(self, submission_id: str, decisions: list[Any], reviewer: str, *,
                         source: str, stream: str | None = None,
                         base_version: int | None = None,
                         version_of: str | None = None) -> list[int | None]:
        if reviewer.strip() != self.reviewer:
            raise DecisionError(message(MessageKey.NOT_YOUR_STREAM, reviewer=reviewer,
                                        owner=self.reviewer))
        return self.base.record_decisions(submission_id, decisions, reviewer, source=source,
                                          stream=self.reviewer, base_version=base_version,
                                          version_of=self.reviewer)


class FinalStore(Store):
    """The final decisions of a double-reviewed submission: agreed values and adjudications.
    Decisions written through it are adjudications (source ``adjudication``)."""

    def __init__(self, base: Store, reviewers: list[str]) -> None:
        self.engine, self.version, self.base, self.reviewers = base.engine, base.version, \
            base, reviewers

    def trail(self, submission_id: str) -> list[DecisionRow]:
        a, b = (StreamStore(self.base, r).current(submission_id) for r in self.reviewers)
        agreed = [row for key, row in a.items() if key in b and b[key].after == row.after]
        adjudicated = self.base._decisions(*self.base.trail_where(submission_id),
                                           schema.decisions.c.source == ADJUDICATION)
        return sorted(agreed + adjudicated, key=lambda r: r.id)

    def heads(self, submission_id: str) -> list[DecisionRow]:
        return self.trail(submission_id)  # (agreed and adjudicated: already a few per item)

    def record_decisions(self, submission_id: str, decisions: list[Any], reviewer: str, *,
                         source: str, stream: str | None = None,
                         base_version: int | None = None,
                         version_of: str | None = None) -> list[int | None]:
        # the lead (never one of the two reviewers) writes only adjudications: their own
        # stream is the adjudicated values; the version is the whole submission's (the final
        # view follows every decision of both streams)
        return self.base.record_decisions(submission_id, decisions, reviewer,
                                          source=ADJUDICATION, stream=reviewer.strip(),
                                          base_version=base_version)


def _base(store: Store) -> Store:
    return getattr(store, "base", store)


def final_view(store: Store, submission: str) -> Store:
    """The store whose decisions count for the score: the final view of a double-reviewed
    submission, else the store itself."""
    if isinstance(store, StreamStore | FinalStore):
        return store
    names = store.assignees(submission)
    return FinalStore(store, names) if len(names) == 2 else store


def reviewer_view(store: Store, submission: str, reviewer: str) -> Store:
    """The store a reviewer reviews ``submission`` through: their own stream in a double
    review, the store itself in single review.

    Raises:
        NotAssigned: the submission is assigned and not to ``reviewer``.
    """
    base = _base(store)
    names = base.assignees(submission)
    if names and reviewer not in names:
        raise NotAssigned(f"{submission}: " + message(
            MessageKey.NOT_ASSIGNED, reviewer=reviewer, assigned=" and ".join(names)))
    return StreamStore(base, reviewer) if len(names) == 2 else base


def is_double(store: Store, submission: str) -> bool:
    return len(_base(store).assignees(submission)) == 2


class Difference(BaseModel):
    """One item the two reviewers decided differently (or only one decided)."""

    document_id: int | None
    document: str | None
    item: str
    first: DecisionRow | None
    second: DecisionRow | None
    final: DecisionRow | None = None

    @property
    def adjudicated(self) -> bool:
        return self.final is not None and self.final.source == ADJUDICATION


def streams(store: Store, submission: str) -> tuple[dict[Any, DecisionRow], ...]:
    """The current decisions of each assigned reviewer's stream."""
    base = _base(store)
    return tuple(StreamStore(base, r).current(submission) for r in base.assignees(submission))


def differences(store: Store, submission: str) -> list[Difference]:
    """Items where the two reviewers' current values differ, with the final decision if one
    was adjudicated (empty unless double-reviewed)."""
    base = _base(store)
    names = base.assignees(submission)
    if len(names) != 2:
        return []
    a, b = streams(base, submission)
    final = FinalStore(base, names).current(submission)
    out = []
    for key in sorted(set(a) | set(b), key=lambda k: (k[0] or 0, k[1])):
        ra, rb = a.get(key), b.get(key)
        if ra is not None and rb is not None and ra.after == rb.after:
            continue
        row = ra or rb
        out.append(Difference(document_id=key[0], item=key[1],
                              document=row.document_path if row else None,
                              first=ra, second=rb, final=final.get(key)))
    return out


def both_finished(store: Store, submission: str, rubric: Rubric) -> bool:
    """Whether both reviewers of a double review have confirmed everything in their own
    streams."""
    from evidence_review.review.state import review_state

    base = _base(store)
    names = base.assignees(submission)
    return len(names) == 2 and all(
        not review_state(StreamStore(base, r), submission, rubric).missing for r in names)


def double_status(store: Store, submission: str, rubric: Rubric) -> str | None:
    """The status of a double review not yet final: ``in_adjudication`` once both reviewers
    have confirmed everything and differences remain undecided, else ``in_review`` once
    either has decided anything, else ``screened``; None when not double-reviewed or final."""
    from evidence_review.review.state import review_state

    base = _base(store)
    names = base.assignees(submission)
    if len(names) != 2 or not review_state(FinalStore(base, names), submission,
                                           rubric).missing:
        return None
    if both_finished(base, submission, rubric):
        return "in_adjudication"
    return "in_review" if base.trail(submission) else "screened"


def adjudicate(store: Store, submission: str, rubric: Rubric, data: DecisionsFile, lead: str,
               label: str, *, base_version: int | None = None,
               extract_fn: ExtractFn | None = None) -> tuple[int, int]:
    """Record a lead's final decisions (a decisions file, each with a reason) on a double
    review whose two reviewers have both finished. Returns (recorded, unchanged).
    ``extract_fn`` reads a document whose role an adjudication changes to plan or progress
    (see :func:`review.decisions.apply_decisions`).

    Raises:
        ReviewError: not double-reviewed, not both finished, an item without a reason, or
            the file's own mistakes (one line naming ``label``).
    """
    from evidence_review.review.decisions import apply_decisions, plan_decisions
    from evidence_review.review.state import review_state

    base = _base(store)
    names = base.assignees(submission)
    if len(names) != 2:
        raise ReviewError(f"{submission}: " + message(MessageKey.NOT_DOUBLE_REVIEWED))
    if not both_finished(base, submission, rubric):
        first, second = names
        raise ReviewError(f"{submission}: " + message(MessageKey.REVIEWERS_NOT_FINISHED,
                                                      first=first, second=second))
    if lead in names:
        raise ReviewError(f"{submission}: " + message(MessageKey.LEAD_REVIEWED_IT, lead=lead))
    final = FinalStore(base, names)
    st = review_state(final, submission, rubric)
    planned = plan_decisions(st, data, rubric, label)
    unreasoned = [p.label for p in planned if not p.reason]
    if unreasoned:
        raise ReviewError(f"{label}: " + message(MessageKey.ADJUDICATION_NEEDS_REASON,
                                                 items=", ".join(unreasoned)))
    return apply_decisions(final, st, planned, lead, ADJUDICATION, extract_fn,
                           base_version=base_version)


def agreement_pairs(store: Store, submission: str, items: set[str]) -> list[Pair]:
    """The two reviewers' values on every (document, item) both decided, for ``items`` (role
    and sub-issue ids); empty unless double-reviewed."""
    base = _base(store)
    if len(base.assignees(submission)) != 2:
        return []
    a, b = streams(base, submission)
    return [Pair(row.document_path or "", key[1], row.after, b[key].after)
            for key, row in sorted(a.items(), key=lambda kv: kv[1].id)
            if key in b and key[1] in items]


def double_reviewed(store: Store) -> list[str]:
    """Every submission assigned to two reviewers."""
    base = _base(store)
    return [s.id for s in base.submissions() if len(base.assignees(s.id)) == 2]


class ReviewTeam(BaseModel):
    """Who reviewed a submission, who adjudicated, and how far the two reviewers agreed
    (the report states it)."""

    reviewers: list[str]
    adjudicators: list[str]
    double: bool
    items: int = 0
    agreement: float | None = None
    kappa: float | None = None


def review_team(store: Store, submission: str, rubric: Rubric) -> ReviewTeam:
    from evidence_review.review.agreement import agreement
    from evidence_review.store.db import ROLE

    base = _base(store)
    trail = base.trail(submission)
    names = base.assignees(submission)
    adjudicators = list(dict.fromkeys(r.reviewer for r in trail if r.source == ADJUDICATION))
    if len(names) != 2:
        reviewers = list(dict.fromkeys(r.reviewer for r in trail if r.source != ADJUDICATION))
        return ReviewTeam(reviewers=reviewers, adjudicators=adjudicators, double=False)
    pairs = agreement_pairs(base, submission, {ROLE, *rubric.subissue_ids})
    a = agreement(submission, pairs, rubric.subissue_ids)
    return ReviewTeam(reviewers=names, adjudicators=adjudicators, double=True, items=a.items,
                      agreement=a.agreement, kappa=a.kappa)
