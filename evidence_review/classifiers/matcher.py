"""Phrase matching: every rubric term found in a text at Thai/English word boundaries.

One Aho-Corasick automaton (pyahocorasick) holds the keys (:mod:`classifiers.text`) of every
term the classifier looks for: sub-issue phrases, words in another sense, concept words, the
words ambiguity rules require, heading keys and improvement phrases. A candidate match counts
only where it starts and ends at a word boundary:

* Latin/digit ends: the neighbouring character is not a Latin letter or digit;
* Thai ends: a boundary of the Thai tokenizer (with the rubric's phrases in its dictionary),
  or inside a token that is itself a rubric phrase (a longer phrase holds a shorter one).

A second automaton over *skeletons* (tone marks and above/below vowels dropped) finds long Thai
phrases in damaged text; those hits are flagged ``fallback`` and count for less.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from evidence_review.classifiers.text import SKELETON_DROP, is_thai, key_of, skeleton
from evidence_review.classifiers.tokenize import boundaries, segmenter
from evidence_review.rubric.model import PhraseKind, Rubric

_THAI_RUN = re.compile("[\u0e01-\u0e4f\u0e5a\u0e5b]+")
#: Terms other than phrases go into the tokenizer's dictionary up to this length.
DICTIONARY_WORD = 10
#: Thai characters that can start a syllable: consonants and the leading vowels เ แ โ ใ ไ.
SYLLABLE_START = frozenset(chr(c) for c in (*range(0x0E01, 0x0E2F), *range(0x0E40, 0x0E45)))
#: ASCII letters and digits (:func:`~classifiers.text.is_ascii_alnum` as a set).
_ASCII_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
#: Prefixes that make a noun of a verb (การ|อบรม, ความ|ปลอดภัย): a lenient match may start
#: right after them even when the tokenizer keeps the whole noun as one word.
_NOMINAL = ("การ", "ความ")
#: A skeleton must be at least this long for the fallback to try it (short ones are too loose).
MIN_SKELETON = 6


class TermKind(StrEnum):
    PHRASE = "phrase"  # a sub-issue phrase (anchor or support)
    NOT = "not"  # a word in another sense (not evidence for its sub-issue)
    CONCEPT = "concept"  # a member of a concept group
    REQUIRE = "require"  # a word an ambiguity rule requires nearby
    HEADING = "heading"  # a heading key of a sub-issue
    IMPROVE = "improve"  # a "beyond FY 2549" phrase
    IMPROVE_CONCEPT = "improve_concept"


#: Term kinds matched with a lenient Thai end (see :meth:`BoundaryChecker.ok`).
_LENIENT = frozenset({TermKind.CONCEPT, TermKind.IMPROVE_CONCEPT})


@dataclass(frozen=True)
class Term:
    kind: TermKind
    text: str  # as written in the rubric
    subissue: str = ""
    anchor: bool = False
    weight: float = 1.0
    gated: bool = False  # PHRASE: an ambiguity rule requires company for this sub-issue
    concept: int = -1  # CONCEPT: index in the sub-issue's (or improvement) concepts
    group: int = -1  # CONCEPT: group index
    not_key: str = ""  # CONCEPT: key of the concept's own words in another sense ("1.1#0")


class Hit(NamedTuple):
    """One match of a rubric term (a named tuple: a long document has tens of thousands)."""

    start: int  # in the key text
    end: int
    key: str
    terms: tuple[Term, ...]
    fallback: bool = False
    unchecked: bool = False  # not a phrase: boundaries checked on use (HitList.verified)


class HitList(list):
    """The hits of one text. Words that are not phrases (concept, heading and context words)
    are common ("ระบบ", "บริการ") and rarely decide anything, so their word boundaries are
    checked when they are used (:meth:`verified`), not for every occurrence."""

    def __init__(self, checker: BoundaryChecker) -> None:
        super().__init__()
        self.checker = checker
        self._seen: dict[tuple[int, int], bool] = {}

    def verified(self, h: Hit) -> bool:
        if not h.unchecked:
            return True
        got = self._seen.get((h.start, h.end))
        if got is None:
            got = self._seen[(h.start, h.end)] = self.checker.ok(h.start, h.end, True)
        return got


def verifier(hits: list[Hit]):
    """``hits``' boundary check on use (every hit counts when ``hits`` is a plain list)."""
    return hits.verified if isinstance(hits, HitList) else (lambda h: True)


