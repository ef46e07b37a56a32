"""Text decoding shared by sniffing and the text and HTML extractors: a strict ordered attempt
(byte-order marks, BOM-less UTF-16, UTF-8, then Windows-874/TIS-620 when the result is mostly
Thai), never a guess that could turn Thai into mojibake. What :mod:`intake.sniff` calls text is
exactly what the extractors read as text.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

from pydantic import BaseModel

log = logging.getLogger(__name__)

#: How far into an HTML file a ``charset=`` declaration is looked for.
CHARSET_SCAN_BYTES = 64 * 1024

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
    declared = declared_charset(data[:CHARSET_SCAN_BYTES])
    if declared:
        try:
            return Decoded(text=data.decode(declared), encoding=declared)
        except UnicodeDecodeError:
            log.info("declared charset %s does not decode; sniffing", declared)
    decoded = decode_text(data)
    if decoded is not None:
        return decoded
    return Decoded(text=data.decode("cp874", "replace"), encoding="cp874")


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


def utf16_order(head: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when ``head`` looks like UTF-16 (by BOM or byte pattern)."""
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    return utf16_guess(head)
