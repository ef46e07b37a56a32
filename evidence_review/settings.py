"""All run-time settings in one place, read from ``EVIDENCE_REVIEW_*`` environment variables.

Every field is listed in README's configuration table; a test keeps the two in step.

Only the edges read settings: the CLI (``evidence_review/cli/``), the web server, and the
public API functions when their caller passes no options. They turn them into the typed
options each stage takes (:meth:`Settings.extract_options`, :meth:`Settings.limits`) and pass
those down; no stage imports this module (the import-linter contract in pyproject says so).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

if TYPE_CHECKING:
    from evidence_review.extractors.options import ExtractOptions
    from evidence_review.intake.records import Limits


class Settings(BaseSettings):
    """Run-time settings. Override with environment variables such as
    ``EVIDENCE_REVIEW_MAX_FILE_MB=50``.
    """

    model_config = SettingsConfigDict(env_prefix="EVIDENCE_REVIEW_", extra="ignore")

    max_file_mb: float = Field(200.0, description="Files larger than this are rejected at intake.")
    max_text_mb: float = Field(
        20.0, description="Text and HTML files larger than this are rejected at intake (read "
                          "whole, a 192 MB one-line file took 5 minutes and 8 GB).")
    max_pages: int = Field(2000, description="Documents with more pages are rejected (PDF) or cut.")
    max_zip_ratio: float = Field(
        100.0, description="A DOCX/XLSX whose members expand more than this ratio is a zip bomb."
    )
    max_unzipped_mb: float = Field(
        500.0, description="A DOCX/XLSX that expands beyond this is rejected as a zip bomb."
    )
    ocr: bool = Field(True, description="Send unreadable PDF pages to Tesseract when installed.")
    ocr_languages: str = Field("tha+eng", description="Tesseract language list for OCR.")
    ocr_dpi: int = Field(300, description="Resolution at which PDF pages are rendered for OCR.")
    ocr_workers: int = Field(
        2, ge=1, description="Tesseract processes one document may run at once."
    )
    ocr_timeout_s: int = Field(180, ge=1, description="Time limit for OCR of one page.")
    quality_threshold: float = Field(
        0.6, description="PDF pages whose Thai quality score is below this go to OCR."
    )
    soffice: str = Field("soffice", description="LibreOffice executable for .doc and .xls files.")
    convert_timeout_s: int = Field(120, description="Time limit for one LibreOffice conversion.")
    database_url: str = Field(
        "sqlite:///evidence-review.db", min_length=1,  # (empty: the working folder as a store)
        description="Store for submissions, proposals and decisions (SQLAlchemy URL).",
    )
    cache_dir: Path | None = Field(None, description="Where converted files are cached.")

    def limits(self) -> Limits:
        """The intake limits these settings ask for.

        >>> Settings(max_file_mb=1).limits().max_bytes
        1048576
        """
        from evidence_review.intake.records import Limits

        mb = 1024 * 1024
        return Limits(max_bytes=int(self.max_file_mb * mb), max_pages=self.max_pages,
                      max_text_bytes=int(self.max_text_mb * mb),
                      max_unzipped_bytes=int(self.max_unzipped_mb * mb),
                      max_zip_ratio=self.max_zip_ratio)

    def extract_options(self) -> ExtractOptions:
        """Everything the extractors are told: limits, PDF/OCR and LibreOffice choices.

        >>> Settings(ocr=False).extract_options().pdf.ocr
        False
        """
        from evidence_review.extractors.options import ExtractOptions, OfficeOptions, PdfOptions

        pdf = PdfOptions(ocr=self.ocr, ocr_languages=self.ocr_languages, ocr_dpi=self.ocr_dpi,
                         quality_threshold=self.quality_threshold,
                         ocr_workers=self.ocr_workers, ocr_timeout_s=self.ocr_timeout_s)
        office = OfficeOptions(soffice=self.soffice, convert_timeout_s=self.convert_timeout_s,
                               cache_dir=self.cache_dir)
        return ExtractOptions(limits=self.limits(), pdf=pdf, office=office)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