@dataclass
class CompiledRubric:
    """The rubric's terms compiled for matching (built once per rubric)."""

    rubric: Rubric
    terms: dict[str, list[Term]] = field(default_factory=dict)
    #: ambiguity: (phrase key, sub-issue) -> keys of the required words
    requires: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    #: Thai phrase keys that may hold a shorter phrase inside one token
    inner_ok: set[str] = field(default_factory=set)
    #: Thai words added to the tokenizer's dictionary; a match may also lie inside one of
    #: these tokens (a longer rubric word holds a shorter one: ทาง|อีเมล)
    dictionary: frozenset[str] = frozenset()
    automaton: Any = None  # an ahocorasick.Automaton (the library has no type information)
    skeleton_automaton: Any = None
    skeleton_terms: dict[str, str] = field(default_factory=dict)  # skeleton -> key
    #: per key: (terms, boundary-free (only words in another sense), lenient end,
    #: checked on use (no phrase: concept, heading and context words))
    lookup: dict[str, tuple[tuple[Term, ...], bool, bool, bool]] = field(default_factory=dict)
    #: key -> sub-issues it is a phrase or concept word of (company for support phrases)
    company_of: dict[str, set[str]] = field(default_factory=dict)
    #: key -> its phrase terms / its concept terms (only keys that have some)
    phrase_terms: dict[str, tuple[Term, ...]] = field(default_factory=dict)
    concept_terms: dict[str, tuple[Term, ...]] = field(default_factory=dict)
    #: key -> sub-issues it is a heading key or phrase of (headings map by these words)
    word_sids: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: key -> sub-issues it is a phrase of / an anchor phrase of
    phrase_sids: dict[str, tuple[str, ...]] = field(default_factory=dict)
    anchor_sids: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: keys of the words some ambiguity rule requires
    required_keys: frozenset[str] = frozenset()
    #: key -> its words-in-another-sense lists ("3.1", or "1.1#0" for one concept)
    not_keys: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def add(self, text: str, term: Term) -> str:
        k = key_of(text)
        if k:
            self.terms.setdefault(k, []).append(term)
        return k


