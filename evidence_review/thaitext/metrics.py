"""Measures of Thai text a reader would notice, shared by tests, the benchmark and the quality gate.

Counts are per 1,000 Thai characters so pages and documents of any length compare.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel

from evidence_review.thaitext.chars import MARKS

_WS = re.compile(r"\s+")
_THAI = re.compile("[\u0e00-\u0e7f]")
_THAI_RUNS = re.compile("[\u0e00-\u0e7f]+")
_THAI_TOKEN = re.compile("(?<=\x00)[\u0e01-\u0e4e]{2,}(?=\x00)")
_MARK_CLASS = "[" + MARKS + "]"
_DOUBLED = re.compile(f"({_MARK_CLASS}|\u0e33)\\1")
#: A mark that does not follow a Thai letter or another mark.
_ORPHAN = re.compile(f"(?<![\u0e01-\u0e4e]){_MARK_CLASS}")
_CID = re.compile(r"\(cid:\d+\)")
_PUA = re.compile("[\ue000-\uf8ff]")
#: Latin-1 letters (accented) standing among Thai: a legacy font mapped Thai glyphs to them.
_LATIN1_IN_THAI = re.compile(
    "(?<=[\u0e01-\u0e4e])[\u00c0-\u00ff]|[\u00c0-\u00ff](?=[\u0e01-\u0e4e])"
)
_LATIN1 = re.compile("[\u00c0-\u00ff]")


def _latin1_in_thai(text: str) -> int:
    """Latin-1 letters next to Thai; most pages have no Latin-1 letter at all, which one scan
    for the letter alone tells faster than the look-around pattern."""
    return len(_LATIN1_IN_THAI.findall(text)) if _LATIN1.search(text) else 0


#: Impossible orders: a vowel mark after a tone mark or after another vowel mark; a mark after
#: a following or leading vowel.
_VOWEL_MARK = "[\u0e31\u0e34-\u0e3a\u0e47]"
_BAD_ORDER = re.compile(f"[\u0e48-\u0e4c\u0e31\u0e34-\u0e3a\u0e47]{_VOWEL_MARK}"
                        f"|[\u0e30\u0e32\u0e40-\u0e44]{_MARK_CLASS}")


def thai_chars(text: str) -> int:
    """Number of Thai characters (U+0E00..U+0E7F).

    >>> thai_chars("ข้อมูล data")
    6
    """
    return sum(map(len, _THAI_RUNS.findall(text)))  # runs: one object per word, not per char


def _levenshtein(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def cer(hyp: str, ref: str) -> float:
    """Character error rate of ``hyp`` against ``ref``, whitespace ignored (edits / len(ref)).

    >>> cer("ทำ งาน", "ทำงาน"), round(cer("ทางาน", "ทำงาน"), 2)
    (0.0, 0.2)
    """
    h, r = _WS.sub("", hyp), _WS.sub("", ref)
    if not r:
        return 0.0 if not h else 1.0
    return _edit_distance(h, r) / len(r)


def _edit_distance(a: str, b: str) -> int:
    """Levenshtein distance by the bit-parallel algorithm of Myers/Hyyrö (Python big ints hold
    the whole column, so long texts cost n * m / 64 machine operations, not n * m).

    >>> _edit_distance("kitten", "sitting"), _edit_distance("", "abc"), _edit_distance("ab", "ab")
    (3, 3, 0)
    """
    m = len(a)
    if m == 0:
        return len(b)
    peq: dict[str, int] = {}
    for i, ch in enumerate(a):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    pv, mv, score = full, 0, m
    for ch in b:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
    return score


class TextMeasures(BaseModel):
    """Defects per 1,000 Thai characters, and the share of known words."""

    thai_chars: int
    doubled_marks: float
    replacement_chars: float
    orphan_marks: float
    pua: float
    latin1_in_thai: float
    bad_order: float
    cid: float
    known_word_share: float | None


def per_thousand(count: int, n: int) -> float:
    """``count`` per 1,000 of ``n`` (0 when ``n`` is 0).

    >>> per_thousand(3, 1500)
    2.0
    """
    return 1000.0 * count / n if n else 0.0


def known_word_share(text: str, engine: str = "newmm") -> float | None:
    """Share of Thai tokens longer than one character that are in pythainlp's word list.

    None when the text has no such token (nothing to judge).

    >>> known_word_share("ระบบฐานข้อมูลสารสนเทศ")
    1.0
    >>> known_word_share("hello") is None
    True
    """
    from evidence_review.thaitext.words import THAI_RUN, is_word, tokenize

    runs = THAI_RUN.findall(text)
    # nlpo3 is fastest on one string; newmm slows down on long strings, so it gets each run
    chunks = [" ".join(runs)] if engine == "nlpo3" else runs
    known = total = 0
    for chunk in chunks:
        for tok in tokenize(chunk, engine=engine):
            if len(tok) > 1 and not tok.isspace():
                total += 1
                known += is_word(tok)
    return known / total if total else None


def measure(text: str, engine: str = "newmm") -> TextMeasures:
    """All measures of ``text`` (the known-word share tokenizes with ``engine``).

    >>> m = measure("วิิสััย ที่่\\ufffd")
    >>> m.doubled_marks > 0, m.replacement_chars > 0
    (True, True)
    """
    n = thai_chars(text)
    return TextMeasures(
        thai_chars=n,
        doubled_marks=per_thousand(len(_DOUBLED.findall(text)), n),
        replacement_chars=per_thousand(text.count("\ufffd"), n),
        orphan_marks=per_thousand(len(_ORPHAN.findall(text)), n),
        pua=per_thousand(len(_PUA.findall(text)), n),
        latin1_in_thai=per_thousand(len(_LATIN1_IN_THAI.findall(text)), n),
        bad_order=per_thousand(len(_BAD_ORDER.findall(text)), n),
        cid=per_thousand(len(_CID.findall(text)), max(n, len(text))),
        known_word_share=known_word_share(text, engine) if n else None,
    )


def _token_share(tokens: Sequence[str]) -> float | None:
    """Known-word share of the all-Thai tokens longer than one character among ``tokens``.

    >>> _token_share(["ระบบ", " ", "ข้อมูล", "มูลข้อ", "PDF", "ก", "\\n"])
    0.6666666666666666
    >>> _token_share(["2550", " "]) is None
    True
    """
    from evidence_review.thaitext.words import thai_words

    # one regex pass over the tokens joined by NULs finds the all-Thai ones of 2+ chars
    thai = _THAI_TOKEN.findall("\x00" + "\x00".join(tokens) + "\x00")
    return sum(map(thai_words().__contains__, thai)) / len(thai) if thai else None


def quality(text: str, tokens: Sequence[str] | None = None) -> float | None:
    """How trustworthy a (repaired) text layer is, 0..1 (1 = clean Thai or clean non-Thai text).

    The known-word share (fast tokenizer) is lowered by defects a repair could not remove:
    orphan marks, PUA, ``(cid:N)`` garbage, Latin-1 letters among Thai, impossible mark
    orders, U+FFFD. None when the text has no letters at all (nothing to judge).

    ``tokens``: word tokens already made of (nearly) this text, e.g. :attr:`Tracked.tokens` of
    the repair that produced it (tokens of the text before its kept line breaks went back in).
    The share is then estimated from them instead of tokenizing again: a statistical
    estimate either way, within about 0.01 of the re-tokenized share on real pages.

    >>> quality("การสำรองข้อมูลและการกู้คืนระบบฐานข้อมูลสารสนเทศ") > 0.9
    True
    >>> quality("รวมทงสÊั Êนิ เชงปร ิ มาณิ ทีÉกฎหมายกาหนด ํ") < 0.6
    True
    >>> quality("(cid:12)(cid:48)(cid:7)") < 0.1
    True
    >>> quality("   ") is None
    True
    """
    if not any(c.isalpha() for c in text):
        return None if "(cid:" not in text else 0.0
    n_thai = thai_chars(text)
    cids = len(_CID.findall(text))
    if n_thai < 10:
        letters = sum(1 for c in text if c.isalpha())
        return max(0.0, 1.0 - 10.0 * cids * 5 / max(letters, 1)) if cids else 1.0
    defects = (
        len(_ORPHAN.findall(text)) + len(_PUA.findall(text)) + 3 * cids
        + 6 * _latin1_in_thai(text) + len(_BAD_ORDER.findall(text))
        + text.count("\ufffd")
    )
    from evidence_review.thaitext.words import FAST_ENGINE

    share = (_token_share(tokens) if tokens is not None
             else known_word_share(text, engine=FAST_ENGINE))
    base = 1.0 if share is None else min(1.0, share / 0.9)
    return round(max(0.0, base * (1.0 - min(1.0, 15.0 * defects / n_thai))), 3)
