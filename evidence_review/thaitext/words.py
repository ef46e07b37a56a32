"""Dictionary access for repair and quality, loaded lazily (pythainlp's bundled word list, offline).

``PYTHAINLP_READ_ONLY=1`` is set unless the caller chose otherwise, so importing pythainlp never
creates a data directory in the user's home.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

#: Thai runs worth tokenizing (letters and marks, no digits or punctuation).
THAI_RUN = re.compile("[\u0e01-\u0e4e]+")
#: The fast engine for per-page work; newmm is the reference engine for measures.
FAST_ENGINE = "nlpo3"


@lru_cache(maxsize=1)
def thai_words() -> frozenset[str]:
    """pythainlp's default word list (about 62,000 words)."""
    from pythainlp.corpus import thai_words as _words

    return frozenset(_words())


def tokenize(text: str, engine: str = FAST_ENGINE) -> list[str]:
    """Split Thai text into words with pythainlp (``nlpo3`` by default, ``newmm`` for measures).

    >>> tokenize("ผลกระทบของระบบ")
    ['ผลกระทบ', 'ของ', 'ระบบ']
    """
    if not text:
        return []
    if engine == "nlpo3":  # straight to nlpo3 with pythainlp's default dictionary
        from pythainlp.tokenize.nlpo3 import segment

        return [t for t in segment(text) if not t.isspace()]
    from pythainlp.tokenize import word_tokenize

    return word_tokenize(text, engine=engine, keep_whitespace=False)


def segment_all(text: str) -> list[str]:
    """Every token, whitespace included, so the tokens put together give ``text`` back.

    >>> segment_all("ระบบ ข้อมูลใหม่")
    ['ระบบ', ' ', 'ข้อมูล', 'ใหม่']
    """
    if not text:
        return []
    from pythainlp.tokenize.nlpo3 import segment

    return list(segment(text))


def is_word(token: str) -> bool:
    """True when ``token`` is in the dictionary.

    >>> is_word("ข้อมูล"), is_word("มูลข้อ")
    (True, False)
    """
    return token in thai_words()


def _known_share(text: str) -> int:
    """Characters of ``text`` inside dictionary words of two or more characters."""
    return sum(len(tok) for tok in tokenize(text) if len(tok) > 1 and is_word(tok))


@lru_cache(maxsize=16384)
def lost_nikhahit(left: str, right: str) -> bool:
    """Whether ``left`` + "า" + ``right`` (a space stood before the า) reads better as ``ำ``.

    Word PDFs lose the nikhahit of ำ ("ท างาน" for ทำงาน); justified LibreOffice lines space
    out clusters ("หน้ าที่" for หน้าที่). The reading whose Thai is more dictionary words wins;
    on a tie the lost nikhahit, the more common defect, does.

    >>> lost_nikhahit("การท", "งาน"), lost_nikhahit("เจ้าหน้", "ที่"), lost_nikhahit("บ", "รุง")
    (True, False, True)
    """
    with_am = _known_share(left + "\u0e33" + right)
    with_aa = _known_share(left + "\u0e32" + right)
    return with_am >= with_aa
