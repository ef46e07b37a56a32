"""What is confirmed for a submission, and what is still missing before it can be scored.

A decision counts only for the content (sha256) it was made on: a document whose file changed
after it was reviewed is named in :attr:`ReviewState.missing` with its items.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from evidence_review.messages import MessageKey, message
from evidence_review.models.proposals import Role
from evidence_review.rubric.model import Rubric
from evidence_review.scoring import Activity
from evidence_review.store.db import (
    IMPROVEMENT,
    PROGRESS,
    ROLE,
    DecisionRow,
    DocumentRow,
    Store,
)


def dec_text(value: Decimal | None) -> str | None:
    """A Decimal as plain text without exponent or trailing zeros.

    >>> dec_text(Decimal("100.0")), dec_text(Decimal("0.250")), dec_text(None)
    ('100', '0.25', None)
    """
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text


def figures_value(activities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Progress figures in the form decisions store them (Decimals as normalised text)."""
    out = []
    for a in activities:
        out.append({
            "name": " ".join(str(a["name"]).split()),
            "weight": dec_text(None if a.get("weight") is None else Decimal(str(a["weight"]))),
            "percent": dec_text(None if a.get("percent") is None else Decimal(str(a["percent"]))),
            "achieved": a.get("achieved"),
        })
    return out


class DocState(BaseModel):
    """One document with its proposals and its current confirmed values (None = unconfirmed)."""

    doc: DocumentRow
    role: Role | None = None
    subissues: dict[str, bool | None] = Field(default_factory=dict)
    improvement: bool | None = None
    decisions: dict[str, DecisionRow] = Field(default_factory=dict)

    @property
    def effective_role(self) -> Role:
        return self.role or self.doc.proposals.role


class ReviewState(BaseModel):
    """Everything known about a submission's review, and what is still unconfirmed."""

    submission: str
    documents: list[DocState]
    progress: list[dict[str, Any]] | None = Field(None, description="Confirmed figures.")
    progress_decision: DecisionRow | None = None
    proposed_progress: list[dict[str, Any]] | None = None
    progress_source: DocState | None = None
    missing: list[str] = Field(default_factory=list)
    changed: list[str] = Field(default_factory=list, description=(
        "Documents changed since they were reviewed and not confirmed again."))

    @property
    def confirmed(self) -> bool:
        return not self.missing

    def by_role(self, role: Role) -> list[DocState]:
        return [d for d in self.documents if d.role is role]

    def activities(self) -> list[Activity]:
        return [Activity(name=a["name"],
                         weight=None if a["weight"] is None else Decimal(a["weight"]),
                         percent=None if a["percent"] is None else Decimal(a["percent"]),
                         achieved=a["achieved"]) for a in (self.progress or [])]


def review_state(store: Store, submission: str, rubric: Rubric) -> ReviewState:
    """The submission's documents, proposals and confirmed values, and the list of what is
    missing before it can be scored (named by document path and item).

    A double-reviewed submission read through the plain store gives its final decisions
    (agreed and adjudicated, :mod:`review.team`); a reviewer's stream is read through
    :func:`review.team.reviewer_view`."""
    from evidence_review.review.team import final_view

    store = final_view(store, submission)
    current = store.current(submission)
    stale = store.stale(submission)
    docs: list[DocState] = []
    for d in store.documents(submission):
        mine = {item: row for (doc_id, item), row in current.items() if doc_id == d.id}
        state = DocState(doc=d, decisions=mine)
        if ROLE in mine:
            state.role = Role(mine[ROLE].after)
        state.subissues = {sid: (mine[sid].after if sid in mine else None)
                           for sid in rubric.subissue_ids}
        if IMPROVEMENT in mine:
            state.improvement = mine[IMPROVEMENT].after
        docs.append(state)
    st = ReviewState(submission=submission, documents=docs, progress=None)
    progress_row = current.get((None, PROGRESS))
    if progress_row is not None:
        st.progress, st.progress_decision = progress_row.after, progress_row
    source = _progress_source(store, docs)
    if source is not None:
        st.progress_source = source
        st.proposed_progress = figures_value(
            [r.model_dump() for r in store.progress(source.doc.id)])
    stale_progress = progress_row is None and any(
        r.item == PROGRESS for r in store.heads(submission))
    st.missing = _missing(st, rubric, stale, stale_progress)
    return st


