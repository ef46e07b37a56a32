"""Format detection from content, never from the extension alone.

The order of the checks is the table :data:`_SNIFFERS`: PDF magic (anywhere in the first
KiB, since some producers prepend junk), zip containers classified by their members, OLE2
compound files classified by their streams, HTML (in UTF-8, UTF-16 or TIS-620), then text in a
strict ordered set of encodings. The extension is consulted only where the content cannot tell
(an HTML table saved as ``.xls``; an OLE file too damaged to list its streams).

:func:`decode_text` is shared with the text and HTML extractors so that what is sniffed as
text is exactly what is read as text.
"""

from __future__ import annotations

import codecs
import logging
import re
import struct
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from evidence_review.intake.formats import FileFormat
from evidence_review.messages import MessageKey, message

log = logging.getLogger(__name__)

#: How much of the file the content checks look at.
HEAD_BYTES = 64 * 1024
PDF_MAGIC = b"%PDF-"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

#: Text decoding attempts, in order, after byte-order marks. cp874 (Windows Thai) is a
#: superset of TIS-620, so it reads both.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Share of printable characters a decoded text must reach to count as text.
MIN_PRINTABLE = 0.95
#: Share of the non-ASCII characters that must be Thai for a cp874 reading to be believed.
MIN_THAI_SHARE = 0.8

_HTML_TAG = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|table|meta|title)\b", re.I)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)

#: Encoding names seen in Thai HTML, mapped to the Python codec that reads them.
_CHARSET_ALIASES = {
    "tis-620": "cp874", "tis620": "cp874", "windows-874": "cp874", "x-windows-874": "cp874",
    "iso-8859-11": "cp874", "iso8859-11": "cp874", "cp874": "cp874", "ms874": "cp874",
}


class Decoded(BaseModel):
    """Text decoded from bytes and the encoding that decoded it."""

    text: str
    encoding: str


class Sniffed(BaseModel):
    """The result of sniffing: the format and, when useful, why it is unusable (a message
    from :mod:`evidence_review.messages`)."""

    format: FileFormat
    note: str | None = None


def _printable_share(text: str) -> float:
    """The share of characters that are printable or ordinary whitespace.

    >>> _printable_share("สวัสดี\\n")
    1.0
    >>> _printable_share("a\\x00\\x01b") < 0.95
    True
    """
    if not text:
        return 1.0
    ok = sum(1 for ch in text if ch.isprintable() or ch in "\t\n\r\f\v"
             or unicodedata.category(ch) == "Mn")
    return ok / len(text)


def _thai_share(text: str) -> float:
    """The share of non-ASCII characters that are Thai (U+0E00..U+0E7F).

    >>> _thai_share("abc ไทย")
    1.0
    >>> _thai_share("Ãâ¤")
    0.0
    """
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return 1.0
    return sum(1 for ch in non_ascii if "\u0e00" <= ch <= "\u0e7f") / len(non_ascii)


