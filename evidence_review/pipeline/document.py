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
        proposals=_not_read(rubric, rel, f"not read: {error}"))


def screen_document(path: Path, rubric: Rubric, rel: str, submission: str,
                    options: ExtractOptions | None = None) -> ScreenedDocument:
    """Extract and classify one file. Never raises for a bad file (status failure instead).

    Args:
        path: the file.
        rubric: the rubric to classify with.
        rel: the name to report (relative to what the user named).
        submission: the submission (agency) id.
        options: limits and reading choices for the extractors (their defaults if ``None``).
    """
    from evidence_review.classifiers import classify
    from evidence_review.extractors import extract
    from evidence_review.pipeline.agency import document_agency
    from evidence_review.pipeline.boxes import place_evidence

    doc = extract(Path(path), options)
    status, error = doc.status.value, doc.error
    analyses: dict[str, Any] = {}
    if doc.status.value == "failure":
        proposals = _not_read(rubric, rel, f"not read: {doc.error}")
    else:
        try:
            proposals = classify(doc, rubric, path=rel)
            place_evidence(doc, proposals, Path(path))
            if proposals.role in (Role.PROGRESS, Role.PLAN):
                from evidence_review.plans import analyse_document

                analyses = analyse_document(doc, proposals.role)
            agency = document_agency(doc)
            if agency:
                analyses = {**analyses, "agency": {"name": agency}}
        except MemoryError:
            raise  # the worker reports the memory limit
        except Exception as exc:  # a fault of the rubric or of the tool, not of the file
            log.info("classifying %s failed", path, exc_info=True)
            first = (str(exc).splitlines() or [""])[0]
            status, error = "failure", message(MessageKey.CLASSIFY_FAILED,
                                               error_type=type(exc).__name__, detail=first)
            proposals, analyses = _not_read(rubric, rel, error), {}
    return ScreenedDocument(
        submission=submission, path=rel, abs_path=os.path.abspath(path),
        format=doc.format.value, sha256=doc.sha256, status=status, error=error,
        pages=len(doc.pages), role=proposals.role, role_confidence=proposals.role_confidence,
        proposals=proposals, analyses=analyses)


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

    read = [d for d in docs if d.status != "failure"]
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

    return submission_warnings(d.proposals for d in docs if d.status != "failure")


def screen_json(rubric: Rubric, results: Iterable[tuple[Submission, list[ScreenedDocument]]]
                ) -> dict[str, Any]:
    """The ``screen --json`` contract for screened submissions."""
    documents: list[dict[str, Any]] = []
    submissions: list[dict[str, Any]] = []
    for sub, docs in results:
        documents.extend(document_json(d) for d in docs)
        submissions.append({"id": sub.id, "documents": [d.path for d in docs],
                            "provisional": provisional_score(rubric, docs),
                            "warnings": screen_warnings(docs)})
    return {"rubric": rubric.id, "documents": documents, "submissions": submissions}
