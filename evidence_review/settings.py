"""All run-time settings in one place, read from ``EVIDENCE_REVIEW_*`` environment variables.

Every field is listed in README's configuration table; a test keeps the two in step.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


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
        "sqlite:///evidence-review.db",
        description="Store for submissions, proposals and decisions (SQLAlchemy URL).",
    )
    cache_dir: Path | None = Field(None, description="Where converted files are cached.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()
