"""The screening flow: path -> intake record -> Document -> proposals, per file and per batch.

:func:`screen_document` is a pure function of (file bytes, rubric) apart from the names it is
given, so the batch runner may run it in other processes and cache it by content hash.
:func:`screen_paths` walks submissions; :func:`screen_json` builds the ``screen --json``
contract (documented in README).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from evidence_review.classifiers.model import DocumentProposals, Evidence, Role, SubIssueProposal
from evidence_review.extractors.model import Document
from evidence_review.extractors.options import ExtractOptions
from evidence_review.intake import Submission
from evidence_review.messages import MessageKey, message
from evidence_review.models.screening import ScreenedDocument
from evidence_review.rubric.model import Rubric

log = logging.getLogger(__name__)


def _not_read(rubric: Rubric, rel: str, reason: str) -> DocumentProposals:
    none = {sid: SubIssueProposal(proposed=False, confidence=0.0, reason=reason)
            for sid in rubric.subissue_ids}
    return DocumentProposals(path=rel, role=Role.OTHER, role_confidence=0.0, subissues=none)


def unread_document(rubric: Rubric, path: str | Path, rel: str, submission: str, error: str,
                    sha256: str = "") -> ScreenedDocument:
    """The record of a file that could not be screened at all (a worker timed out or crashed):
    status failure with the reason, no coverage proposed."""
    from evidence_review.intake import sniff_format

    try:
        fmt = sniff_format(Path(path)).value
    except OSError:
        fmt = "unknown"
    return ScreenedDocument(
        submission=submission, path=rel, abs_path=os.path.abspath(path), format=fmt,
        sha256=sha256, status="failure", error=error,
        proposals=_not_read(rubric, rel, f"อ่านไฟล์ไม่ได้ (not read): {error}"))


def screen_document(path: Path, rubric: Rubric, rel: str, submission: str,
                    options: ExtractOptions | None = None,
                    split: list[tuple[int, int]] | None = None) -> ScreenedDocument:
    """Extract and classify one file. Never raises for a bad file (status failure instead).

    A file binding several documents (a review, a plan and a progress report) comes back with
    ``parts``, each screened as its own document (:func:`screen_parts`).

    Args:
        path: the file.
        rubric: the rubric to classify with.
        rel: the name to report (relative to what the user named).
        submission: the submission (agency) id.
        options: limits and reading choices for the extractors (their defaults if ``None``).
        split: the page ranges a reviewer gave for a bound file (found from its titles when
            ``None``).
    """
    from evidence_review.extractors import extract

    doc = extract(Path(path), options)
    unread = _not_read(rubric, rel, f"อ่านไฟล์ไม่ได้ (not read): {doc.error}")
    screened = ScreenedDocument(
        submission=submission, path=rel, abs_path=os.path.abspath(path),
        format=doc.format.value, sha256=doc.sha256, status=doc.status.value, error=doc.error,
        pages=len(doc.pages), proposals=unread)
    if doc.status.value == "failure":
        return screened
    bound = screen_parts(screened, doc, rubric, split)
    if bound.parts:
        return bound
    return _classified(screened, doc, rubric)


def _classified(screened: ScreenedDocument, doc: Document, rubric: Rubric) -> ScreenedDocument:
    """``screened`` with the proposals (and plan/progress analyses) of ``doc``; a fault of the
    rubric or the tool makes it a failure with the reason, never an exception."""
    from evidence_review.classifiers import classify
    from evidence_review.pipeline.agency import document_agency
    from evidence_review.pipeline.boxes import place_evidence

    rel = screened.path
    try:
        proposals = classify(doc, rubric, path=rel)
        place_evidence(doc, proposals, Path(screened.abs_path))
        analyses: dict[str, Any] = {}
        if proposals.role in (Role.PROGRESS, Role.PLAN):
            from evidence_review.plans import analyse_document

            analyses = analyse_document(doc, proposals.role)
        agency = document_agency(doc)
        if agency:
            analyses = {**analyses, "agency": {"name": agency}}
    except MemoryError:
        raise  # the worker reports the memory limit
    except Exception as exc:  # a fault of the rubric or of the tool, not of the file
        log.info("classifying %s failed", screened.abs_path, exc_info=True)
        first = (str(exc).splitlines() or [""])[0]
        error = message(MessageKey.CLASSIFY_FAILED, error_type=type(exc).__name__,
                        detail=first)
        return screened.model_copy(update={"status": "failure", "error": error,
                                           "proposals": _not_read(rubric, rel, error)})
    return screened.model_copy(update={
        "role": proposals.role, "role_confidence": proposals.role_confidence,
        "proposals": proposals, "analyses": analyses})


def screen_parts(screened: ScreenedDocument, doc: Document, rubric: Rubric,
                 split: list[tuple[int, int]] | None = None) -> ScreenedDocument:
    """A bound file: ``screened`` with ``parts``, each part (found by
    :func:`classifiers.parts.bound_parts`, or the reviewer's ``split``) classified as a
    document of its own, named ``FILE#pages=A-B``. Unchanged when there is one part."""
    from evidence_review.classifiers.parts import (
        bound_parts,
        given_parts,
        part_document,
        part_name,
    )

    found = given_parts(doc, split) if split else bound_parts(doc, rubric)
    if len(found) < 2:
        return screened
    parts = []
    for part in found:
        name = part_name(screened.path, part)
        pages = part_document(doc, part)
        shell = screened.model_copy(update={"path": name, "pages": len(pages.pages),
                                            "part": (part.first, part.last)})
        parts.append(_classified(shell, pages, rubric))
    return screened.model_copy(update={"parts": parts})


def documents_of(d: ScreenedDocument) -> list[ScreenedDocument]:
    """The documents a screened file stands for: its parts (named ``FILE#pages=A-B`` after
    the file's current name, so a cached result moved elsewhere names them right), or itself.

    >>> from evidence_review.classifiers.model import DocumentProposals
    >>> none = DocumentProposals(path="a/x.pdf", role="other", role_confidence=0, subissues={})
    >>> whole = ScreenedDocument(submission="a", path="a/x.pdf", abs_path="/a/x.pdf",
    ...     format="pdf", sha256="", status="success", proposals=none)
    >>> part = whole.model_copy(update={"path": "old/x.pdf#pages=2-3", "part": (2, 3)})
    >>> [d.path for d in documents_of(whole.model_copy(update={"parts": [part]}))]
    ['a/x.pdf#pages=2-3']
    """
    parts = getattr(d, "parts", None)  # (a work function's own result may have none)
    if not parts:
        return [d]
    out = []
    for p in parts:
        first, last = p.part or (1, p.pages)
        name = f"{d.path}#pages={first}-{last}"
        out.append(p.model_copy(update={
            "path": name, "submission": d.submission, "abs_path": d.abs_path,
            "sha256": d.sha256, "proposals": p.proposals.model_copy(update={"path": name})}))
    return out


def document_order(d: ScreenedDocument) -> tuple[str, int]:
    """Sort key: by file, then a bound file's parts in page order (not ``#pages=10`` first)."""
    part = getattr(d, "part", None)
    return d.path.split("#pages=", 1)[0], part[0] if part else 0


def relative_name(file: Path, args: Sequence[Path]) -> str:
    """``file`` relative to the PATH argument it was found under ("/"-separated).

    >>> relative_name(Path("subs/a/review.docx"), [Path("subs")])
    'a/review.docx'
    >>> relative_name(Path("x/plan.pdf"), [Path("x/plan.pdf")])
    'plan.pdf'
    """
    f = Path(os.path.abspath(file))
    best: str | None = None
    for a in args:
        root = Path(os.path.abspath(a))
        if root == f:
            return f.name
        try:
            rel = f.relative_to(root).as_posix()
        except ValueError:
            continue
        if best is None or len(rel) < len(best):
            best = rel
    return best if best is not None else f.name


def screen_paths(paths: Iterable[str | Path], rubric: Rubric,
                 options: ExtractOptions | None = None
                 ) -> Iterator[tuple[Submission, list[ScreenedDocument]]]:
    """Screen every file of every submission found under ``paths`` (see intake.discover).

    Raises:
        intake.submissions.DiscoveryError: a named path does not exist.
    """
    from evidence_review.intake import discover

    args = [Path(p) for p in paths]
    for sub in discover(args):
        docs = [screen_document(f, rubric, relative_name(f, args), sub.id, options)
                for f in sub.files]
        yield sub, docs


def provisional_score(rubric: Rubric, docs: Sequence[ScreenedDocument]) -> dict[str, Any]:
    """An UNCONFIRMED score from proposals, with criteria 3-4 from the activity table of the
    most confident progress report that has one."""
    from evidence_review.plans.activities import ActivityTable
    from evidence_review.scoring import provisional

    read = [x for d in docs for x in documents_of(d) if x.status != "failure"]
    tables = sorted(((d, ActivityTable.model_validate(d.analyses["activities"]))
                     for d in read if d.role is Role.PROGRESS and "activities" in d.analyses),
                    key=lambda pair: -pair[0].role_confidence)
    progress = [(d, t) for d, t in tables if t.activities]
    activities = progress[0][1].as_activities() if progress else None
    result = provisional(rubric, [d.proposals for d in read], activities)
    out = result.to_json_dict()
    if progress:
        out["activities_from"] = progress[0][0].path
    out["label"] = "ผลคัดกรองเบื้องต้น — ยังไม่ได้รับการยืนยัน (unconfirmed)"
    return out


def evidence_json(e: Evidence) -> dict[str, Any]:
    """One evidence item in the ``screen --json`` contract."""
    return {"page": e.page, "text": e.text, "phrase": e.phrase, "where": e.where.value,
            "start": e.start, "end": e.end,
            "boxes": None if e.boxes is None else [b.model_dump() for b in e.boxes]}


def document_json(d: ScreenedDocument) -> dict[str, Any]:
    """One document in the ``screen --json`` contract."""
    p = d.proposals
    return {
        "submission": d.submission,
        "path": d.path,
        "format": d.format,
        "role": d.role.value,
        "role_confidence": d.role_confidence,
        "status": d.status,
        "error": d.error,
        "pages": d.pages,
        "sha256": d.sha256,
        "part": None if d.part is None else {"of": d.path.rsplit("#", 1)[0],
                                             "first_page": d.part[0], "last_page": d.part[1]},
        "subissues": {
            sid: {"proposed": s.proposed, "confidence": s.confidence, "reason": s.reason,
                  "evidence": [evidence_json(e) for e in s.evidence]}
            for sid, s in p.subissues.items()
        },
        "improvement_vs_2549": None if p.improvement_vs_2549 is None else {
            "proposed": p.improvement_vs_2549.proposed,
            "confidence": p.improvement_vs_2549.confidence,
            "evidence": [evidence_json(e) for e in p.improvement_vs_2549.evidence],
        },
    }


def screen_warnings(docs: Sequence[ScreenedDocument]) -> list[str]:
    """Warnings about a submission as a whole (Thai first), from its documents that were read."""
    from evidence_review.classifiers import submission_warnings

    return submission_warnings(x.proposals for d in docs for x in documents_of(d)
                               if x.status != "failure")


def screen_json(rubric: Rubric, results: Iterable[tuple[Submission, list[ScreenedDocument]]]
                ) -> dict[str, Any]:
    """The ``screen --json`` contract for screened submissions."""
    documents: list[dict[str, Any]] = []
    submissions: list[dict[str, Any]] = []
    for sub, files in results:
        docs = [d for f in files for d in documents_of(f)]
        documents.extend(document_json(d) for d in docs)
        submissions.append({"id": sub.id, "documents": [d.path for d in docs],
                            "provisional": provisional_score(rubric, docs),
                            "warnings": screen_warnings(docs)})
    return {"rubric": rubric.id, "documents": documents, "submissions": submissions}
