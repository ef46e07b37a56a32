"""Classifiers: tokenization, phrase matching, document structure, proposals and roles.

Public surface: :func:`classify` (a :class:`~extractors.model.Document` and a rubric to
:class:`~classifiers.model.DocumentProposals`) and the proposal models. Heavy parts (pythainlp,
nlpo3, pyahocorasick) load on first use, so ``import classifiers`` is cheap.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from evidence_review.classifiers.model import (
    DocumentProposals,
    Evidence,
    Role,
    SubIssueProposal,
    Where,
)

if TYPE_CHECKING:
    from evidence_review.extractors.model import Document
    from evidence_review.rubric.model import Rubric

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")


def classify(doc: Document, rubric: Rubric, path: str | None = None) -> DocumentProposals:
    """Propose the role of ``doc`` and, for each sub-issue, covered or not with evidence.

    Args:
        doc: an extracted document (a failed one gives "other" and nothing covered).
        rubric: the rubric whose phrases and rules to apply.
        path: the name to report (and to read role hints from); defaults to ``doc.path``.

    Returns:
        The proposals; for action plans also ``improvement_vs_2549``.
    """
    from evidence_review.classifiers.matcher import compiled

    with _no_cyclic_gc():
        comp = compiled(rubric)
        return _classify(doc, rubric, comp, path)


def _classify(doc: Document, rubric: Rubric, comp, path: str | None) -> DocumentProposals:
    """:func:`classify` with the rubric compiled (``comp``)."""
    from evidence_review.classifiers.counting import counted_unit
    from evidence_review.classifiers.matcher import find_hits
    from evidence_review.classifiers.propose import score_subissues
    from evidence_review.classifiers.roles import detect_role, foreign_title, improvement
    from evidence_review.classifiers.structure import analyse, units_of

    units, key = units_of(doc)
    hits = find_hits(key, comp, fallback=damaged_spans(doc, units))
    struct = analyse(doc, comp, hits, units, key)
    tables = doc.tables
    name = path if path is not None else str(doc.path)
    subissues = score_subissues(struct, comp, hits, tables)
    role, role_conf, _why = detect_role(struct, comp, name, tables)
    foreign = foreign_title(struct, comp)
    if foreign is not None:  # a budget book, a procurement notice: about something else
        return DocumentProposals(path=name, role=Role.OTHER, role_confidence=0.9,
                                 subissues=_not_counted(subissues, foreign))
    improve = None
    if role is Role.PLAN:
        improve = improvement(struct, comp, hits, lambda u: counted_unit(u, struct))
    return DocumentProposals(path=name, role=role, role_confidence=role_conf,
                             subissues=subissues, improvement_vs_2549=improve)


def _not_counted(subissues: dict[str, SubIssueProposal], title: str
                 ) -> dict[str, SubIssueProposal]:
    """Nothing in a document about something else counts (its evidence stays visible)."""
    why = (f"เอกสารเรื่องอื่น ('{title}') ไม่นับเป็นหลักฐาน "
           f"(a document about something else: not counted)")
    return {sid: p.model_copy(update={"proposed": False, "confidence": 0.9, "reason": why})
            for sid, p in subissues.items()}


def submission_warnings(read: Iterable[DocumentProposals]) -> list[str]:
    """Warnings about a submission as a whole, from the proposals of its documents that were
    read: Thai first (the message table). Today one: no document is a review, a plan or a
    progress report, so it does not look like a KPI-14 submission (a budget book alone).

    >>> from evidence_review.classifiers.model import Role as R
    >>> doc = DocumentProposals(path="a.pdf", role=R.OTHER, role_confidence=0.9, subissues={})
    >>> len(submission_warnings([doc])), submission_warnings([])
    (1, [])
    """
    from evidence_review.messages import MessageKey, message

    docs = list(read)
    if docs and all(d.role is Role.OTHER for d in docs):
        return [message(MessageKey.NOT_KPI14, documents=len(docs))]
    return []


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector (reference counting still frees everything).

    Classification allocates tens of thousands of small objects (hits, units) that hold no
    cycles; each allocation burst made the collector rescan the whole heap, the document
    included: about a fifth of the time on a long document. It is re-enabled afterwards (and
    left alone when the caller had it disabled).

    >>> import gc
    >>> was = gc.isenabled()
    >>> with _no_cyclic_gc():
    ...     gc.isenabled()
    False
    >>> gc.isenabled() == was
    True
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


#: Pages whose text quality is below this (or OCR pages) are also matched ignoring tone marks.
FALLBACK_QUALITY = 0.98


def damaged_spans(doc: Document, units) -> list[tuple[int, int]]:
    """Key spans of the pages whose text may be damaged (measured quality below
    ``FALLBACK_QUALITY``, or OCR): where the tone-mark-insensitive fallback runs."""
    bad = {p.number for p in doc.pages
           if p.ocr or (p.quality is not None and p.quality < FALLBACK_QUALITY)}
    spans: list[tuple[int, int]] = []
    for u in units:
        if u.page in bad:
            if spans and spans[-1][1] >= u.base - 1:
                spans[-1] = (spans[-1][0], u.end)
            else:
                spans.append((u.base, u.end))
    return spans


__all__ = ["DocumentProposals", "Evidence", "Role", "SubIssueProposal", "Where", "classify",
           "submission_warnings"]
