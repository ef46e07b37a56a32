"""What the review page shows: one document's pages with the selected item's evidence marked,
and the panel of its items (the 10 sub-issues, the FY 2549 flag), role and progress figures."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from evidence_review.classifiers.model import Evidence, Role, SubIssueProposal
from evidence_review.classifiers.parts import part_range
from evidence_review.review.state import DocState, ReviewState
from evidence_review.rubric.model import Rubric
from evidence_review.store.db import IMPROVEMENT
from evidence_review.web import pages


class ItemView(BaseModel):
    item: str
    key: str  # keyboard key: 1..9, 0, or ""
    title: str
    proposed: bool | None
    confidence: float | None
    phrase: str | None
    reason: str | None
    value: bool | None  # confirmed
    reviewer: str | None = None
    decision_reason: str | None = None
    evidence_pages: list[int] = Field(default_factory=list)
    selection: str | None = None


class PageView(BaseModel):
    number: int
    highlights: list[pages.Box] = Field(default_factory=list)
    evidence: bool = False
    not_found: bool = False


class TextView(BaseModel):
    number: int
    runs: list[tuple[str, bool]]


class DocumentView(BaseModel):
    id: int
    path: str
    format: str
    status: str
    error: str | None
    pdf: bool
    pages: list[PageView] = Field(default_factory=list)
    texts: list[TextView] = Field(default_factory=list)
    role_proposed: str
    role_confidence: float
    role: str | None
    unconfirmed: int


def _proposal(st_doc: DocState, item: str) -> SubIssueProposal | None:
    props = st_doc.doc.proposals
    return props.improvement_vs_2549 if item == IMPROVEMENT else props.subissues.get(item)


def items(d: DocState, rubric: Rubric, selections: dict[int, dict[str, Any]]) -> list[ItemView]:
    out: list[ItemView] = []
    ids = list(rubric.subissue_ids)
    if d.doc.proposals.improvement_vs_2549 is not None or d.effective_role is Role.PLAN:
        ids.append(IMPROVEMENT)
    for n, item in enumerate(ids):
        p = _proposal(d, item)
        row = d.decisions.get(item)
        title = ("ระบุการพัฒนาเพิ่มเติมจากปี 2549" if item == IMPROVEMENT
                 else rubric.subissue(item).title_th)
        out.append(ItemView(
            item=item, key=str((n + 1) % 10) if n < 10 else "", title=title,
            proposed=p.proposed if p else None, confidence=p.confidence if p else None,
            phrase=p.evidence[0].phrase if p and p.evidence else None,
            reason=p.reason if p else None,
            value=d.improvement if item == IMPROVEMENT else d.subissues.get(item),
            reviewer=row.reviewer if row else None,
            decision_reason=row.reason if row else None,
            evidence_pages=sorted({e.page for e in p.evidence}) if p else [],
            selection=(selections.get(row.id) or {}).get("text") if row else None))
    return out


def unconfirmed(d: DocState) -> int:
    if d.role is None:
        return 1 + sum(v is None for v in d.subissues.values())
    if d.role in (Role.REVIEW, Role.PLAN):
        return (sum(v is None for v in d.subissues.values())
                + (d.role is Role.PLAN and d.improvement is None))
    return 0


def document_view(d: DocState, item: str | None) -> DocumentView:
    """The document's pages (PDF) or texts, with ``item``'s evidence marked."""
    doc = d.doc
    view = DocumentView(
        id=doc.id, path=doc.path, format=doc.format, status=doc.status, error=doc.error,
        pdf=doc.format == "pdf", role_proposed=doc.proposals.role.value,
        role_confidence=doc.proposals.role_confidence,
        role=d.role.value if d.role else None, unconfirmed=unconfirmed(d))
    if doc.status == "failure":
        return view
    p = _proposal(d, item) if item else None
    if view.pdf:
        found = _pdf_highlights(doc.abs_path, p.evidence if p else [])
        first, last = part_range(doc.path) or (1, doc.pages or pages.page_count(doc.abs_path))
        for n in range(first, last + 1):  # a part of a bound file: its pages of the file
            boxes = found.get(n)
            view.pages.append(PageView(number=n, highlights=boxes or [],
                                       evidence=boxes is not None, not_found=boxes == []))
        return view
    texts = pages.document_texts(doc.abs_path, doc.sha256)
    items = p.evidence if p else []
    first, last = part_range(doc.path) or (1, len(texts))
    for n, text in enumerate(texts, start=1):
        if not first <= n <= last:
            continue
        here = [e for e in items if e.page == n]
        spans = [(e.start, e.end) for e in here if e.start is not None and e.end is not None]
        view.texts.append(TextView(number=n, runs=pages.marked(
            text, [e.text for e in here], spans)))
    return view


def _pdf_highlights(path: str, evidence: list[Evidence]) -> dict[int, list[pages.Box]]:
    """Per page with evidence, its boxes in percent of the page: those computed when the
    document was screened, else (a store screened before evidence had boxes, or text that could
    not be placed then) found now by searching the page's text layer for the snippet."""
    out: dict[int, list[pages.Box]] = {}
    search: list[tuple[int, str]] = []
    for e in evidence:
        here = out.setdefault(e.page, [])
        if e.boxes:
            here.extend(pages.Box(left=100 * b.left, top=100 * b.top, width=100 * b.width,
                                  height=100 * b.height) for b in e.boxes)
        else:
            search.append((e.page, e.text))
    for h in pages.highlights(path, search) if search else []:
        out.setdefault(h.page, []).extend(h.boxes)
    return out


def choose(st: ReviewState, rubric: Rubric, doc_id: int | None,
           item: str | None) -> tuple[DocState | None, str]:
    """The document and item to show: those asked for, else the first needing work."""
    docs = st.documents
    d = next((x for x in docs if x.doc.id == doc_id), None)
    if d is None:
        d = next((x for x in docs if unconfirmed(x)), docs[0] if docs else None)
    if d is None:
        return None, rubric.subissue_ids[0]
    valid = [*rubric.subissue_ids, IMPROVEMENT]
    if item not in valid:
        item = next((sid for sid, v in d.subissues.items() if v is None), rubric.subissue_ids[0])
    return d, item


def neighbours(st: ReviewState, d: DocState) -> int | None:
    """The next document's id (wrapping), for the ``n`` key."""
    ids = [x.doc.id for x in st.documents]
    if len(ids) < 2:
        return None
    return ids[(ids.index(d.doc.id) + 1) % len(ids)]


def progress_rows(st: ReviewState) -> tuple[list[dict[str, Any]], bool]:
    """The figures to show in the editable table, and whether they are confirmed."""
    if st.progress is not None:
        return st.progress, True
    return st.proposed_progress or [], False
