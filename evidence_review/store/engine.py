"""Where the store lives: the database URL for ``--db``, and engines for it.

SQLite files get WAL, foreign keys and a busy timeout; a read-only command opens an existing
store only (``create=False``), so a typo in ``--db`` never leaves an empty database behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event


class StoreError(Exception):
    """A store that cannot be opened or a write that is not allowed; one-line message."""


class DecisionError(StoreError):
    """A decision that may not be recorded (e.g. an override without a reason)."""


class NoStoreError(StoreError):
    """A read-only command named a store that does not exist."""


#: The store when nobody names one (the ``EVIDENCE_REVIEW_DATABASE_URL`` setting's default; the
#: CLI passes the setting's value down, the store never reads settings itself).
DEFAULT_DATABASE_URL = "sqlite:///evidence-review.db"


def database_url(db: str | Path | None = None) -> str:
    """The SQLAlchemy URL for ``--db``: a URL as is, a file path as SQLite, ``None`` as
    :data:`DEFAULT_DATABASE_URL`.

    >>> database_url("postgresql://u@h/db")
    'postgresql://u@h/db'
    >>> database_url("/tmp/x.db")
    'sqlite:////tmp/x.db'
    """
    if db is None:
        return DEFAULT_DATABASE_URL
    text = str(db)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL (``None`` for another database or an in-memory one).

    >>> sqlite_file("sqlite:////tmp/x.db"), sqlite_file("sqlite://"), sqlite_file("postgresql://h")
    (PosixPath('/tmp/x.db'), None, None)
    """
    if not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        return None
    return Path(url.removeprefix("sqlite:///").split("?", 1)[0])


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")  # batch workers and a reviewer may write at once
    cur.close()


def make_engine(db: str | Path | None = None, *, create: bool = True) -> Engine:
    """An engine for ``db`` (see :func:`database_url`).

    With ``create`` a SQLite file's folder is made (so ``--db out/review.db`` works before
    ``out/`` exists); without it a missing SQLite file raises :class:`NoStoreError`.
    """
    url = database_url(db)
    path = sqlite_file(url)
    if path is not None:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.is_file():
            from evidence_review.messages import MessageKey, message

            raise NoStoreError(f"{path}: {message(MessageKey.NO_STORE)}")
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine
