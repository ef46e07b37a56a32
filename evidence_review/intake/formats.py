"""The file formats the tool recognises, as data."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel


class FileFormat(StrEnum):
    """A format detected from a file's content (never from its extension alone)."""

    PDF = "pdf"
    DOCX = "docx"
    DOC = "doc"  # legacy Word 97-2003 (OLE compound file)
    XLSX = "xlsx"
    XLS = "xls"  # legacy Excel 97-2003 (OLE compound file)
    XLS_HTML = "xls-html"  # an ".xls" that is really an HTML table (often TIS-620)
    HTML = "html"
    TEXT = "text"
    UNKNOWN = "unknown"


#: What a user would call each format, for messages.
FORMAT_LABELS: dict[FileFormat, str] = {
    FileFormat.PDF: "PDF",
    FileFormat.DOCX: "Word (.docx)",
    FileFormat.DOC: "Word 97-2003 (.doc)",
    FileFormat.XLSX: "Excel (.xlsx)",
    FileFormat.XLS: "Excel 97-2003 (.xls)",
    FileFormat.XLS_HTML: "HTML saved as .xls",
    FileFormat.HTML: "HTML",
    FileFormat.TEXT: "plain text",
    FileFormat.UNKNOWN: "unknown",
}


class Sniffed(BaseModel):
    """The result of sniffing: the format and, when useful, why it is unusable (a message
    from :mod:`evidence_review.messages`)."""

    format: FileFormat
    note: str | None = None
