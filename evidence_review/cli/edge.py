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


#: ``click.Context.meta`` key (shared by a command's contexts) of the store the command uses,
#: so a database error surfacing at the edge names it.
STORE_META = "evidence_review.store_url"


def store_url(db: str | None) -> str:
    """The store ``--db`` names, else the ``EVIDENCE_REVIEW_DATABASE_URL`` setting."""
    import click

    from evidence_review.store.db import database_url

    url = database_url(db if db is not None else settings().database_url)
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        ctx.meta[STORE_META] = url
    return url


def store_name(url: str) -> str:
    """The store as a user names it: an SQLite file's path, else the URL without password.

    >>> store_name("sqlite:////tmp/x.db"), store_name("postgresql://u:secret@h/db")
    ('/tmp/x.db', 'postgresql://u:***@h/db')
    """
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite") and parsed.database:
        return parsed.database.removeprefix("file:")
    return parsed.render_as_string(hide_password=True)


def extract_options() -> ExtractOptions:
    """Limits, PDF/OCR and LibreOffice choices from the settings."""
    return settings().extract_options()
