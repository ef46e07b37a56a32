"""Format detection from content, never from the extension alone.

The order of the checks is the table :data:`_SNIFFERS`: PDF magic (anywhere in the first
KiB, since some producers prepend junk), zip containers classified by their members, OLE2
compound files classified by their streams, HTML (in UTF-8, UTF-16 or TIS-620), then text in a
strict ordered set of encodings. The extension is consulted only where the content cannot tell
(an HTML table saved as ``.xls``; an OLE file too damaged to list its streams).

Decoding lives in :mod:`intake.encodings` (shared with the text and HTML extractors, so what is
sniffed as text is exactly what is read as text), zip and OLE2 containers in
:mod:`intake.containers`.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from pathlib import Path

from evidence_review.intake.containers import sniff_ole, sniff_zip
from evidence_review.intake.encodings import decode_text, utf16_order
from evidence_review.intake.formats import FileFormat, Sniffed
from evidence_review.messages import MessageKey, message

#: How much of the file the content checks look at.
HEAD_BYTES = 64 * 1024
PDF_MAGIC = b"%PDF-"

_HTML_TAG = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|table|meta|title)\b", re.I)

__all__ = ["HEAD_BYTES", "Sniffed", "sniff", "sniff_format"]


def _head_as_markup(head: bytes) -> str | None:
    """The head decoded well enough to look for ASCII tags whatever the encoding; None for
    binary (NUL bytes in what is not UTF-16)."""
    if head.startswith(codecs.BOM_UTF8):
        return head[3:].decode("utf-8", "ignore")
    order = utf16_order(head)
    if order:
        return head.decode(order, "ignore").lstrip("\ufeff")
    if b"\x00" in head:
        return None
    return head.decode("latin-1")


def _sniff_html(path: Path, head: bytes) -> Sniffed | None:
    markup = _head_as_markup(head)
    if markup is None:
        return None
    markup = markup[:8192]
    if not markup.lstrip(" \t\r\n").startswith("<") or not _HTML_TAG.search(markup):
        return None
    if path.suffix.lower() in (".xls", ".xlsx"):
        return Sniffed(format=FileFormat.XLS_HTML)
    return Sniffed(format=FileFormat.HTML)


def _sniff_text(path: Path, head: bytes) -> Sniffed | None:
    partial = path.stat().st_size > len(head)
    if decode_text(head, partial=partial) is not None:
        return Sniffed(format=FileFormat.TEXT)
    return None


def _sniff_pdf(path: Path, head: bytes) -> Sniffed | None:
    return Sniffed(format=FileFormat.PDF) if PDF_MAGIC in head[:1024] else None


#: The content checks in order; the first that answers wins.
_SNIFFERS: tuple[Callable[[Path, bytes], Sniffed | None], ...] = (
    _sniff_pdf, sniff_zip, sniff_ole, _sniff_html, _sniff_text,
)


def sniff(path: str | Path) -> Sniffed:
    """Detect a file's format from its content, with a note when the format is unusable.

    Raises OSError when the file cannot be read (callers record that as a rejection).
    """
    p = Path(path)
    with p.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    if not head:
        return Sniffed(format=FileFormat.UNKNOWN, note=message(MessageKey.EMPTY))
    for sniffer in _SNIFFERS:
        found = sniffer(p, head)
        if found is not None:
            return found
    return Sniffed(format=FileFormat.UNKNOWN)


def sniff_format(path: str | Path) -> FileFormat:
    """The format of ``path`` judged from its content (see the module docstring).

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile(suffix=".docx", delete=False) as fh:
    ...     _ = fh.write(b"junk\\r\\n%PDF-1.4\\n...")
    >>> sniff_format(fh.name).value
    'pdf'
    >>> os.unlink(fh.name)
    """
    return sniff(path).format
