"""Thai character classes, as data shared by the repair chain and the quality measures.

>>> is_mark("ั"), is_mark("า"), is_consonant("ก"), is_thai("ก"), is_thai("a")
(True, False, True, True, False)
"""

from __future__ import annotations

import re

#: Consonants ก..ฮ (ฤ and ฦ included: they take marks like consonants).
CONSONANTS = "".join(chr(c) for c in range(0x0E01, 0x0E2F))
#: Vowels written before the consonant they are read after.
LEADING_VOWELS = "เแโใไ"
#: Vowels that follow a consonant on the baseline.
FOLLOWING_VOWELS = "ะาำๅ"
#: Vowels above or below the consonant (combining).
ABOVE_VOWELS = "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47"  # ั ิ ี ึ ื ็
BELOW_VOWELS = "\u0e38\u0e39\u0e3a"  # ุ ู ฺ
#: Tone marks and other signs above (combining).
TONE_MARKS = "\u0e48\u0e49\u0e4a\u0e4b"  # ่ ้ ๊ ๋
SIGNS_ABOVE = "\u0e4c\u0e4d\u0e4e"  # ์ ํ ๎
#: Every combining Thai mark: it must follow a consonant (or another mark of the same cluster).
MARKS = ABOVE_VOWELS + BELOW_VOWELS + TONE_MARKS + SIGNS_ABOVE
#: Any one combining mark, as a pattern (removing marks is faster with a regex than translate).
MARK_RE = re.compile(f"[{MARKS}]")
THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
NIKHAHIT = "\u0e4d"
SARA_AA = "\u0e32"
SARA_AM = "\u0e33"

#: Private Use Area glyph variants (legacy Thai fonts, Word-era PDFs) -> standard Thai.
#: U+F700..U+F71A: 27 shifted/alternate glyphs, one-to-one.
PUA_MAP: dict[str, str] = {
    "\uf700": "ฐ",  # ฐ without descender
    "\uf701": "\u0e34", "\uf702": "\u0e35", "\uf703": "\u0e36", "\uf704": "\u0e37",  # left
    "\uf705": "\u0e48", "\uf706": "\u0e49", "\uf707": "\u0e4a", "\uf708": "\u0e4b",  # low-left
    "\uf709": "\u0e4c",
    "\uf70a": "\u0e48", "\uf70b": "\u0e49", "\uf70c": "\u0e4a", "\uf70d": "\u0e4b",  # low
    "\uf70e": "\u0e4c",
    "\uf70f": "ญ",  # ญ without descender
    "\uf710": "\u0e31", "\uf711": "\u0e4d", "\uf712": "\u0e47",  # left
    "\uf713": "\u0e48", "\uf714": "\u0e49", "\uf715": "\u0e4a", "\uf716": "\u0e4b",  # left
    "\uf717": "\u0e4c",
    "\uf718": "\u0e38", "\uf719": "\u0e39", "\uf71a": "\u0e3a",  # low
}

_MARK_SET = frozenset(MARKS)
_CONSONANT_SET = frozenset(CONSONANTS)


def is_mark(ch: str) -> bool:
    """True for a combining Thai mark (vowel above/below, tone mark, sign)."""
    return ch in _MARK_SET


def is_consonant(ch: str) -> bool:
    """True for a Thai consonant ก..ฮ."""
    return ch in _CONSONANT_SET


def is_thai(ch: str) -> bool:
    """True for any character of the Thai block U+0E00..U+0E7F."""
    return "\u0e00" <= ch <= "\u0e7f"


def is_thai_letter(ch: str) -> bool:
    """True for Thai letters and vowels (not digits, not ฯ ๆ ๏ punctuation).

    >>> is_thai_letter("ก"), is_thai_letter("๑"), is_thai_letter("ๆ")
    (True, False, False)
    """
    return "\u0e01" <= ch <= "\u0e4e" and ch not in "ฯ฿ๆ๏"


def printed_width(text: str) -> int:
    """Characters that take a column when set on a line: marks above and below a letter
    take none (table cells and lines are compared by how wide they print).

    >>> printed_width("ที่ทำการ"), printed_width("ABC")
    (6, 3)
    """
    return len(text) - len(MARK_RE.findall(text))
