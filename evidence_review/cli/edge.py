"""Where the CLI reads settings: once per run, turned into the typed options the library takes.

No stage below the CLI (and the web server, and the public API when its caller passes no
options) reads :mod:`evidence_review.settings`; commands call these helpers and pass the result
down.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from evidence_review.extractors.options import ExtractOptions
    from evidence_review.settings import Settings


def settings() -> Settings:
    """The process's settings, read from the environment once."""
    from evidence_review.settings import get_settings

    return get_settings()


def store_url(db: str | None) -> str:
    """The store ``--db`` names, else the ``EVIDENCE_REVIEW_DATABASE_URL`` setting."""
    from evidence_review.store.db import database_url

    return database_url(db if db is not None else settings().database_url)


def extract_options() -> ExtractOptions:
    """Limits, PDF/OCR and LibreOffice choices from the settings."""
    return settings().extract_options()
