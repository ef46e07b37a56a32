"""Run-time choices of the PDF backend."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PdfOptions:
    """Run-time choices, from settings by default (tests and the benchmark set them)."""

    ocr: bool = True
    ocr_languages: str = "tha+eng"
    ocr_dpi: int = 300
    quality_threshold: float = 0.6
    tables: bool = True
    ocr_timeout_s: float = 180.0
    ocr_workers: int = 2  # Tesseract processes at once (each limited to one thread)
    pages: frozenset[int] | None = None  # only these page numbers (sampling in tests)
    geometry: bool = True  # use glyph positions; off for producers known to write in order

    @classmethod
    def from_settings(cls) -> PdfOptions:
        from evidence_review.settings import get_settings

        s = get_settings()
        return cls(ocr=s.ocr, ocr_languages=s.ocr_languages, ocr_dpi=s.ocr_dpi,
                   quality_threshold=s.quality_threshold, ocr_workers=s.ocr_workers,
                   ocr_timeout_s=s.ocr_timeout_s)

