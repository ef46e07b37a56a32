"""Review: screening a submission into the store, recording decisions, and what is confirmed.

The CLI commands (``review``, ``decisions``, ``score``, ``report``) are thin wrappers around
:func:`locate`, :func:`ensure_screened`, :func:`apply_decisions`, :func:`review_state`.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from evidence_review.classifiers.model import Role
from evidence_review.plans import analyse_document
from evidence_review.review.decisions_file import DecisionsFile, ReviewError
from evidence_review.rubric.model import Rubric
from evidence_review.scoring import Activity
from evidence_review.store.db import (
    IMPROVEMENT,
    PROGRESS,
    ROLE,
    DecisionRow,
    DocumentRow,
    Store,
    show_value,
)

log = logging.getLogger(__name__)

#: The per-file work function, by import path (swappable, e.g. for a cached batch runner).
SCREEN_FUNCTION = "evidence_review.pipeline.document:screen_document"

ScreenFn = Callable[[Path, Rubric, str, str], Any]
ExtractFn = Callable[[Path], Any]


def _import(target: str) -> Callable[..., Any]:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


# -- which submission ---------------------------------------------------------------------

class Target(BaseModel):
    """A submission named on the command line: its id and, when given as a folder, its files."""

    id: str
    root: Path | None = None
    files: list[Path] = Field(default_factory=list)

    def relative(self, path: Path) -> str:
        assert self.root is not None
        return path.relative_to(self.root).as_posix()


def locate(store: Store | None, arg: str) -> Target:
    """The submission ``arg`` names: an agency folder, or an id already in the store.

    A folder with files at its top is one agency (its subfolders are attachments); a folder
    holding only subfolders is one agency only if there is one subfolder.

    Raises:
        ReviewError: neither a folder nor a known id; or a folder of several agencies.
    """
    path = Path(arg)
    if path.is_dir():
        from evidence_review.intake import discover

        subs = discover([path])
        root_name = path.resolve().name
        top = [s for s in subs if s.root.resolve() == path.resolve()]
        if len(subs) > 1 and not top:
            names = ", ".join(s.id for s in subs[:5]) + (" ..." if len(subs) > 5 else "")
            raise ReviewError(f"{arg}: holds {len(subs)} agency folders ({names}); review one "
                              "agency folder at a time")
        files = sorted((f for s in subs for f in s.files),
                       key=lambda f: f.resolve().relative_to(path.resolve()).as_posix())
        if not files:
            raise ReviewError(f"{arg}: no files to review in this folder")
        ident = subs[0].id if len(subs) == 1 else root_name
        return Target(id=ident, root=path.resolve(), files=[f.resolve() for f in files])
    if path.is_file():
        raise ReviewError(f"{arg}: is a file; give the agency folder (or a submission id)")
    if store is not None and store.submission(arg) is not None:
        return Target(id=arg)
    raise ReviewError(f"{arg}: no such folder, and no submission with this id in the store")


# -- screening into the store -------------------------------------------------------------

class ScreenSummary(BaseModel):
    submission: str
    screened: list[str] = Field(default_factory=list, description="New or changed files.")
    unchanged: int = 0
    failed: list[str] = Field(default_factory=list)


def _extract(path: Path) -> Any:
    from evidence_review.extractors import extract

    return extract(path)


def ensure_screened(store: Store, target: Target, rubric: Rubric, *,
                    screen_fn: ScreenFn | None = None, extract_fn: ExtractFn | None = None,
                    progress: Callable[[str], None] | None = None) -> ScreenSummary:
    """Screen the files of ``target`` the store has not seen with this content (sha256), and
    store their proposals, activity figures and plan findings. Unchanged files are skipped."""
    from evidence_review.intake.records import sha256_file

    if target.root is None:
        return ScreenSummary(submission=target.id)
    screen = screen_fn or _import(SCREEN_FUNCTION)
    extract = extract_fn or _extract
    known = {d.path: d.sha256 for d in store.documents(target.id)}
    summary = ScreenSummary(submission=target.id)
    new: list[Any] = []
    analyses: dict[str, dict] = {}
    rels: list[str] = []
    for f in target.files:
        rel = target.relative(f)
        rels.append(rel)
        try:
            sha = sha256_file(f)
        except OSError as exc:
            sha = ""
            log.warning("%s: cannot read (%s)", f, exc)
        if sha and known.get(rel) == sha:
            summary.unchanged += 1
            continue
        if progress:
            progress(rel)
        sd = screen(f, rubric, rel, target.id)
        if not sd.sha256 and sha:
            sd = sd.model_copy(update={"sha256": sha})
        new.append(sd)
        summary.screened.append(rel)
        if _value(sd.status) == "failure":
            summary.failed.append(f"{rel}: {sd.error}")
            continue
        role = sd.proposals.role
        if role in (Role.PLAN, Role.PROGRESS):
            # the screening read the tables already; a result cached before it did is read now
            analyses[rel] = getattr(sd, "analyses", None) or analyse_document(extract(f), role)
    if new or set(known) - set(rels):
        store.save_screening(target.id, target.root, new, analyses, present=rels)
    return summary


def ensure_analysis(store: Store, doc: DocumentRow, role: Role,
                    extract_fn: ExtractFn | None = None) -> None:
    """Read activity figures / plan findings of a document whose role the reviewer set to
    progress or plan, if the screening did not (it proposed another role)."""
    wanted = {"activities"} | ({"completeness"} if role is Role.PLAN else set())
    have = {k for k in wanted if store.analysis(doc.id, k) is not None}
    if wanted <= have or doc.status == "failure":
        return
    document = (extract_fn or _extract)(Path(doc.abs_path))
    for kind, data in analyse_document(document, role).items():
        if kind not in have:
            store.save_analysis(doc.id, kind, data)


def _value(x: Any) -> str:
    return getattr(x, "value", x)


# -- confirmed state ----------------------------------------------------------------------

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
    missing before it can be scored (named by document path and item)."""
    current = store.current(submission)
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
    st.missing = _missing(st, rubric)
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


