"""Thai word boundaries with the rubric's phrases in the dictionary, so they stay whole.

Engines, chosen by name: ``nlpo3`` (default: Rust newmm, 9-12 MB/s; its dictionary is loaded
from a file by :func:`evidence_review.thaitext.words.load_dictionary`, because
``word_tokenize(engine="nlpo3", custom_dict=...)`` silently ignores a custom dictionary; for the
bundled rubric it is the process's one Thai dictionary, the one repair and quality use) and
``newmm`` (pythainlp's Python newmm with a ``dict_trie``; slower, used when nlpo3 is missing).
Both are imported lazily.

Only runs of Thai text that contain a candidate match are tokenized (see
:mod:`classifiers.matcher`), which keeps classification fast on long documents.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable
from itertools import accumulate

log = logging.getLogger(__name__)

ENGINES = ("nlpo3", "newmm")
DEFAULT_ENGINE = "nlpo3"

Segmenter = Callable[[str], list[str]]
_SEGMENTERS: dict[tuple[str, str], Segmenter] = {}


def _nlpo3_segmenter(extra: list[str], digest: str) -> Segmenter:
    import nlpo3

    from evidence_review.thaitext.words import load_dictionary

    name = load_dictionary(extra)

    def segment(text: str) -> list[str]:
        return nlpo3.segment(text, name)

    return segment


def _newmm_segmenter(extra: list[str], digest: str) -> Segmenter:
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import dict_trie

    trie = dict_trie(set(thai_words()) | set(extra))

    def segment(text: str) -> list[str]:
        return word_tokenize(text, engine="newmm", custom_dict=trie, keep_whitespace=True)

    return segment


def segmenter(extra_words: Iterable[str], engine: str = DEFAULT_ENGINE) -> Segmenter:
    """A function text -> tokens whose dictionary holds pythainlp's words plus ``extra_words``.

    Falls back from nlpo3 to newmm when nlpo3 is not installed.

    >>> seg = segmenter(["สำรองข้อมูล"])
    >>> seg("ระบบสำรองข้อมูล")
    ['ระบบ', 'สำรองข้อมูล']
    """
    if engine not in ENGINES:
        raise ValueError(f"unknown tokenizer engine {engine!r}; known: {', '.join(ENGINES)}")
    extra = sorted({w for w in extra_words if w})
    digest = hashlib.sha256("\n".join(extra).encode("utf-8")).hexdigest()[:16]
    cached = _SEGMENTERS.get((engine, digest))
    if cached is not None:
        return cached
    if engine == "nlpo3":
        try:
            seg = _nlpo3_segmenter(extra, digest)
        except ImportError:
            log.warning("nlpo3 not installed: using pythainlp newmm (slower)")
            seg = _newmm_segmenter(extra, digest)
    else:
        seg = _newmm_segmenter(extra, digest)
    _SEGMENTERS[(engine, digest)] = seg
    return seg


def boundaries(tokens: list[str], start: int = 0) -> list[int]:
    """Token start offsets plus the end offset, from ``start``.

    >>> boundaries(["ระบบ", "งาน"])
    [0, 4, 7]
    """
    return list(accumulate(map(len, tokens), initial=start))
