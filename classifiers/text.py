"""Match keys: the form of a text that phrase matching runs on, with a map back to the original.

The key of a text ignores what varies between documents that say the same thing: spaces inside
Thai (line wrapping breaks ผลกระ|ทบ), Latin case, Thai vs Arabic digits, ``ํ``+``า`` vs ``ำ``,
dash variants and zero-width characters. Spaces survive only between two Latin letters or digits
("Backup and Recovery"), so Latin word boundaries stay visible.

The *skeleton* of a key also drops Thai tone marks and above/below vowels: the fallback for damaged
PDF text (marks lost or moved), matched with lower confidence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_THAI_DIGITS = {chr(0x0E50 + i): str(i) for i in range(10)}
_SARA_AM = "\u0e33"
_NIKHAHIT = "\u0e4d"
_SARA_AA = "\u0e32"
#: One-to-one replacements (offsets unchanged): Thai digits, dashes, ASCII case, nikhahit.
_ONE_TO_ONE = str.maketrans({**_THAI_DIGITS, "\u2013": "-", "\u2014": "-", "\u2012": "-",
                             "\u2212": "-", _NIKHAHIT: _SARA_AM,
                             **{chr(c): chr(c + 32) for c in range(65, 91)}})
#: Dropped: whitespace runs (a single space is put back between Latin words), zero-width
#: characters and soft hyphens, and a sara aa doubled after sara am (ำา, ํา).
_DROP = re.compile("\\s+|[\u200b\u200c\u200d\u2060\ufeff\u00ad]+|(?<=\u0e33)\u0e32")
_SKELETON_RE = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+")
#: Marks dropped in a skeleton: mai han-akat, above/below vowels, tone marks, thanthakhat...
SKELETON_DROP = {chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F))}


class Keyed(NamedTuple):
    """A match key and ``offsets[i]`` = index in the original text of key character ``i``."""

    text: str
    offsets: list[int]


def is_thai(ch: str) -> bool:
    """True for a character of the Thai block (letters, vowels, marks, digits).

    >>> is_thai("ก"), is_thai("๑"), is_thai("a")
    (True, True, False)
    """
    return "\u0e00" <= ch <= "\u0e7f"


def is_ascii_alnum(ch: str) -> bool:
    """True for ASCII letters and digits (Latin word characters).

    >>> is_ascii_alnum("Q"), is_ascii_alnum("5"), is_ascii_alnum("ก")
    (True, True, False)
    """
    return ch.isascii() and ch.isalnum()


def match_key(text: str) -> Keyed:
    """The match key of ``text`` with its offset map.

    >>> match_key("ผลกระ ทบ").text
    'ผลกระทบ'
    >>> match_key("Backup  and Recovery").text
    'backup and recovery'
    >>> match_key("ปี ๒๕๔๙").text
    'ปี2549'
    >>> k = match_key("ก ข")
    >>> k.offsets
    [0, 2]
    >>> match_key("ท\u0e4d\u0e32งาน").text == "ทำงาน"
    True
    """
    t = text.translate(_ONE_TO_ONE)
    out: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in _DROP.finditer(t):
        a, b = m.span()
        if a > pos:
            out.append(t[pos:a])
            offs.extend(range(pos, a))
        pos = b
        if t[a].isspace() and out and b < len(t):
            prev = out[-1][-1]
            if is_ascii_alnum(prev) and is_ascii_alnum(t[b]):
                out.append(" ")
                offs.append(a)
    if pos < len(t):
        out.append(t[pos:])
        offs.extend(range(pos, len(t)))
    return Keyed("".join(out), offs)


def key_of(phrase: str) -> str:
    """The key of a rubric phrase (the same transformation as for document text).

    >>> key_of("มิติที่ 1") == key_of("มิติที่1")
    True
    """
    return match_key(phrase).text


def skeleton(key: str) -> Keyed:
    """``key`` without Thai tone marks and above/below vowels; ``ำ`` becomes ``า``.

    Offsets index into ``key``.

    >>> skeleton("สำรองข้อมูล").text
    'สารองขอมล'
    """
    t = key.replace(_SARA_AM, _SARA_AA)
    out: list[str] = []
    offs: list[int] = []
    pos = 0
    for m in _SKELETON_RE.finditer(t):
        a, b = m.span()
        if a > pos:
            out.append(t[pos:a])
            offs.extend(range(pos, a))
        pos = b
    if pos < len(t):
        out.append(t[pos:])
        offs.extend(range(pos, len(t)))
    return Keyed("".join(out), offs)