def _missing(st: ReviewState, rubric: Rubric) -> list[str]:
    missing: list[str] = []
    for d in st.documents:
        if d.role is None:
            missing.append(f"{d.doc.path}: role (proposed {d.doc.proposals.role.value})")
            continue
        if d.role in (Role.REVIEW, Role.PLAN):
            missing.extend(f"{d.doc.path}: sub-issue {sid}"
                           for sid, v in d.subissues.items() if v is None)
        if d.role is Role.PLAN and d.improvement is None:
            missing.append(f"{d.doc.path}: improvement_vs_2549")
    if st.progress is None:
        if st.proposed_progress:
            missing.append(f"progress figures ({len(st.proposed_progress)} activities proposed "
                           f"from {st.progress_source.doc.path})")  # type: ignore[union-attr]
        else:
            missing.append("progress figures (none found: enter them)")
    return missing


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

    def count(docs: list[DocState], what: str) -> tuple[int | None, DocState | None]:
        if not docs:
            notes.append(f"no document confirmed as {what}")
            return None, None
        counted = [(sum(1 for v in d.subissues.values() if v), d) for d in docs]
        best = max(counted, key=lambda c: c[0])
        if len(docs) > 1:
            notes.append(f"{len(docs)} documents confirmed as {what}: the one covering most "
                         f"sub-issues counts ({best[1].doc.path})")
        return best

    review_count, _ = count(st.by_role(Role.REVIEW), "review summary")
    plan_count, plan = count(st.by_role(Role.PLAN), "action plan")
    improvement = plan.improvement if plan else None
    return ScoreInputs(review_count=review_count, plan_count=plan_count,
                       improvement=improvement, activities=st.activities(), notes=notes)


# -- applying a decisions file ------------------------------------------------------------

class Planned(BaseModel):
    document_id: int | None
    label: str
    item: str
    after: Any
    proposed: Any = None
    reason: str | None = None


def match_document(key: str, docs: list[DocState], submission: str) -> DocState | None:
    """The document a decisions-file path names: the path as stored (relative to the agency
    folder) or as in screen's JSON (relative to the folder screened, e.g. ``agency/x.pdf``).

    >>> from evidence_review.classifiers.model import DocumentProposals
    >>> row = DocumentRow(id=1, submission_id="a1", path="docs/x.pdf", abs_path="/a1/docs/x.pdf",
    ...     format="pdf", sha256="", status="success", error=None, pages=1,
    ...     proposals=DocumentProposals(path="docs/x.pdf", role="other", role_confidence=0,
    ...                                 subissues={}))
    >>> [match_document(k, [DocState(doc=row)], "a1") is not None
    ...  for k in ("docs/x.pdf", "a1/docs/x.pdf", "subs/a1/docs/x.pdf", "x.pdf", "b/docs/x.pdf")]
    [True, True, True, False, False]
    """
    norm = key.replace("\\", "/").strip("/")
    for d in docs:
        if norm == d.doc.path:
            return d
    for d in docs:
        if norm.endswith("/" + d.doc.path):
            prefix = norm[: -len(d.doc.path) - 1]
            if prefix.rsplit("/", 1)[-1] == submission:
                return d
    return None


