"""A stand-in per-file work function with the signature of ``pipeline.screen_document``.

Used by the batch tests and the benchmark so the batch machinery can be measured and tested on
its own (and before the real pipeline exists): a small, honest reader -- intake record, pypdfium2
for PDF, python-docx, openpyxl, plain text -- plus substring search for the rubric's phrases.
It is not the project's extractor or classifier; it exists to exercise the batch.

:func:`misbehave` is a test double whose file content tells it to hang, hog memory, crash or
raise, so the pool's limits can be tested with real processes.
"""

from __future__ import annotations

import os
import signal
import time
import zipfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from evidence_review.classifiers.model import (
    DocumentProposals,
    Evidence,
    Role,
    SubIssueProposal,
    Where,
)
from evidence_review.messages import MessageKey, message, os_error


class StandinDocument(BaseModel):
    """The fields of ``ScreenedDocument`` that the batch and its tests rely on."""

    submission: str
    path: str
    abs_path: str
    format: str
    sha256: str
    status: str
    error: str | None = None
    pages: int = 0
    role: Role = Role.OTHER
    role_confidence: float = 0.0
    proposals: DocumentProposals | None = None
    part: tuple[int, int] | None = None  # a stand-in is never a bound file's part
    parts: list[Any] = Field(default_factory=list)


class _Unreadable(Exception):
    pass


def _check_zip(path: Path, limits: Any, label: str) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _Unreadable(message(MessageKey.OFFICE_INVALID, label=label,
                                  detail=str(exc))) from None
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in Path(name.replace("\\", "/")).parts:
            raise _Unreadable(message(MessageKey.ZIP_SLIP, label=label, member=name))
        total += info.file_size
        if info.compress_size and info.file_size / info.compress_size > limits.max_zip_ratio \
                and info.file_size > 1024 * 1024:
            raise _Unreadable(message(MessageKey.ZIP_BOMB_RATIO, label=label,
                                      ratio=info.file_size / info.compress_size,
                                      limit_ratio=limits.max_zip_ratio))
    if total > limits.max_unzipped_bytes:
        raise _Unreadable(message(MessageKey.ZIP_BOMB_SIZE, label=label, size_mb=total / 2**20,
                                  limit_mb=limits.max_unzipped_bytes / 2**20))


def _read_pdf(path: Path, limits: Any) -> list[str]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise _Unreadable(message(MessageKey.PDF_PASSWORD)) from None
        raise _Unreadable(message(MessageKey.PDF_UNREADABLE, detail=msg)) from None
    try:
        n = len(pdf)
        if n > limits.max_pages:
            raise _Unreadable(message(MessageKey.PDF_TOO_MANY_PAGES, pages=n,
                                      limit=limits.max_pages))
        texts = []
        for i in range(n):
            page = pdf[i]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()


def _read_docx(path: Path, limits: Any) -> list[str]:
    _check_zip(path, limits, "Word")
    import docx

    try:
        d = docx.Document(str(path))
    except Exception as exc:
        raise _Unreadable(message(MessageKey.OFFICE_INVALID, label="Word",
                                  detail=type(exc).__name__)) from None
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return ["\n".join(parts)]


def _read_xlsx(path: Path, limits: Any) -> list[str]:
    _check_zip(path, limits, "Excel")
    import openpyxl

    try:
        wb = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
        pages = []
        for ws in wb.worksheets:
            pages.append("\n".join(" ".join(str(v) for v in row if v is not None)
                                   for row in ws.iter_rows(values_only=True)))
        wb.close()
        return pages
    except Exception as exc:
        raise _Unreadable(message(MessageKey.OFFICE_INVALID, label="Excel",
                                  detail=type(exc).__name__)) from None


def _read(path: Path, fmt: str, limits: Any) -> list[str]:
    if fmt == "pdf":
        return _read_pdf(path, limits)
    if fmt == "docx":
        return _read_docx(path, limits)
    if fmt == "xlsx":
        return _read_xlsx(path, limits)
    if fmt in ("text", "html", "xls-html"):
        return [path.read_bytes().decode("utf-8", errors="replace")]
    raise _Unreadable(message(MessageKey.STANDIN_FORMAT, fmt=fmt))


