"""Where the store lives: the database URL for ``--db``, and engines for it.

SQLite files get WAL, foreign keys and a busy timeout; a read-only command opens an existing
store only (``create=False``), so a typo in ``--db`` never leaves an empty database behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event


class StoreError(Exception):
    """A store that cannot be opened or a write that is not allowed; one-line message."""


class DecisionError(StoreError):
    """A decision that may not be recorded (e.g. an override without a reason)."""


class StaleVersionError(DecisionError):
    """A save based on an older version of the review state (the web's 409)."""

    def __init__(self, current: int) -> None:
        super().__init__(f"stale: the review state is now version {current}")
        self.current = current


class NoStoreError(StoreError):
    """A read-only command named a store that does not exist."""


class TamperedError(DecisionError):
    """A submission's hash chain is broken or the append-only triggers are missing: the
    commands refuse with exit status :data:`EXIT_TAMPERED` (the web API with 409)."""


#: Exit status of a command refused because the trail was tampered with (``audit verify``).
EXIT_TAMPERED = 4


def describe_db_error(exc: BaseException) -> str:
    """A database error as one line for people (Thai first): a full or failing disk, a
    read-only store, else the driver's first line.

    >>> describe_db_error(OSError("database or disk is full")).split(" [")[1][:40]
    'the disk is full or failing (database or'
    >>> describe_db_error(OSError("attempt to write a readonly database")).split(" [")[1][:30]
    'the store is on a read-only pl'
    """
    from evidence_review.messages import MessageKey, message

    detail = (str(getattr(exc, "orig", None) or exc).splitlines() or [type(exc).__name__])[0]
    low = detail.lower()
    if "disk is full" in low or "disk i/o error" in low or "no space left" in low:
        return message(MessageKey.STORE_FULL, detail=detail)
    if "readonly database" in low or "read-only" in low:
        return message(MessageKey.STORE_READ_ONLY, detail=detail)
    return message(MessageKey.STORE_ERROR, detail=detail)


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


def _sqlite_pragmas(dbapi_conn: Any, _record: Any, *, wal: bool = True) -> None:
    # SQLAlchemy's documented recipe for SQLite transactions: the driver's own BEGIN handling
    # off, the "begin" hook below emits BEGIN (IMMEDIATE for write transactions)
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    if wal:  # (a read-only store keeps the journal mode it has)
        cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")  # batch workers and a reviewer may write at once
    cur.close()


#: Execution option: the transaction takes SQLite's write lock at BEGIN (``BEGIN IMMEDIATE``),
#: so what it reads cannot change before it writes; see :func:`write_transaction`.
WRITE_LOCK = "evidence_review_write_lock"


def _sqlite_begin(conn: Connection) -> None:
    mode = "IMMEDIATE" if conn.get_execution_options().get(WRITE_LOCK) else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


#: PostgreSQL advisory lock keys (SQLite's BEGIN IMMEDIATE needs none).
LOCK_MIGRATE, LOCK_REGISTER = 2550_14, 2550_15


@contextmanager
def write_transaction(engine: Engine, pg_lock: int | None = None) -> Iterator[Connection]:
    """A transaction that reads and then writes, serialised against every other writer:
    ``BEGIN IMMEDIATE`` on SQLite (waits up to the busy timeout for the lock); on PostgreSQL
    the advisory lock ``pg_lock`` if given, else callers lock the rows they read
    (``SELECT ... FOR UPDATE``)."""
    with engine.connect().execution_options(**{WRITE_LOCK: True}) as conn, conn.begin():
        if pg_lock is not None and conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({int(pg_lock)})")
        yield conn


def check_sqlite_file(path: Path) -> None:
    """Refuse, before anything is written to it, a file that is not an SQLite database or is
    another application's one (tables, but not ours). Opened read-only: nothing changes."""
    import sqlite3

    from evidence_review.messages import MessageKey, message

    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            names = {r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc):
            raise StoreError(f"{path}: {message(MessageKey.STORE_NOT_DATABASE)}") from None
        return  # locked, unreadable: the engine's own error says so
    if names and not {"schema_version", "submissions"} <= names:
        raise StoreError(f"{path}: {message(MessageKey.STORE_FOREIGN)}")


def read_only_url(path: Path) -> str | None:
    """A read-only URL for a store we may not write (its file or folder not writable, e.g. a
    read-only filesystem): ``mode=ro``, and ``immutable=1`` where SQLite could not create the
    WAL's ``-shm`` beside it (refused, one line, when a ``-wal`` file holding changes is there:
    immutable would not read it). None when the store is writable."""
    folder_ok = os.access(path.parent, os.W_OK) and not _read_only_fs(path.parent)
    if folder_ok and os.access(path, os.W_OK):
        return None
    shm_ok = folder_ok or Path(f"{path}-shm").exists()
    wal = Path(f"{path}-wal")
    if not shm_ok and wal.is_file() and wal.stat().st_size > 0:
        # immutable would ignore the WAL: decisions not yet copied into the database would
        # silently be missing from what is read
        from evidence_review.messages import MessageKey, message

        raise StoreError(f"{path}: " + message(MessageKey.STORE_READ_ONLY, detail=(
            f"{wal.name} holds changes not yet in the database, and {path.name}-shm cannot "
            "be created here: copy the store with its -wal file somewhere writable")))
    flags = "mode=ro" + ("" if shm_ok else "&immutable=1")
    return f"sqlite:///file:{path}?{flags}&uri=true"


def _read_only_fs(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def make_engine(db: str | Path | None = None, *, create: bool = True) -> Engine:
    """An engine for ``db`` (see :func:`database_url`).

    With ``create`` a SQLite file's folder is made (so ``--db out/review.db`` works before
    ``out/`` exists); without it a missing SQLite file raises :class:`NoStoreError`, and a
    store that cannot be written (a read-only filesystem) is opened read-only. A file that is
    not one of our stores is refused before anything is written to it.
    """
    url = database_url(db)
    path = sqlite_file(url)
    if path is not None:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        elif not path.is_file() or path.stat().st_size == 0:
            # (an empty file is no store either: opening it would write SQLite's header and
            # WAL into it, and a command that only reads writes nothing)
            from evidence_review.messages import MessageKey, message

            raise NoStoreError(f"{path}: {message(MessageKey.NO_STORE)}")
        if not create:  # (before the check below, which may make a -shm where it can)
            url = read_only_url(path) or url
        check_sqlite_file(path)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", partial(_sqlite_pragmas, wal="mode=ro" not in url))
        event.listen(engine, "begin", _sqlite_begin)
    return engine
