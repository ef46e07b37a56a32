"""Match keys: the form of a text that phrase matching runs on, with a map back to the original.

The key of a text ignores what varies between documents that say the same thing: spaces inside
Thai (line wrapping breaks ผลกระ|ทบ), Latin case, Thai vs Arabic digits, ``ํ``+``า`` vs ``ำ``,
dash variants and zero-width characters. Spaces survive only between two Latin letters or digits
("Backup and Recovery"), so Latin word boundaries stay visible.

The *skeleton* of a key also drops Thai tone marks and above/below vowels: the fallback for damaged
PDF text (marks lost or moved), matched with lower confidence.
"""

from __future__ import annotations

from typing import NamedTuple

_THAI_DIGITS = {chr(0x0E50 + i): str(i) for i in range(10)}
_DASHES = {"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u00ad": ""}
_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
_SARA_AM = "\u0e33"
_NIKHAHIT = "\u0e4d"
_SARA_AA = "\u0e32"
#: Marks dropped in a skeleton: mai han-akat, above/below vowels, tone marks, thanthakhat...
_SKELETON_DROP = {chr(c) for c in (0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F))}


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
    out: list[str] = []
    offs: list[int] = []
    n = len(text)
    i = 0
    pending_space = False
    while i < n:
        ch = text[i]
        if ch.isspace() or ch in _ZERO_WIDTH:
            if ch.isspace():
                pending_space = True
            i += 1
            continue
        ch = _DASHES.get(ch, ch)
        if not ch:
            i += 1
            continue
        if ch == _NIKHAHIT and i + 1 < n and text[i + 1] == _SARA_AA:
            ch, step = _SARA_AM, 2
        elif ch == _SARA_AM and i + 1 < n and text[i + 1] == _SARA_AA:
            step = 2
        else:
            step = 1
        ch = _THAI_DIGITS.get(ch, ch)
        if ch.isascii():
            ch = ch.lower()
        if pending_space and out and is_ascii_alnum(out[-1]) and is_ascii_alnum(ch):
            out.append(" ")
            offs.append(i - 1)
        pending_space = False
        out.append(ch)
        offs.append(i)
        i += step
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
    out: list[str] = []
    offs: list[int] = []
    for i, ch in enumerate(key):
        if ch in _SKELETON_DROP:
            continue
        if ch == _SARA_AM:
            ch = _SARA_AA
        out.append(ch)
        offs.append(i)
    return Keyed("".join(out), offs)