def compile_rubric(rubric: Rubric) -> CompiledRubric:
    """Build the automata for ``rubric``."""
    import ahocorasick

    c = CompiledRubric(rubric=rubric)
    gated = {(key_of(a.phrase), a.subissue) for a in rubric.ambiguity if a.requires}
    for s in rubric.subissues:
        listed = set()
        for p in s.phrases:
            k = key_of(p.text)
            listed.add(k)
            c.add(p.text, Term(TermKind.PHRASE, p.text, s.id, p.kind is PhraseKind.ANCHOR,
                               p.weight, (k, s.id) in gated))
        for a in rubric.ambiguity:
            k = key_of(a.phrase)
            if a.subissue == s.id and k not in listed:
                listed.add(k)
                c.add(a.phrase, Term(TermKind.PHRASE, a.phrase, s.id, False, 1.0,
                                     (k, s.id) in gated))
        for w in s.not_evidence:
            c.add(w, Term(TermKind.NOT, w, s.id))
        for w in s.heading_keys:
            c.add(w, Term(TermKind.HEADING, w, s.id))
        for ci, concept in enumerate(s.concepts):
            for gi, group in enumerate(concept.groups):
                for w in group:
                    c.add(w, Term(TermKind.CONCEPT, w, s.id, weight=concept.weight,
                                  concept=ci, group=gi, not_key=f"{s.id}#{ci}"))
            for w in concept.not_evidence:
                c.add(w, Term(TermKind.NOT, w, s.id, concept=ci))
    for a in rubric.ambiguity:
        keys = {c.add(w, Term(TermKind.REQUIRE, w, a.subissue)) for w in a.requires}
        c.requires.setdefault((key_of(a.phrase), a.subissue), set()).update(keys)
    for w in rubric.improvement_phrases:
        c.add(w, Term(TermKind.IMPROVE, w))
    for ci, concept in enumerate(rubric.improvement_concepts):
        for gi, group in enumerate(concept.groups):
            for w in group:
                c.add(w, Term(TermKind.IMPROVE_CONCEPT, w, weight=concept.weight,
                              concept=ci, group=gi))
    c.inner_ok = {k for k, ts in c.terms.items()
                  if any(t.kind in (TermKind.PHRASE, TermKind.IMPROVE) for t in ts)}
    # phrases, and the short Thai words among the other terms, go into the tokenizer's
    # dictionary so that the default dictionary does not split them (ติดตามตัว|ชี้|วัด);
    # longer word groups would pull real boundaries into them
    c.dictionary = frozenset(c.inner_ok | {
        k for k, ts in c.terms.items()
        if len(k) <= DICTIONARY_WORD and all(is_thai(ch) for ch in k)
        and not all(t.kind is TermKind.NOT for t in ts)})

    for k, ts in c.terms.items():
        c.lookup[k] = (tuple(ts), all(t.kind is TermKind.NOT for t in ts),
                       all(t.kind in _LENIENT for t in ts),
                       not any(t.kind in (TermKind.PHRASE, TermKind.IMPROVE) for t in ts)
                       and not all(t.kind is TermKind.NOT for t in ts))
        for t in ts:
            if t.kind in (TermKind.PHRASE, TermKind.CONCEPT):
                c.company_of.setdefault(k, set()).add(t.subissue)
        phrases = tuple(t for t in ts if t.kind is TermKind.PHRASE)
        concepts = tuple(t for t in ts if t.kind is TermKind.CONCEPT)
        if phrases:
            c.phrase_terms[k] = phrases
        if concepts:
            c.concept_terms[k] = concepts
        words = tuple(dict.fromkeys(t.subissue for t in ts if t.subissue and t.kind in (
            TermKind.HEADING, TermKind.PHRASE)))
        if words:
            c.word_sids[k] = words
        named = tuple(dict.fromkeys(t.subissue for t in phrases if t.subissue))
        if named:
            c.phrase_sids[k] = named
        anchors = tuple(dict.fromkeys(t.subissue for t in phrases if t.anchor))
        if anchors:
            c.anchor_sids[k] = anchors
        nots = tuple(t.subissue if t.concept < 0 else f"{t.subissue}#{t.concept}"
                     for t in ts if t.kind is TermKind.NOT)
        if nots:
            c.not_keys[k] = nots
    c.required_keys = frozenset(k for ks in c.requires.values() for k in ks)
    automaton = ahocorasick.Automaton()
    for k in c.terms:  # each key carries what find_hits needs (no lookup per match)
        automaton.add_word(k, (k, len(k), *c.lookup[k]))
    automaton.make_automaton()
    c.automaton = automaton

    sk = ahocorasick.Automaton()
    for k, ts in c.terms.items():
        if not any(t.kind in (TermKind.PHRASE, TermKind.IMPROVE) for t in ts):
            continue
        if not all(is_thai(ch) for ch in k):
            continue
        s_key = skeleton(k).text
        if len(s_key) >= MIN_SKELETON and s_key not in c.skeleton_terms:
            c.skeleton_terms[s_key] = k
            sk.add_word(s_key, s_key)
    if c.skeleton_terms:
        sk.make_automaton()
        c.skeleton_automaton = sk
    return c


_COMPILED: dict[int, CompiledRubric] = {}


def compiled(rubric: Rubric) -> CompiledRubric:
    """The compiled form of ``rubric``, cached for the life of the rubric object."""
    c = _COMPILED.get(id(rubric))
    if c is None or c.rubric is not rubric:
        c = compile_rubric(rubric)
        _COMPILED[id(rubric)] = c
    return c


