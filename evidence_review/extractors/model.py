"""The ``Document``: what every extractor produces and every later stage reads.

Conventions:

* pages are numbered from 1; a format without pages (DOCX, text) is one page per
  document, except XLSX/XLS where each sheet is a page;
* ``text`` is the repaired text (Thai fixed by :mod:`thaitext`), ``raw`` is the text as read;
* ``None`` means "could not tell" and empty means "looked and found nothing": a page with
  ``text == ""`` and ``unreadable is None`` is a blank page; a page whose text layer could not
  be used has ``unreadable`` set to the reason.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, Field

from evidence_review.intake.formats import FileFormat


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"


class Block(BaseModel):
    """A run of text with a structural role. ``level`` is the heading level where known."""

    kind: BlockKind
    text: str
    raw: str
    level: int | None = None
    table: int | None = Field(None, description="Index into Page.tables for table cells.")
    row: int | None = None
    col: int | None = None


class Table(BaseModel):
    """A table as rows of cell texts (repaired). Merged cells repeat their text in every
    cell they span, so each row has the full column count."""

    page: int
    rows: list[list[str]]


class Span(BaseModel):
    """Where a stretch of the page text is drawn: ``text[start:end]`` lies in ``box`` =
    (left, top, right, bottom) in points from the page's top left corner (1 pt = 1/72 inch;
    OCR boxes are converted from pixels). One span per line of a PDF text layer, one per word
    of an OCRed page."""

    start: int
    end: int
    box: tuple[float, float, float, float]


class Page(BaseModel):
    number: int
    text: str = Field(description="Repaired text of the page in reading order.")
    raw: str = Field("", description="Text as read, before repair.")
    blocks: list[Block] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    ocr: bool = Field(False, description="True when the text comes from OCR.")
    quality: float | None = Field(
        None, description="Thai text quality 0..1 (1 = clean); None when not measured."
    )
    unreadable: str | None = Field(
        None, description="Why this page has no usable text (e.g. scanned, OCR not installed)."
    )
    repairs: list[str] = Field(
        default_factory=list,
        description="Names of the repair steps that changed this page's text (see README).",
    )
    offsets: list[int] = Field(
        default_factory=list,
        description="For each char of ``text``, the index of the char it was read from: the "
        "pdfium char index on a PDF text layer (pypdfium2 ``PdfTextPage`` indices), -1 where "
        "a repair or a line break made it. Empty when not kept (other formats, OCR).",
    )
    spans: list[Span] = Field(
        default_factory=list, description="Boxes of stretches of ``text`` (lines or words)."
    )
    size: tuple[float, float] | None = Field(
        None, description="Page width and height in points, where known (PDF)."
    )

    def box(self, start: int, end: int) -> tuple[float, float, float, float] | None:
        """The box around ``text[start:end]``: the union of the spans it overlaps (None when
        no span does, e.g. a format without positions).

        >>> p = Page(number=1, text="ab cd", spans=[Span(start=0, end=2, box=(0, 0, 10, 5)),
        ...          Span(start=3, end=5, box=(12, 0, 20, 6))])
        >>> p.box(1, 4), p.box(0, 1), p.box(9, 10)
        ((0.0, 0.0, 20.0, 6.0), (0.0, 0.0, 10.0, 5.0), None)
        """
        hit = [s.box for s in self.spans if s.start < end and start < s.end]
        if not hit:
            return None
        return (min(b[0] for b in hit), min(b[1] for b in hit),
                max(b[2] for b in hit), max(b[3] for b in hit))


class Status(StrEnum):
    SUCCESS = "success"
    PARTIAL = "partial"
    FAILURE = "failure"


class ErrorCategory(StrEnum):
    REJECTED = "rejected"  # refused at intake (size, empty, unknown format)
    CORRUPT = "corrupt"  # the file is damaged or not what it claims
    ENCRYPTED = "encrypted"
    UNSAFE = "unsafe"  # zip bomb, zip-slip
    LIMIT = "limit"  # too many pages, timeout
    MISSING_TOOL = "missing_tool"  # LibreOffice or Tesseract not installed
    UNREADABLE_PAGE = "unreadable_page"
    INTERNAL = "internal"  # a bug of ours: reported, never hidden


class ErrorItem(BaseModel):
    component: str
    category: ErrorCategory
    message: str
    page: int | None = None


class Document(BaseModel):
    path: Path
    format: FileFormat
    sha256: str = ""
    status: Status = Status.SUCCESS
    errors: list[ErrorItem] = Field(default_factory=list)
    pages: list[Page] = Field(default_factory=list)
    producer: str | None = Field(None, description="PDF producer/creator where known.")

    @property
    def error(self) -> str | None:
        """The first error as one line, or None."""
        return self.errors[0].message if self.errors else None

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)

    @property
    def tables(self) -> list[Table]:
        return [t for p in self.pages for t in p.tables]

    def to_json_dict(self) -> dict:
        """The ``extract --json`` contract (documented in README)."""
        return {
            "path": str(self.path),
            "format": self.format.value,
            "sha256": self.sha256,
            "status": self.status.value,
            "error": self.error,
            "errors": [e.model_dump(mode="json") for e in self.errors],
            "producer": self.producer,
            "pages": [
                {
                    "number": p.number,
                    "text": p.text,
                    "ocr": p.ocr,
                    "quality": p.quality,
                    "unreadable": p.unreadable,
                    "repairs": p.repairs,
                    "blocks": [
                        {"kind": b.kind.value, "level": b.level, "text": b.text} for b in p.blocks
                    ],
                }
                for p in self.pages
            ],
            "tables": [{"page": t.page, "rows": t.rows} for t in self.tables],
        }


def failed(path: Path, fmt: FileFormat, component: str, category: ErrorCategory, message: str,
           sha256: str = "") -> Document:
    """A Document with status failure and one error."""
    return Document(
        path=path, format=fmt, sha256=sha256, status=Status.FAILURE,
        errors=[ErrorItem(component=component, category=category, message=message)],
    )