def _progress_source(store: Store, docs: list[DocState]) -> DocState | None:
    """The document whose activity figures are proposed: a progress report (confirmed role
    first, then proposed), else a plan with figures."""
    order = ([d for d in docs if d.role is Role.PROGRESS]
             + [d for d in docs if d.role is None and d.doc.proposals.role is Role.PROGRESS]
             + [d for d in docs if d.effective_role is Role.PLAN])
    for d in order:
        if store.progress(d.doc.id):
            return d
    return order[0] if order and order[0].effective_role is Role.PROGRESS else None


def _missing(st: ReviewState, rubric: Rubric, stale: dict[int, str],
             stale_progress: bool) -> list[str]:
    missing: list[str] = []
    for d in st.documents:
        mine = _doc_missing(d)
        if mine and d.doc.id in stale:
            st.changed.append(d.doc.path)
            mine.insert(0, f"{d.doc.path}: {message(MessageKey.DOC_CHANGED)}")
        missing.extend(mine)
    if st.progress is None and stale_progress:
        missing.append(f"progress figures: {message(MessageKey.DOC_CHANGED)}")
    if st.progress is None:
        if st.proposed_progress:
            missing.append(f"progress figures ({len(st.proposed_progress)} activities proposed "
                           f"from {st.progress_source.doc.path})")  # type: ignore[union-attr]
        else:
            missing.append("progress figures (none found: enter them)")
    return missing


def _doc_missing(d: DocState) -> list[str]:
    """Everything of one document still to confirm: its role and, for the role it has (or is
    proposed), its sub-issues and the improvement flag."""
    out: list[str] = []
    if d.role is None:
        out.append(f"{d.doc.path}: role (proposed {d.doc.proposals.role.value})")
        if d.doc.status == "failure":
            return out
    if d.effective_role in (Role.REVIEW, Role.PLAN):
        out.extend(f"{d.doc.path}: sub-issue {sid}" for sid, v in d.subissues.items() if v is None)
    if d.effective_role is Role.PLAN and d.improvement is None:
        out.append(f"{d.doc.path}: improvement_vs_2549")
    return out


def plan_findings(store: Store, st: ReviewState) -> list[tuple[str, list[str]]]:
    """Action-plan completeness findings per plan document (confirmed role, else proposed)."""
    from evidence_review.plans.completeness import PlanCompleteness

    out: list[tuple[str, list[str]]] = []
    for d in st.documents:
        if d.effective_role is not Role.PLAN:
            continue
        data = store.analysis(d.doc.id, "completeness")
        if data is not None:
            out.append((d.doc.path, PlanCompleteness.model_validate(data).findings()))
    return out


class ScoreInputs(BaseModel):
    review_count: int | None
    plan_count: int | None
    improvement: bool | None
    activities: list[Activity]
    notes: list[str] = Field(default_factory=list)


def score_inputs(st: ReviewState) -> ScoreInputs:
    """Counts and figures for :func:`scoring.score`, from confirmed values only."""
    notes: list[str] = []

    def count(docs: list[DocState], none: MessageKey,
              several: MessageKey) -> tuple[int | None, DocState | None]:
        if not docs:
            notes.append(message(none))
            return None, None
        counted = [(sum(1 for v in d.subissues.values() if v), d) for d in docs]
        best = max(counted, key=lambda c: c[0])
        if len(docs) > 1:
            notes.append(message(several, count=len(docs), path=best[1].doc.path))
        return best

    review_count, _ = count(st.by_role(Role.REVIEW), MessageKey.NO_REVIEW_CONFIRMED,
                            MessageKey.SEVERAL_REVIEWS_CONFIRMED)
    plan_count, plan = count(st.by_role(Role.PLAN), MessageKey.NO_PLAN_CONFIRMED,
                             MessageKey.SEVERAL_PLANS_CONFIRMED)
    improvement = plan.improvement if plan else None
    return ScoreInputs(review_count=review_count, plan_count=plan_count,
                       improvement=improvement, activities=st.activities(), notes=notes)
