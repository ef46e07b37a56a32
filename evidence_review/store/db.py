"""The store: submissions, screened documents, proposals, progress figures and the
append-only decision log, in SQLite by default or any SQLAlchemy URL (PostgreSQL).

Every write is one transaction. Decisions are never updated: a change is a new row holding
reviewer, time, value before, value after and reason; the current value of an item is its
latest decision made on the document's current content (same sha256).

Modules: :mod:`store.engine` (URL, engine, errors), :mod:`store.rows` (row models),
:mod:`store.documents` (submissions, documents, analyses), :mod:`store.decisions` (the log).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from evidence_review.store.assignments import AssignmentsMixin
from evidence_review.store.decisions import DecisionsMixin
from evidence_review.store.documents import DocumentsMixin
from evidence_review.store.engine import (
    DEFAULT_DATABASE_URL,
    DecisionError,
    NoStoreError,
    StoreError,
    database_url,
    make_engine,
)
from evidence_review.store.migrations import current_version, migrate
from evidence_review.store.rows import (
    IMPROVEMENT,
    PROGRESS,
    ROLE,
    DecisionRow,
    DocumentRow,
    ProgressRow,
    SubmissionRow,
    now,
    show_value,
)


class Store(DocumentsMixin, DecisionsMixin, AssignmentsMixin):
    """One database. Use as a context manager or call :meth:`close`.

    >>> from evidence_review.store.migrations import MIGRATIONS
    >>> with Store.open("sqlite://") as s:
    ...     s.version == MIGRATIONS[-1][0]
    True
    """

    def __init__(self, engine: Engine, *, create: bool = True) -> None:
        self.engine = engine
        if not create and current_version(engine) == 0:
            from evidence_review.messages import MessageKey, message

            raise NoStoreError(f"{engine.url.render_as_string(hide_password=True)}: "
                               f"{message(MessageKey.NO_STORE)}")
        self.version = migrate(engine)

    @classmethod
    def open(cls, db: str | Path | None = None, *, create: bool = True) -> Store:
        """Open the store at ``db`` (see :func:`database_url`), creating and migrating it on
        first use; with ``create=False`` (read-only commands) only an existing store opens.

        Raises:
            StoreError: a one-line reason (:class:`NoStoreError` when there is no store).
        """
        url = database_url(db)
        engine = None
        try:
            engine = make_engine(url, create=create)
            return cls(engine, create=create)
        except StoreError:
            if engine is not None:
                engine.dispose()
            raise
        except (SQLAlchemyError, OSError, RuntimeError, ImportError) as exc:
            if engine is not None:
                engine.dispose()
            first = (str(exc).splitlines() or [type(exc).__name__])[0]
            raise StoreError(f"cannot open store {url}: {first}") from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__: Sequence[str] = [
    "DEFAULT_DATABASE_URL", "IMPROVEMENT", "PROGRESS", "ROLE", "DecisionError", "DecisionRow",
    "DocumentRow", "NoStoreError", "ProgressRow", "Store", "StoreError", "SubmissionRow",
    "database_url", "make_engine", "now", "show_value",
]