def plan_decisions(st: ReviewState, data: DecisionsFile, rubric: Rubric,
                   source: str) -> list[Planned]:
    """Check a decisions file against the submission and turn it into decisions to record.

    Raises:
        ReviewError: an unknown path or sub-issue id, or an override without a reason.
    """
    out: list[Planned] = []
    known = ", ".join(d.doc.path for d in st.documents) or "none"
    for key, dd in data.documents.items():
        d = match_document(key, st.documents, st.submission)
        if d is None:
            raise ReviewError(f"{source}: no document {key!r} in submission {st.submission!r} "
                              f"(documents: {known})")
        props = d.doc.proposals
        if dd.role is not None:
            out.append(Planned(document_id=d.doc.id, label=f"{key}: role", item=ROLE,
                               after=dd.role.value, proposed=props.role.value,
                               reason=dd.role_reason or dd.reason))
        for sid, sd in dd.subissues.items():
            if sid not in rubric.subissue_ids:
                raise ReviewError(f"{source}: {key}: no sub-issue {sid!r} (sub-issues: "
                                  f"{', '.join(rubric.subissue_ids)})")
            p = props.subissues.get(sid)
            out.append(Planned(document_id=d.doc.id, label=f"{key}: sub-issue {sid}", item=sid,
                               after=sd.covered, proposed=p.proposed if p else None,
                               reason=sd.reason or dd.reason))
        if dd.improvement_vs_2549 is not None:
            p = props.improvement_vs_2549
            out.append(Planned(document_id=d.doc.id, label=f"{key}: improvement_vs_2549",
                               item=IMPROVEMENT, after=dd.improvement_vs_2549,
                               proposed=p.proposed if p else None,
                               reason=dd.improvement_reason or dd.reason))
    if data.progress is not None:
        after = figures_value([a.model_dump() for a in data.progress.activities])
        out.append(Planned(document_id=None, label="progress figures", item=PROGRESS,
                           after=after, proposed=st.proposed_progress,
                           reason=data.progress.reason))
    for planned in out:
        if (planned.proposed is not None and planned.after != planned.proposed
                and not (planned.reason or "").strip()):
            raise ReviewError(f"{source}: {planned.label}: overriding the proposal "
                              f"({show_value(planned.proposed)} → {show_value(planned.after)}) "
                              "needs a \"reason\"")
    return out


def apply_decisions(store: Store, st: ReviewState, planned: list[Planned], reviewer: str,
                    source: str, extract_fn: ExtractFn | None = None) -> tuple[int, int]:
    """Record planned decisions one by one (each committed); values equal to the current
    confirmed value are not recorded again. Returns (recorded, unchanged)."""
    recorded = unchanged = 0
    docs = {d.doc.id: d for d in st.documents}
    for p in planned:
        if p.document_id is None:
            current = st.progress
        else:
            row = docs[p.document_id].decisions.get(p.item)
            current = row.after if row else None
        if current is not None and current == p.after:
            unchanged += 1
            continue
        store.record_decision(st.submission, p.item, p.after, reviewer,
                              document_id=p.document_id, proposed=p.proposed, reason=p.reason,
                              source=source)
        recorded += 1
        if (p.item == ROLE and p.document_id is not None
                and p.after in (Role.PLAN.value, Role.PROGRESS.value)):
            ensure_analysis(store, docs[p.document_id].doc, Role(p.after), extract_fn)
    return recorded, unchanged


def accept_confident(store: Store, st: ReviewState, threshold: float, reviewer: str) -> int:
    """Accept every still-unconfirmed proposal with confidence ≥ ``threshold``, recording
    one decision per item. Returns how many were recorded."""
    n = 0
    source = f"bulk>={threshold:g}"
    for d in st.documents:
        props = d.doc.proposals
        if d.role is None and props.role_confidence >= threshold:
            store.record_decision(st.submission, ROLE, props.role.value, reviewer,
                                  document_id=d.doc.id, proposed=props.role.value, source=source)
            n += 1
        for sid, p in props.subissues.items():
            if d.subissues.get(sid) is None and p.confidence >= threshold:
                store.record_decision(st.submission, sid, p.proposed, reviewer,
                                      document_id=d.doc.id, proposed=p.proposed, source=source)
                n += 1
        imp = props.improvement_vs_2549
        if imp is not None and d.improvement is None and imp.confidence >= threshold:
            store.record_decision(st.submission, IMPROVEMENT, imp.proposed, reviewer,
                                  document_id=d.doc.id, proposed=imp.proposed, source=source)
            n += 1
    return n


__all__ = [
    "ReviewError", "ReviewState", "Target", "accept_confident", "apply_decisions",
    "ensure_screened", "locate", "plan_decisions", "plan_findings", "review_state",
    "score_inputs",
]
