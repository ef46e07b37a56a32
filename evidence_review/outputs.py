"""Writing output files without destroying anything: every writer goes through here.

The rules (issue 10, "outputs never destroy"):

* a file is written to a temporary file in the target's folder, flushed to disk and renamed
  over the target, so a full disk or a crash leaves the old file (or none), never half a file;
* an existing file is replaced only when the caller says so (``force``, a user's ``--force``)
  or when ``own(path)`` recognises it as this command's own earlier output (``screen --json``
  may replace the JSON it wrote before);
* a database (SQLite's file header) or one of the files being read (``protect``) is never
  replaced, not even with ``force``;
* folders, devices, FIFOs and sockets are refused, and every failure is :class:`OutputError`:
  one line, Thai first (:mod:`evidence_review.messages`), naming the path.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     p = Path(tmp, "r.md")
...     write_text(p, "one")
...     try:
...         write_text(p, "two")
...     except OutputError as exc:
...         print(exc.reason.en)
...     write_text(p, "two", force=True)
...     p.read_text()
already exists: not replaced (give --force to replace it)
'two'
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from evidence_review.messages import Bilingual, MessageKey, text

#: The first bytes of every SQLite 3 database file.
SQLITE_HEADER = b"SQLite format 3\x00"

Recogniser = Callable[[Path], bool]


class OutputError(Exception):
    """An output that must not or cannot be written; ``str()`` is one line naming the path."""

    def __init__(self, path: Path | str, reason: Bilingual) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


#: The exit status of a command refused for its output (a usage mistake, as click's own).
EXIT_OUTPUT = 2


def is_database(path: Path) -> bool:
    """True when ``path`` starts with the SQLite header (a store, ours or another's), or is
    the write-ahead log, shared-memory or rollback journal of one (``r.db-wal`` holds
    decisions not yet copied into ``r.db``)."""
    for suffix in ("-wal", "-shm", "-journal"):
        if path.name.endswith(suffix) and path.name != suffix:
            return is_database(path.with_name(path.name.removesuffix(suffix)))
    try:
        with path.open("rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def starts_with(prefix: str, limit: int = 4096) -> Recogniser:
    """A recogniser of files whose first ``limit`` bytes (UTF-8) contain ``prefix`` at the
    start (after a BOM and whitespace): how a command knows its own earlier output."""

    def own(path: Path) -> bool:
        try:
            with path.open("rb") as fh:
                head = fh.read(limit).decode("utf-8", errors="replace")
        except OSError:
            return False
        return head.lstrip("\ufeff \t\r\n").startswith(prefix)

    return own


def _same(a: Path, b: Path) -> bool:
    with contextlib.suppress(OSError):
        return os.path.samefile(a, b)
    return False


def check_target(path: Path, *, force: bool = False, own: Recogniser | None = None,
                 protect: Iterable[Path] = ()) -> None:
    """Raise :class:`OutputError` unless ``path`` may be written (rules in the module doc)."""
    if str(path).endswith(os.sep) or path.is_dir():
        raise OutputError(path, text(MessageKey.OUTPUT_IS_FOLDER))
    try:
        st = path.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(path, text(MessageKey.OUTPUT_CANNOT_WRITE,
                                     detail=exc.strerror or str(exc))) from None
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(path, text(MessageKey.OUTPUT_SPECIAL))
    if any(_same(path, p) for p in protect):
        raise OutputError(path, text(MessageKey.OUTPUT_IS_INPUT))
    if is_database(path):
        raise OutputError(path, text(MessageKey.OUTPUT_IS_DATABASE))
    if not force and not (own is not None and own(path)):
        raise OutputError(path, text(MessageKey.OUTPUT_EXISTS))


def check_folder(folder: Path) -> None:
    """Raise :class:`OutputError` unless ``folder`` is (or can become) a folder."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(folder, text(MessageKey.OUTPUT_NOT_FOLDER))


@contextlib.contextmanager
def atomic_path(path: Path, *, force: bool = False, own: Recogniser | None = None,
                protect: Iterable[Path] = ()) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; when the block ends without an error, the
    temporary file is flushed and renamed over ``path``; on any error it is removed.

    For writers that want a file name (openpyxl, WeasyPrint). OSErrors (full disk, no
    permission) become :class:`OutputError`.
    """
    protect = list(protect)
    check_target(path, force=force, own=own, protect=protect)
    parent = path.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(path, _write_failed(exc)) from None
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is an ordinary file
        yield tmp
        _fsync(tmp)
        # checked again just before the rename: the target may have appeared meanwhile
        check_target(path, force=force, own=own, protect=protect)
        os.replace(tmp, path)
    except OSError as exc:
        raise OutputError(path, _write_failed(exc)) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def write_bytes(path: Path, data: bytes, *, force: bool = False, own: Recogniser | None = None,
                protect: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_path`)."""
    with atomic_path(path, force=force, own=own, protect=protect) as tmp, tmp.open("wb") as fh:
        fh.write(data)


def write_text(path: Path, content: str, *, encoding: str = "utf-8", force: bool = False,
               own: Recogniser | None = None, protect: Iterable[Path] = ()) -> None:
    """Write ``content`` to ``path`` atomically (see :func:`atomic_path`)."""
    write_bytes(path, content.encode(encoding), force=force, own=own, protect=protect)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())


def _write_failed(exc: OSError) -> Bilingual:
    return text(MessageKey.OUTPUT_CANNOT_WRITE, detail=exc.strerror or str(exc))


__all__ = ["OutputError", "atomic_path", "check_folder", "check_target", "is_database",
           "starts_with", "write_bytes", "write_text"]