def _propose(pages: list[str], rubric: Any, rel: str) -> tuple[Role, float, DocumentProposals]:
    subs: dict[str, SubIssueProposal] = {}
    for sub in getattr(rubric, "subissues", []):
        evidence = []
        for phrase in sub.phrases:
            for number, text in enumerate(pages, start=1):
                at = text.find(phrase.text)
                if at >= 0:
                    evidence.append(Evidence(page=number, text=text[max(0, at - 40):at + 60],
                                             phrase=phrase.text, where=Where.BODY))
                    break
        subs[sub.id] = SubIssueProposal(proposed=bool(evidence),
                                        confidence=0.6 if evidence else 0.5, evidence=evidence)
    head = "\n".join(pages[:2])
    best, hits = Role.OTHER, 0
    for role_name, phrases in getattr(rubric, "role_phrases", {}).items():
        count = sum(head.count(p) for p in phrases)
        if count > hits and role_name in Role._value2member_map_:
            best, hits = Role(role_name), count
    confidence = min(1.0, 0.5 + 0.1 * hits)
    return best, confidence, DocumentProposals(path=rel, role=best, role_confidence=confidence,
                                               subissues=subs)


def screen_document(path: Path, rubric: Any, rel: str, submission: str,
                    options: Any = None) -> StandinDocument:
    """Screen one file; never raises for a bad file (the reason is in ``error``).
    ``options`` is an ``ExtractOptions`` (its limits apply) or ``None`` for the defaults."""
    from evidence_review.intake import Limits, record_file

    limits = options.limits if options is not None else Limits()
    record = record_file(path, limits)
    base: dict[str, Any] = {"submission": submission, "path": rel, "abs_path": str(path),
            "format": record.format.value, "sha256": record.sha256}
    if record.rejection:
        return StandinDocument(**base, status="failure", error=record.rejection)
    try:
        pages = _read(Path(path), record.format.value, limits)
    except _Unreadable as exc:
        return StandinDocument(**base, status="failure", error=str(exc))
    except OSError as exc:
        return StandinDocument(**base, status="failure", error=str(os_error(exc)))
    role, confidence, proposals = _propose(pages, rubric, rel)
    status = "success" if any(t.strip() for t in pages) else "partial"
    return StandinDocument(**base, status=status, pages=len(pages), role=role,
                           role_confidence=confidence, proposals=proposals,
                           error=None if status == "success" else message(MessageKey.NO_TEXT))


def slow_screen(path: Path, rubric: Any, rel: str, submission: str,
                options: Any = None) -> StandinDocument:
    """:func:`screen_document` after a pause of ``EVIDENCE_REVIEW_STANDIN_DELAY_S`` seconds
    (default 0.2): slow enough to interrupt a batch mid-way in tests."""
    time.sleep(float(os.environ.get("EVIDENCE_REVIEW_STANDIN_DELAY_S", "0.2")))
    return screen_document(path, rubric, rel, submission, options)


def misbehave(path: Path, rubric: Any, rel: str, submission: str,
              options: Any = None) -> StandinDocument:
    """Test double: a file starting with ``HANG`` hangs (for ``EVIDENCE_REVIEW_STANDIN_HANG_S``
    seconds, default an hour), ``HOG`` allocates without end, ``CRASH`` kills its process with
    SIGSEGV, ``RAISE`` raises; anything else is screened."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"HANG"):
        time.sleep(float(os.environ.get("EVIDENCE_REVIEW_STANDIN_HANG_S", "3600")))
    elif head.startswith(b"HOG"):
        hoard = []
        while True:
            hoard.append(bytearray(64 * 2**20))  # zero-filled pages are touched: RSS grows
    elif head.startswith(b"CRASH"):
        os.kill(os.getpid(), signal.SIGSEGV)
        time.sleep(5)
    elif head.startswith(b"RAISE"):
        raise RuntimeError("the work function failed on purpose")
    return screen_document(path, rubric, rel, submission, options)