class BoundaryChecker:
    """Word-boundary tests on one key text, tokenizing each Thai run at most once."""

    def __init__(self, text: str, inner_ok: AbstractSet[str], words: Iterable[str]) -> None:
        self.text = text
        self.inner_ok = inner_ok
        self._segment = segmenter(words)
        self._runs: dict[int, tuple[list[int], list[str]]] = {}
        spans = [m.span() for m in _THAI_RUN.finditer(text)]
        self._starts = [a for a, _ in spans]
        self._ends = [b for _, b in spans]

    def _tokens(self, a: int, b: int) -> tuple[list[int], list[str]]:
        got = self._runs.get(a)
        if got is None:
            toks = self._segment(self.text[a:b])
            got = (boundaries(toks, a), toks)
            self._runs[a] = got
        return got

    def _thai_ok(self, pos: int, inside: int) -> bool:
        """``pos`` (a start or end offset) is a boundary; ``inside`` is a character index of
        the match next to ``pos`` (used to find the Thai run)."""
        j = bisect.bisect_right(self._starts, inside) - 1  # the Thai run holding ``inside``
        a, b = self._starts[j], self._ends[j]
        if pos in (a, b):
            return True
        got = self._runs.get(a)  # (_tokens, inline: this runs for every Thai-inside check)
        if got is None:
            got = self._tokens(a, b)
        bounds, toks = got
        j = bisect.bisect_left(bounds, pos)
        if j < len(bounds) and bounds[j] == pos:
            return True
        token = toks[j - 1] if 0 < j <= len(toks) else ""
        return token in self.inner_ok

    def ok(self, start: int, end: int, lenient_end: bool = False) -> bool:
        """``text[start:end]`` starts and ends at word boundaries. With ``lenient_end`` (concept
        words) a Thai end needs only to end a syllable (the next character starts one), so
        ย้ายเครื่อง may end inside the tokenizer's longer word (ย้าย|เครื่องแม่ข่าย), and a
        start right after การ/ความ is a boundary (ผู้ผ่าน|การอบรม)."""
        t = self.text
        first, last = t[start], t[end - 1]
        # (is_ascii_alnum and is_thai inlined: this runs for every phrase candidate)
        if first in _ASCII_ALNUM:
            if start > 0 and t[start - 1] in _ASCII_ALNUM:
                return False
        elif ("\u0e00" <= first <= "\u0e7f" and start > 0  # noqa: SIM102
              and "\u0e00" <= t[start - 1] <= "\u0e7f"):
            if not (lenient_end and t.endswith(_NOMINAL, max(0, start - 4), start)
                    ) and not self._thai_ok(start, start):
                return False
        if last in _ASCII_ALNUM:
            if end < len(t) and t[end] in _ASCII_ALNUM:
                return False
        elif ("\u0e00" <= last <= "\u0e7f" and end < len(t)  # noqa: SIM102
              and "\u0e00" <= t[end] <= "\u0e7f"):
            if not (lenient_end and t[end] in SYLLABLE_START) and not self._thai_ok(end, end - 1):
                return False
        return True


_START = operator.itemgetter(0)
_END = operator.itemgetter(1)


def find_hits(text: str, comp: CompiledRubric,
              fallback: bool | list[tuple[int, int]] = True) -> HitList:
    """All rubric terms in the key text ``text`` at word boundaries, sorted by position
    (concept-only words are checked on use: :meth:`HitList.verified`).

    Skeleton (fallback) hits are added only where no exact hit of the same term starts, and
    only inside ``fallback`` spans when a list of (start, end) spans is given (pages whose text
    is damaged); ``True`` means the whole text, ``False`` none.
    """
    checker = BoundaryChecker(text, comp.dictionary, comp.dictionary)
    hits = HitList(checker)
    new = tuple.__new__
    append = hits.append
    ok = checker.ok
    for end_idx, (k, n, terms, boundary_free, lenient, later) in comp.automaton.iter(text):
        end = end_idx + 1
        if later:
            append(new(Hit, (end - n, end, k, terms, False, True)))
        else:
            start = end - n
            if boundary_free or ok(start, end, lenient):
                append(new(Hit, (start, end, k, terms, False, False)))
    spans = [(0, len(text))] if fallback is True else (fallback or [])
    # where an exact hit of a term starts (worked out only when the fallback runs)
    exact_starts = ({(h[0], h[2]) for h in hits if not h[5]}
                    if spans and comp.skeleton_automaton is not None else set())
    for lo, hi in spans if comp.skeleton_automaton is not None else []:
        sk = skeleton(text[lo:hi])
        if sk.text == text[lo:hi]:
            continue
        for end_idx, s_key in comp.skeleton_automaton.iter(sk.text):
            s_start = end_idx - len(s_key) + 1
            start = lo + sk.offsets[s_start]
            end = lo + sk.offsets[end_idx] + 1
            while end < len(text) and text[end] in SKELETON_DROP:
                end += 1
            k = comp.skeleton_terms[s_key]
            if (start, k) in exact_starts or text[start:end] == k:
                continue
            if checker.ok(start, end):
                hits.append(Hit(start, end, k, tuple(comp.terms[k]), fallback=True))
    # by start, longest first (two stable sorts with C keys: the order of sorted(key=_ORDER))
    hits.sort(key=_END, reverse=True)
    hits.sort(key=_START)
    return hits
