"""The intake record: what is known about a file before any parser touches it."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pydantic import BaseModel, Field

from evidence_review.intake.formats import FileFormat
from evidence_review.messages import MessageKey, message, os_error

_CHUNK = 1 << 20

#: Formats read whole into memory as text (their size limit is ``Limits.max_text_bytes``).
TEXT_FORMATS = frozenset({FileFormat.TEXT, FileFormat.HTML, FileFormat.XLS_HTML})


class Limits(BaseModel):
    """Limits applied at intake and by the extractors (the caller builds them from settings;
    the defaults are the settings' defaults).

    >>> Limits().max_bytes > 0
    True
    """

    max_bytes: int = Field(200 * 1024 * 1024, description="Larger files are rejected.")
    max_text_bytes: int = Field(20 * 1024 * 1024,
                                description="Larger text and HTML files are rejected (they "
                                            "are read whole).")
    max_pages: int = Field(2000, description="Documents with more pages are rejected.")
    max_unzipped_bytes: int = Field(500 * 1024 * 1024, description="Zip bomb guard (total).")
    max_zip_ratio: float = Field(100.0, description="Zip bomb guard (compression ratio).")


class IntakeRecord(BaseModel):
    """One input file, recorded before it is parsed.

    ``rejection`` is ``None`` when the file may be parsed; otherwise a one-line reason
    (Thai with the English in brackets, from :mod:`evidence_review.messages`; naming no path:
    callers prefix the path) why it will not be.
    """

    path: Path
    size: int
    sha256: str
    format: FileFormat
    rejection: str | None = None


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in 1 MiB chunks (never the whole file at once)."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def record_file(path: str | Path, limits: Limits | None = None) -> IntakeRecord:
    """Record ``path``: size, streamed sha256, sniffed format, and a rejection reason if any.

    Never raises for a bad file: an unreadable file is a record with ``rejection`` set.
    """
    from evidence_review.intake.sniff import sniff

    limits = limits or Limits()
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        return IntakeRecord(
            path=p, size=0, sha256="", format=FileFormat.UNKNOWN,
            rejection=str(os_error(exc)),
        )
    if not p.is_file():  # a FIFO, device or socket is never opened: reading it may never end
        from evidence_review.intake.confine import special_reason

        return IntakeRecord(path=p, size=size, sha256="", format=FileFormat.UNKNOWN,
                            rejection=special_reason(p.stat().st_mode)
                            or message(MessageKey.NOT_REGULAR_FILE))
    if size == 0:
        return IntakeRecord(path=p, size=0, sha256=hashlib.sha256(b"").hexdigest(),
                            format=FileFormat.UNKNOWN, rejection=message(MessageKey.EMPTY))
    if size > limits.max_bytes:
        return IntakeRecord(
            path=p, size=size, sha256="", format=FileFormat.UNKNOWN,
            rejection=message(MessageKey.TOO_LARGE, size_mb=size / (1024 * 1024),
                              limit_mb=limits.max_bytes / (1024 * 1024)),
        )
    try:
        digest = sha256_file(p)
        sniffed = sniff(p)
    except OSError as exc:
        return IntakeRecord(path=p, size=size, sha256="", format=FileFormat.UNKNOWN,
                            rejection=str(os_error(exc)))
    fmt, rejection = sniffed.format, None
    if fmt is FileFormat.UNKNOWN:
        rejection = sniffed.note or message(MessageKey.UNKNOWN_FORMAT)
    elif fmt in TEXT_FORMATS and size > limits.max_text_bytes:
        rejection = message(MessageKey.TEXT_TOO_LARGE, size_mb=size / (1024 * 1024),
                            limit_mb=limits.max_text_bytes / (1024 * 1024))
    return IntakeRecord(path=p, size=size, sha256=digest, format=fmt, rejection=rejection)
