"""Match keys: the form of a text that phrase matching runs on, with a map back to the original.

The key of a text ignores what varies between documents that say the same thing: spaces inside
Thai (line wrapping breaks ผลกระ|ทบ), Latin case, Thai vs Arabic digits, ``ํ``+``า`` vs ``ำ``,
dash variants and zero-width characters. Spaces survive only between two Latin letters or digits
("Backup and Recovery"), so Latin word boundaries stay visible.

The *skeleton* of a key also drops Thai tone marks and above/below vowels: the fallback for damaged
PDF text (marks lost or moved), matched with lower confidence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple, overload

from evidence_review.thaitext.chars import MARKS

_THAI_DIGITS = {chr(0x0E50 + i): str(i) for i in range(10)}
_SARA_AM = "\u0e33"
_NIKHAHIT = "\u0e4d"
_SARA_AA = "\u0e32"
#: One-to-one replacements (offsets unchanged): Thai digits, dashes, ASCII case, nikhahit.
_ONE_TO_ONE = str.maketrans({**_THAI_DIGITS, "\u2013": "-", "\u2014": "-", "\u2012": "-",
                             "\u2212": "-", _NIKHAHIT: _SARA_AM,
                             **{chr(c): chr(c + 32) for c in range(65, 91)}})
#: ``_ONE_TO_ONE`` without the capitals, as pairs for ``str.replace``; and the capitals.
_REPLACE_ONE = tuple((chr(a), b) for a, b in _ONE_TO_ONE.items() if not 65 <= a <= 90)
_CAPITALS = re.compile("[A-Z]+")
_ANY_CAPITAL = re.compile("[A-Z]")
#: Dropped: whitespace runs (a single space is put back between Latin words), zero-width
#: characters and soft hyphens, and a sara aa doubled after sara am (ำา, ํา).
_DROP = re.compile("\\s+|[\u200b\u200c\u200d\u2060\ufeff\u00ad]+|(?<=\u0e33)\u0e32")
#: ``_drop`` does the same in cheaper steps: sara aa after sara am (``str.replace``), then the
#: zero-width characters, then whitespace (``str.split``).
#: Zero-width characters and soft hyphens (dropped; not whitespace to ``str.split``).
_ZERO_WIDTH_CHAR = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_ZERO_WIDTH_RUN = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
#: Characters the one-to-one table changes (the translation is skipped for texts without any).
_NEEDS_TRANSLATE = re.compile("[\u0e50-\u0e59\u2013\u2014\u2012\u2212\u0e4dA-Z]")
#: Separates texts keyed together by :func:`match_keys` (no key rule touches or crosses it).
_SEPARATOR = "\x01"
#: Whitespace between two Latin letters or digits: kept as one space in the key.
_LATIN_GAP = re.compile(
    "(?<=[a-z0-9])[\\s\u200b\u200c\u200d\u2060\ufeff\u00ad]*\\s"
    "[\\s\u200b\u200c\u200d\u2060\ufeff\u00ad]*(?=[a-z0-9])")
_SKELETON_RE = re.compile(f"[{MARKS}]+")
#: Marks dropped in a skeleton: mai han-akat, above/below vowels, tone marks, thanthakhat...
SKELETON_DROP = frozenset(MARKS)


class OffsetMap(Sequence[int]):
    """``map[i]`` = index in the original text of key character ``i``, stored as runs (one
    pair per run of kept characters, not one entry per character: cheap to build for long
    documents, looked up by binary search).

    >>> m = OffsetMap([0, 2], [0, 5], 4)
    >>> list(m), m[3], len(m)
    ([0, 1, 5, 6], 6, 4)
    """

    __slots__ = ("_key", "_n", "_orig")

    def __init__(self, key_starts: list[int], orig_starts: list[int], n: int) -> None:
        self._key, self._orig, self._n = key_starts, orig_starts, n

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> int: ...
    @overload
    def __getitem__(self, i: slice) -> list[int]: ...

    def __getitem__(self, i: int | slice) -> int | list[int]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        j = bisect.bisect_right(self._key, i) - 1
        return self._orig[j] + i - self._key[j]

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    def __repr__(self) -> str:
        return repr(list(self))


class Keyed(NamedTuple):
    """A match key and ``offsets[i]`` = index in the original text of key character ``i``."""

    text: str
    offsets: Sequence[int]


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
    t = _translate(text) if _NEEDS_TRANSLATE.search(text) else text
    if "\x00" in t:
        t = t.replace("\x00", " ")
    key = _drop(_LATIN_GAP.sub("\x00", t))
    return Keyed(key, _LazyOffsets(t, len(key)))


def _drop(t: str) -> str:
    r"""``_DROP.sub("", t)`` with the Latin-gap marks made spaces.

    >>> _drop("ทำางาน ก\x00a") == "ทำงานก a"
    True
    >>> _drop("ระบบ\u200b งาน\u3000ใหม่\x0bx") == "ระบบงานใหม่x"
    True
    """
    t = t.replace("\u0e33\u0e32", "\u0e33")
    if _ZERO_WIDTH_CHAR.search(t):
        t = _ZERO_WIDTH_RUN.sub("", t)
    # str.split() splits at exactly the characters regex \s matches (str.isspace), in C
    return "".join(t.split()).replace("\x00", " ")


def _translate(text: str) -> str:
    """``text`` with the one-to-one replacements applied (only the runs that need them).

    >>> _translate("ปี ๒๕๔๙ ABC–x")
    'ปี 2549 abc-x'
    """
    # one character for one, no target a source: the replacements can run one after another
    # (str.replace runs in C); only runs of capitals need a callback
    for a, b in _REPLACE_ONE:
        if a in text:
            text = text.replace(a, b)
    return _CAPITALS.sub(_lower, text) if _ANY_CAPITAL.search(text) else text


def _lower(m: re.Match[str]) -> str:
    return m.group().lower()  # (ASCII capitals only: the same as the table's A-Z)


def match_keys(texts: Sequence[str]) -> list[Keyed]:
    """``[match_key(t) for t in texts]``, computed in one pass over all the texts (a long
    document has tens of thousands of blocks: per-text regex calls dominate otherwise).

    >>> [k.text for k in match_keys(["ผลกระ ทบ", "Backup  and", "ท\u0e4d\u0e32งาน ๑"])]
    ['ผลกระทบ', 'backup and', 'ทำงาน1']
    >>> match_keys(["ก ข", "A B"])[1].offsets
    [0, 1, 2]
    """
    if not texts:
        return []
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != len(texts) - 1:  # a text holds the separator itself
        return [match_key(t) for t in texts]
    if "\x00" in joined:
        joined = joined.replace("\x00", " ")
    t = _translate(joined)
    keys = _drop(_LATIN_GAP.sub("\x00", t)).split(_SEPARATOR)
    new = tuple.__new__  # (Keyed(...) goes through a Python-level __new__: slower)
    return [new(Keyed, (k, _LazyOffsets(text, len(k), True)))
            for k, text in zip(keys, texts, strict=True)]


class _LazyOffsets(OffsetMap):
    """The offset map of a key, worked out on first use (only evidence snippets need it)."""

    __slots__ = ("_raw", "_t")

    def __init__(self, t: str, n: int, raw: bool = False) -> None:
        self._key: list[int] = []  # worked out on first use
        self._orig: list[int] = []
        self._n = n
        self._t: str | None = t
        self._raw = raw  # ``t`` is the original text, not yet translated

    @overload
    def __getitem__(self, i: int) -> int: ...
    @overload
    def __getitem__(self, i: slice) -> list[int]: ...

    def __getitem__(self, i: int | slice) -> int | list[int]:
        if self._t is not None:
            t = self._t
            if self._raw:
                t = _translate(t).replace("\x00", " ")
            self._key, self._orig = _runs(t)
            self._t = None
        return super().__getitem__(i)


def _runs(t: str) -> tuple[list[int], list[int]]:
    """Key start and original start of each kept run of ``t`` (already translated)."""
    kst: list[int] = []
    ost: list[int] = []
    last = ""
    n = pos = 0
    for m in _DROP.finditer(t):
        a, b = m.span()
        if a > pos:
            kst.append(n)
            ost.append(pos)
            n += a - pos
            last = t[a - 1]
        pos = b
        if t[a].isspace() and last and b < len(t) and is_ascii_alnum(last) and is_ascii_alnum(
                t[b]):
            kst.append(n)
            ost.append(a)
            n += 1
            last = " "
    if pos < len(t):
        kst.append(n)
        ost.append(pos)
    return kst, ost


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