def _decode_prefix(data: bytes, encoding: str, partial: bool) -> str | None:
    """Decode strictly; when ``partial``, a character cut at the end of ``data`` is allowed."""
    try:
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        return decoder.decode(data, final=not partial)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_text(data: bytes, partial: bool = False) -> Decoded | None:
    """Decode bytes as text by a strict ordered attempt; None when they are not text.

    Order: byte-order marks (UTF-8, UTF-32, UTF-16), UTF-16 without BOM when the high
    bytes say so (:func:`utf16_guess`), strict UTF-8, then Windows-874/TIS-620 when the
    result is mostly Thai.
    Any reading must be at least 95% printable. ``partial`` means ``data`` is the head of
    a longer file, so a multi-byte character may be cut at the end.

    >>> decode_text("ตัวชี้วัด".encode("utf-8")).encoding
    'utf-8'
    >>> decode_text("ตัวชี้วัด".encode("cp874")).text
    'ตัวชี้วัด'
    >>> decode_text("ข้อมูล".encode("utf-16")).encoding
    'utf-16'
    >>> decode_text(bytes(range(256))) is None
    True
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _decode_prefix(data, encoding, partial)
            if text is not None and _printable_share(text) >= MIN_PRINTABLE:
                return Decoded(text=text, encoding=encoding)
            return None
    guess = utf16_guess(data)
    if guess:
        text = _decode_prefix(data, guess, partial)
        if text is not None and _printable_share(text) >= MIN_PRINTABLE:
            return Decoded(text=text, encoding=guess)
    if b"\x00" in data:
        return None  # NUL bytes in an 8-bit text: binary
    text = _decode_prefix(data, "utf-8", partial)
    if text is not None:
        return Decoded(text=text, encoding="utf-8") if (
            _printable_share(text) >= MIN_PRINTABLE) else None
    text = _decode_prefix(data, "cp874", partial)
    if (text is not None and _printable_share(text) >= MIN_PRINTABLE
            and _thai_share(text) >= MIN_THAI_SHARE):
        return Decoded(text=text, encoding="cp874")
    return None


def declared_charset(data: bytes) -> str | None:
    """The Python codec named by an HTML ``charset=`` in ``data``, if any and known.

    >>> declared_charset(b'<meta content="text/html; charset=windows-874">')
    'cp874'
    >>> declared_charset(b"<p>no charset</p>") is None
    True
    """
    match = _CHARSET.search(data)
    if not match:
        return None
    name = match.group(1).decode("ascii", "replace").strip().lower()
    name = _CHARSET_ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes) -> Decoded:
    """Decode an HTML file: BOM, then its declared charset, then :func:`decode_text`,
    then Windows-874 with replacement (old Thai HTML is often mislabelled)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(text=data.decode(encoding, "replace"), encoding=encoding)
    declared = declared_charset(data[:HEAD_BYTES])
    if declared:
        try:
            return Decoded(text=data.decode(declared), encoding=declared)
        except UnicodeDecodeError:
            log.info("declared charset %s does not decode; sniffing", declared)
    decoded = decode_text(data)
    if decoded is not None:
        return decoded
    return Decoded(text=data.decode("cp874", "replace"), encoding="cp874")


# --- zip containers -----------------------------------------------------------------------

_LOCAL_HEADER = struct.Struct("<4s5H3L2H")


def _local_member_names(head: bytes) -> list[str]:
    """Member names from the local headers at the start of a zip whose central directory is
    unreadable (a truncated download): enough to tell Word from Excel."""
    names: list[str] = []
    pos = 0
    while pos + _LOCAL_HEADER.size <= len(head):
        fields = _LOCAL_HEADER.unpack_from(head, pos)
        if fields[0] != b"PK\x03\x04":
            break
        flags, comp_size, name_len, extra_len = fields[2], fields[7], fields[9], fields[10]
        start = pos + _LOCAL_HEADER.size
        names.append(head[start:start + name_len].decode("utf-8", "replace"))
        if flags & 0x08 and comp_size == 0:
            break  # sizes are after the data: cannot skip to the next header
        pos = start + name_len + extra_len + comp_size
    return names


def _classify_members(names: list[str], content_types: bytes = b"") -> FileFormat:
    """DOCX or XLSX from a zip's member names (and its [Content_Types].xml if read).

    >>> _classify_members(["[Content_Types].xml", "word/document.xml"]).value
    'docx'
    >>> _classify_members(["xl/workbook.xml"]).value
    'xlsx'
    >>> _classify_members(["photo.jpg"]).value
    'unknown'
    """
    lowered = {n.replace("\\", "/").lower() for n in names}
    if "word/document.xml" in lowered or b"wordprocessingml.document" in content_types:
        return FileFormat.DOCX
    if "xl/workbook.xml" in lowered or b"spreadsheetml.sheet" in content_types:
        return FileFormat.XLSX
    if any(n.startswith("word/") for n in lowered):
        return FileFormat.DOCX
    if any(n.startswith("xl/") for n in lowered):
        return FileFormat.XLSX
    return FileFormat.UNKNOWN


