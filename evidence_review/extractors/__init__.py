"""Extractors: one backend per format behind :class:`extractors.base.Extractor`.

Public surface: :func:`extract`, :class:`Document` and its parts.
Backends are imported lazily by format, so ``import extractors`` is cheap.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

from evidence_review.extractors.base import ExtractionError, Extractor
from evidence_review.extractors.model import (
    Block,
    BlockKind,
    Document,
    ErrorCategory,
    ErrorItem,
    Page,
    Status,
    Table,
    failed,
)
from evidence_review.extractors.options import ExtractOptions, OfficeOptions, PdfOptions
from evidence_review.intake import FileFormat, IntakeRecord, record_file
from evidence_review.messages import MessageKey, message

log = logging.getLogger(__name__)

#: format -> "module:Class" of its backend. Adding a format is adding a file and a line here.
BACKENDS: dict[FileFormat, str] = {
    FileFormat.PDF: "evidence_review.extractors.pdf:PdfExtractor",
    FileFormat.DOCX: "evidence_review.extractors.docx:DocxExtractor",
    FileFormat.DOC: "evidence_review.extractors.libreoffice:LegacyOfficeExtractor",
    FileFormat.XLS: "evidence_review.extractors.libreoffice:LegacyOfficeExtractor",
    FileFormat.XLSX: "evidence_review.extractors.xlsx:XlsxExtractor",
    FileFormat.XLS_HTML: "evidence_review.extractors.html:HtmlExtractor",
    FileFormat.HTML: "evidence_review.extractors.html:HtmlExtractor",
    FileFormat.TEXT: "evidence_review.extractors.text:TextExtractor",
}


def backend_for(fmt: FileFormat, options: ExtractOptions | None = None) -> Extractor:
    """The backend for ``fmt``, configured from ``options`` (the defaults when ``None``)."""
    target = BACKENDS.get(fmt)
    if target is None:
        raise KeyError(f"no extractor for format {fmt.value!r}; known: "
                       + ", ".join(f.value for f in BACKENDS))
    module_name, _, cls_name = target.partition(":")
    backend: type[Extractor] = getattr(importlib.import_module(module_name), cls_name)
    return backend.with_options(options or ExtractOptions())


def extract(source: str | Path | IntakeRecord, options: ExtractOptions | None = None
            ) -> Document:
    """Extract one file. Never raises for a bad file: returns a Document with status failure.

    ``options`` (limits, PDF and LibreOffice choices) default to :class:`ExtractOptions`'s
    defaults; the caller that reads settings passes them in.

    >>> doc = extract("/nonexistent/file.pdf")
    >>> doc.status.value, doc.error
    ('failure', 'ไม่พบไฟล์ [cannot read file: No such file or directory]')
    """
    options = options or ExtractOptions()
    limits = options.limits
    record = source if isinstance(source, IntakeRecord) else record_file(source, limits)
    if record.rejection:
        return failed(record.path, record.format, "intake", ErrorCategory.REJECTED,
                      record.rejection, record.sha256)
    try:
        doc = backend_for(record.format, options).extract(record, limits)
    except ExtractionError as exc:
        return failed(record.path, record.format, record.format.value, exc.category,
                      exc.message, record.sha256)
    except MemoryError:
        return failed(record.path, record.format, record.format.value, ErrorCategory.LIMIT,
                      message(MessageKey.OUT_OF_MEMORY_READING), record.sha256)
    except Exception as exc:  # a bug of ours or a library's: report it, never crash the batch
        log.exception("extractor crashed on %s", record.path)
        first_line = (str(exc).splitlines() or [""])[0]
        return failed(record.path, record.format, record.format.value, ErrorCategory.INTERNAL,
                      message(MessageKey.READER_CRASHED, error_type=type(exc).__name__,
                              detail=first_line),
                      record.sha256)
    doc.sha256 = record.sha256
    return doc


__all__ = [
    "BACKENDS", "Block", "BlockKind", "Document", "ErrorCategory", "ErrorItem",
    "ExtractOptions", "ExtractionError", "Extractor", "OfficeOptions", "Page", "PdfOptions",
    "Status", "Table", "backend_for", "extract",
]
