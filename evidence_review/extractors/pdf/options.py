"""Run-time choices of the PDF backend."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PdfOptions:
    """Run-time choices, passed in by the caller (the edge builds them from settings; tests
    and the benchmarks set them directly); part of :class:`~evidence_review.extractors.options.
    ExtractOptions`."""

    ocr: bool = True
    ocr_languages: str = "tha+eng"
    ocr_dpi: int = 300
    quality_threshold: float = 0.6
    tables: bool = True
    ocr_timeout_s: float = 180.0
    ocr_workers: int = 2  # Tesseract processes at once (each limited to one thread)
    pages: frozenset[int] | None = None  # only these page numbers (sampling in tests)
    geometry: bool = True  # use glyph positions; off for producers known to write in order
