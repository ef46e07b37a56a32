"""What the extractors may be told at run time, passed in by their caller.

The extractors never read settings: the edge (the CLI, the web server, the public API when
its caller passes no options) builds an :class:`ExtractOptions` from
:mod:`evidence_review.settings` once and hands it down, as docling's backends receive their
options in the constructor. The defaults here are the settings' defaults.

>>> ExtractOptions().limits.max_pages, ExtractOptions().pdf.ocr
(2000, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, Field

from evidence_review.intake.records import Limits


@dataclass(frozen=True)
class PdfOptions:
    """How the PDF backend reads pages (tests and the benchmarks set them directly)."""

    ocr: bool = True
    ocr_languages: str = "tha+eng"
    ocr_dpi: int = 300
    quality_threshold: float = 0.6
    tables: bool = True
    ocr_timeout_s: float = 180.0
    ocr_workers: int = 2  # Tesseract processes at once (each limited to one thread)
    pages: frozenset[int] | None = None  # only these page numbers (sampling in tests)
    geometry: bool = True  # use glyph positions; off for producers known to write in order


class OfficeOptions(BaseModel):
    """How legacy .doc/.xls files are converted by LibreOffice."""

    soffice: str = Field("soffice", description="LibreOffice executable (name or path).")
    convert_timeout_s: int = Field(120, description="Time limit for one conversion.")
    cache_dir: Path | None = Field(None, description="Where conversions are kept by sha256.")


class ExtractOptions(BaseModel):
    """Everything :func:`evidence_review.extractors.extract` may be told: intake limits,
    PDF reading and LibreOffice conversion. Plain data: it crosses process boundaries to
    batch workers."""

    limits: Limits = Field(default_factory=Limits)
    pdf: PdfOptions = Field(default_factory=PdfOptions)
    office: OfficeOptions = Field(default_factory=OfficeOptions)
