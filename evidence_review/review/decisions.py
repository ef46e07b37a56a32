"""Turning reviewer input (a decisions file, a bulk accept) into recorded decisions.

Every decision is written by the store's one decision function
(:meth:`store.db.Store.record_decisions`): one decisions file, one bulk accept, one web save
is one write transaction, recorded whole or not at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from evidence_review.classifiers.parts import part_range
from evidence_review.messages import MessageKey, message
from evidence_review.models.proposals import Role
from evidence_review.plans import analyse_document
from evidence_review.review.decisions_file import DecisionsFile, DocumentDecision, ReviewError
from evidence_review.review.state import DocState, ReviewState, figures_value
from evidence_review.rubric.model import Rubric
from evidence_review.store.db import (
    IMPROVEMENT,
    PARTS,
    PROGRESS,
    ROLE,
    DocumentRow,
    Store,
    show_value,
)
from evidence_review.store.decisions import NewDecision

ExtractFn = Any


def _extract(path: Path) -> Any:
    from evidence_review.extractors import extract

    return extract(path)


def ensure_analysis(store: Store, doc: DocumentRow, role: Role,
                    extract_fn: ExtractFn | None = None) -> None:
    """Read activity figures / plan findings of a document whose role the reviewer set to
    progress or plan, if the screening did not (it proposed another role). The edges pass
    ``extract_fn`` reading under the batch runner's limits (``pipeline.limited``); without
    it the file is read here, with no limit (library use)."""
    wanted = {"activities"} | ({"completeness"} if role is Role.PLAN else set())
    have = {k for k in wanted if store.analysis(doc.id, k) is not None}
    if wanted <= have or doc.status == "failure":
        return
    document = (extract_fn or _extract)(Path(doc.abs_path))
    pages = part_range(doc.path)  # a part of a bound file: its own pages only
    if pages is not None:
        document = document.model_copy(update={"pages": [
            p for p in document.pages if pages[0] <= p.number <= pages[1]]})
    for kind, data in analyse_document(document, role).items():
        if kind not in have:
            store.save_analysis(doc.id, kind, data)


class Planned(BaseModel):
    document_id: int | None
    label: str
    item: str
    after: Any
    proposed: Any = None
    reason: str | None = None
    evidence: str | None = None


def match_document(key: str, docs: list[DocState], submission: str) -> DocState | None:
    """The document a decisions-file path names: the path as stored (relative to the agency
    folder) or as in screen's JSON (relative to the folder screened, e.g. ``agency/x.pdf``).

    >>> from evidence_review.models.proposals import DocumentProposals
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
        ReviewError: an unknown path or sub-issue id; an override of a proposal or a change
            of a confirmed decision without a reason; ``progress: {accept: true}`` with no
            figures proposed.
    """
    out: list[Planned] = []
    known = ", ".join(d.doc.path for d in st.documents) or "none"
    for key, dd in data.documents.items():
        d = match_document(key, st.documents, st.submission)
        if d is None:
            raise ReviewError(f"{source}: " + message(
                MessageKey.NO_DOCUMENT_IN_SUBMISSION, document=repr(key),
                submission=repr(st.submission), known=known))
        out.extend(_document_plan(key, d, dd, rubric, source, st.documents))
    if data.progress is not None:
        out.append(_progress_plan(st, data, source))
    for planned in out:
        _check_reason(st, planned, source)
    return out


def _document_plan(key: str, d: DocState, dd: DocumentDecision, rubric: Rubric,
                   source: str, docs: list[DocState]) -> list[Planned]:
    props = d.doc.proposals
    out: list[Planned] = []
    if dd.role is not None:
        out.append(Planned(document_id=d.doc.id, label=f"{key}: role", item=ROLE,
                           after=dd.role.value, proposed=props.role.value,
                           reason=dd.role_reason or dd.reason))
    for sid, sd in dd.subissues.items():
        if sid not in rubric.subissue_ids:
            raise ReviewError(f"{source}: {key}: " + message(
                MessageKey.NO_SUBISSUE, subissue=repr(sid),
                known=", ".join(rubric.subissue_ids)))
        p = props.subissues.get(sid)
        out.append(Planned(document_id=d.doc.id, label=f"{key}: sub-issue {sid}", item=sid,
                           after=sd.covered, proposed=p.proposed if p else None,
                           reason=sd.reason or dd.reason, evidence=sd.evidence))
    if dd.parts is not None:
        out.append(_parts_plan(key, d, dd, docs, source))
    if dd.improvement_vs_2549 is not None:
        p = props.improvement_vs_2549
        out.append(Planned(document_id=d.doc.id, label=f"{key}: improvement_vs_2549",
                           item=IMPROVEMENT, after=dd.improvement_vs_2549,
                           proposed=p.proposed if p else None,
                           reason=dd.improvement_reason or dd.reason))
    return out


def _parts_plan(key: str, d: DocState, dd: DocumentDecision, docs: list[DocState],
                source: str) -> Planned:
    """A reviewer's split of a bound file (recorded on the document named; the next screen
    of the folder applies it: ``pipeline.register.Registrar.split_for``). What was proposed:
    the file's parts as screened, or the whole file as one part."""
    from evidence_review.classifiers.parts import SplitError, file_of, parse_split, part_range

    whole = file_of(d.doc.path)
    siblings = [x.doc for x in docs if file_of(x.doc.path) == whole]
    ranges = sorted(part_range(x.path) or (1, x.pages) for x in siblings)
    pages = max((last for _, last in ranges), default=None) or None
    try:
        after = [list(r) for r in parse_split(dd.parts or [], pages)]
    except SplitError as exc:
        raise ReviewError(f"{source}: {key}: parts: {exc}") from None
    return Planned(document_id=d.doc.id, label=f"{key}: parts", item=PARTS, after=after,
                   proposed=[list(r) for r in ranges], reason=dd.reason)