def _sniff_zip(path: Path, head: bytes) -> Sniffed | None:
    if not head.startswith(ZIP_MAGICS):
        return None
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            content_types = b""
            if "[Content_Types].xml" in names:
                info = zf.getinfo("[Content_Types].xml")
                if info.file_size < 1 << 20:
                    try:
                        content_types = zf.read(info)
                    except Exception:  # damaged member: the names still tell
                        content_types = b""
        damaged = False
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        names, content_types, damaged = _local_member_names(head), b"", True
    fmt = _classify_members(names, content_types)
    if fmt is FileFormat.UNKNOWN and (damaged or any(
            "\ufffd" in n or not n.isprintable() for n in names)):
        # too damaged to list its members: the extension is the only hint left, and the
        # Word/Excel reader will then say the file is damaged
        fmt = _ZIP_EXTENSIONS.get(path.suffix.lower(), FileFormat.UNKNOWN)
        if fmt is FileFormat.UNKNOWN:
            return Sniffed(format=fmt, note=message(MessageKey.ZIP_DAMAGED))
    if fmt is FileFormat.UNKNOWN:
        return Sniffed(format=fmt, note=message(MessageKey.ZIP_NOT_OFFICE))
    return Sniffed(format=fmt)


_ZIP_EXTENSIONS = {".docx": FileFormat.DOCX, ".docm": FileFormat.DOCX,
                   ".xlsx": FileFormat.XLSX, ".xlsm": FileFormat.XLSX}


# --- OLE2 compound files ------------------------------------------------------------------


def _sniff_ole(path: Path, head: bytes) -> Sniffed | None:
    if not head.startswith(OLE_MAGIC):
        return None
    import olefile

    streams: set[str] = set()
    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=True)}
    except Exception:  # truncated or damaged: look for directory names in the raw bytes
        raw = path.read_bytes()[: 8 * 1024 * 1024]
        for name in ("WordDocument", "Workbook", "Book", "EncryptedPackage"):
            if name.encode("utf-16-le") in raw:
                streams.add(name)
        if not streams:
            suffix = path.suffix.lower()
            guess = {".doc": FileFormat.DOC, ".xls": FileFormat.XLS}.get(suffix)
            if guess:
                return Sniffed(format=guess)
    if "EncryptedPackage" in streams:
        return Sniffed(format=FileFormat.UNKNOWN,
                       note=message(MessageKey.OFFICE_PASSWORD))
    if "WordDocument" in streams:
        return Sniffed(format=FileFormat.DOC)
    if "Workbook" in streams or "Book" in streams:
        return Sniffed(format=FileFormat.XLS)
    return Sniffed(format=FileFormat.UNKNOWN,
                   note=message(MessageKey.OLE_NOT_OFFICE))


# --- text-like ----------------------------------------------------------------------------


def utf16_guess(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when BOM-less ``data`` looks like UTF-16: the high byte of
    most code units is 0x00 (Latin) or 0x0E (Thai).

    >>> utf16_guess("ข้อมูล".encode("utf-16-le")), utf16_guess("data".encode("utf-16-be"))
    ('utf-16-le', 'utf-16-be')
    >>> utf16_guess("ข้อมูล".encode("utf-8")) is None
    True
    """
    odd, even = data[1:4096:2], data[0:4096:2]
    if len(data) < 4 or not odd:
        return None
    high_odd = sum(b in (0x00, 0x0E) for b in odd) / len(odd)
    high_even = sum(b in (0x00, 0x0E) for b in even) / len(even)
    if high_odd > 0.7 and high_even < 0.3:
        return "utf-16-le"
    if high_even > 0.7 and high_odd < 0.3:
        return "utf-16-be"
    return None


def _utf16_order(head: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when ``head`` looks like UTF-16 (by BOM or byte pattern)."""
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    return utf16_guess(head)


def _head_as_markup(head: bytes) -> str | None:
    """The head decoded well enough to look for ASCII tags whatever the encoding; None for
    binary (NUL bytes in what is not UTF-16)."""
    if head.startswith(codecs.BOM_UTF8):
        return head[3:].decode("utf-8", "ignore")
    order = _utf16_order(head)
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
    _sniff_pdf, _sniff_zip, _sniff_ole, _sniff_html, _sniff_text,
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
