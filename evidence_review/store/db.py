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

from sqlalchemy import Engine, inspect
from sqlalchemy.exc import SQLAlchemyError

from evidence_review.store.assignments import AssignmentsMixin
from evidence_review.store.audit import AuditMixin
from evidence_review.store.decisions import DecisionsMixin
from evidence_review.store.documents import DocumentsMixin
from evidence_review.store.engine import (
    DEFAULT_DATABASE_URL,
    DecisionError,
    NoStoreError,
    StoreError,
    TamperedError,
    database_url,
    describe_db_error,
    make_engine,
)
from evidence_review.store.migrations import current_version, migrate, revision
from evidence_review.store.rows import (
    IMPROVEMENT,
    PARTS,
    PROGRESS,
    ROLE,
    DecisionRow,
    DocumentRow,
    ProgressRow,
    SubmissionRow,
    now,
    show_value,
)


class Store(DocumentsMixin, DecisionsMixin, AuditMixin, AssignmentsMixin):
    """One database. Use as a context manager or call :meth:`close`.

    >>> from evidence_review.store.migrations import latest_version
    >>> with Store.open("sqlite://") as s:
    ...     s.version == latest_version()
    True
    """

    def __init__(self, engine: Engine, *, create: bool = True) -> None:
        self.engine = engine
        self.notes: list[str] = []
        version = current_version(engine)
        if version == 0:
            from evidence_review.messages import MessageKey, message

            where = engine.url.render_as_string(hide_password=True)
            if not create:
                raise NoStoreError(f"{where}: {message(MessageKey.NO_STORE)}")
            names = inspect(engine).get_table_names()  # (another database, not an SQLite file)
            if names and "schema_version" not in names:  # (ours: made by a process just now)
                raise StoreError(f"{where}: {message(MessageKey.STORE_FOREIGN)}")
        #: the revision before opening (``schema N`` from before Alembic, None for a new store)
        self.upgraded_from = revision(engine) or (f"schema {version}" if version else None)
        self.version = migrate(engine)
        self.restore_triggers()

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
            raise StoreError(f"{url}: {describe_db_error(exc)}") from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


__all__: Sequence[str] = [
    "DEFAULT_DATABASE_URL", "IMPROVEMENT", "PARTS", "PROGRESS", "ROLE", "DecisionError",
    "DecisionRow", "DocumentRow", "NoStoreError", "ProgressRow", "Store", "StoreError",
    "SubmissionRow", "TamperedError", "database_url", "make_engine", "now", "show_value",
]