def _progress_plan(st: ReviewState, data: DecisionsFile, source: str) -> Planned:
    progress = data.progress
    assert progress is not None
    if progress.accept:
        if not st.proposed_progress:
            raise ReviewError(f"{source}: " + message(MessageKey.NOTHING_PROPOSED_TO_ACCEPT))
        after = st.proposed_progress
    else:
        after = figures_value([a.model_dump() for a in progress.activities or []])
    return Planned(document_id=None, label="progress figures", item=PROGRESS, after=after,
                   proposed=st.proposed_progress, reason=progress.reason)


def _current(st: ReviewState, planned: Planned) -> Any:
    """The confirmed value the planned decision would replace (None: unconfirmed)."""
    if planned.document_id is None:
        return st.progress
    d = next(x for x in st.documents if x.doc.id == planned.document_id)
    row = d.decisions.get(planned.item)
    return row.after if row else None


def _check_reason(st: ReviewState, planned: Planned, source: str) -> None:
    if (planned.reason or "").strip():
        return
    if planned.proposed is not None and planned.after != planned.proposed:
        raise ReviewError(f"{source}: {planned.label}: " + message(
            MessageKey.FILE_OVERRIDE_NEEDS_REASON, before=show_value(planned.proposed),
            after=show_value(planned.after)))
    current = _current(st, planned)
    if current is not None and current != planned.after:
        raise ReviewError(f"{source}: {planned.label}: " + message(
            MessageKey.FILE_CHANGE_NEEDS_REASON, before=show_value(current),
            after=show_value(planned.after)))


def apply_decisions(store: Store, st: ReviewState, planned: list[Planned], reviewer: str,
                    source: str, extract_fn: ExtractFn | None = None, *,
                    base_version: int | None = None) -> tuple[int, int]:
    """Record planned decisions in one write transaction (all or none; see
    :meth:`store.db.Store.record_decisions`); values equal to the current confirmed value are
    not recorded again. With ``base_version`` the write is refused (``StaleVersionError``)
    unless the review state is still at that version. Returns (recorded, unchanged)."""
    docs = {d.doc.id: d for d in st.documents}
    batch = [NewDecision(item=p.item, after=p.after, document_id=p.document_id,
                         proposed=p.proposed, reason=p.reason, evidence=p.evidence,
                         content_sha256=progress_content(st) if p.item == PROGRESS else None)
             for p in planned]
    ids = store.record_decisions(st.submission, batch, reviewer, source=source,
                                 base_version=base_version) if batch else []
    for p, row_id in zip(planned, ids, strict=True):
        if (row_id is not None and p.item == ROLE and p.document_id is not None
                and p.after in (Role.PLAN.value, Role.PROGRESS.value)):
            ensure_analysis(store, docs[p.document_id].doc, Role(p.after), extract_fn)
    recorded = sum(1 for row_id in ids if row_id is not None)
    return recorded, len(ids) - recorded


def progress_content(st: ReviewState) -> str | None:
    """The content (sha256) progress figures are confirmed on: their source document's."""
    return st.progress_source.doc.sha256 if st.progress_source is not None else None


def accept_confident(store: Store, st: ReviewState, threshold: float, reviewer: str, *,
                     base_version: int | None = None) -> int:
    """Accept every still-unconfirmed proposal with confidence ≥ ``threshold``, one decision
    per item, in one write transaction (refused if no longer at ``base_version``, when given).
    Returns how many were recorded."""
    batch: list[NewDecision] = []
    for d in st.documents:
        props = d.doc.proposals
        if d.role is None and props.role_confidence >= threshold:
            batch.append(NewDecision(item=ROLE, after=props.role.value, document_id=d.doc.id,
                                     proposed=props.role.value))
        for sid, p in props.subissues.items():
            if d.subissues.get(sid) is None and p.confidence >= threshold:
                batch.append(NewDecision(item=sid, after=p.proposed, document_id=d.doc.id,
                                         proposed=p.proposed))
        imp = props.improvement_vs_2549
        if imp is not None and d.improvement is None and imp.confidence >= threshold:
            batch.append(NewDecision(item=IMPROVEMENT, after=imp.proposed,
                                     document_id=d.doc.id, proposed=imp.proposed))
    if not batch:
        return 0
    ids = store.record_decisions(st.submission, batch, reviewer, source=f"bulk>={threshold:g}",
                                 base_version=base_version)
    return sum(1 for row_id in ids if row_id is not None)
