"""Official sub-issue titles restated in a document: as a heading, as a list, inside a line."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from rapidfuzz.distance.LCSseq import similarity as lcs_length

from evidence_review.classifiers.matcher import Hit, TermKind
from evidence_review.classifiers.numbering import strip_number
from evidence_review.classifiers.units import _KEY, Section, Unit

#: Sub-issues a heading key or phrase names (:attr:`CompiledRubric.word_sids`).
WordsOf = dict[str, tuple[str, ...]]
#: Whether a hit stands checked (:func:`~classifiers.matcher.verifier`).
Verified = Callable[[Hit], bool]

#: A line is (part of) an official title when this share of its characters stand in it.
TITLE_LINE = 0.85
#: Term kinds that name a sub-issue (for lists and labelled lines).
NAMING = frozenset({TermKind.PHRASE, TermKind.HEADING, TermKind.CONCEPT})
#: A title-like line must be at least this similar to an official title (difflib ratio).
TITLE_RATIO = 0.75
#: A common run this long with an official title means the title is restated.
TITLE_RUN = 25


_MATCHERS: dict[str, difflib.SequenceMatcher] = {}


def _matcher(tkey: str) -> difflib.SequenceMatcher:
    """A SequenceMatcher with the title as its second sequence (indexed once, reused)."""
    sm = _MATCHERS.get(tkey)
    if sm is None:
        sm = difflib.SequenceMatcher(None, autojunk=False)
        sm.set_seq2(tkey)
        _MATCHERS[tkey] = sm
    return sm


def title_match(unit: Unit, titles: dict[str, str], verified: Verified,
                words_of: WordsOf) -> str | None:
    """The sub-issue whose official title this unit restates (only titles of sub-issues whose
    words occur in the unit are compared)."""
    body = strip_number(unit.key.text)
    if len(body) < 8:
        return None
    best, best_ratio = None, 0.0
    # the sub-issues the unit's words name: first unchecked (cheap, a superset), checked
    # (word_sids: checking a word may tokenize its Thai run) only where a title could match
    named = None
    candidates = None
    n = len(body)
    for sid, tkey in titles.items():
        if n > 1.4 * len(tkey) + 10:
            continue
        if named is None:
            if unit.word_sids is not None:  # checked already
                named = candidates = word_sids(unit, verified, words_of)
            else:
                named = {s for k in map(_KEY, unit.hits) for s in words_of.get(k, ())}
        if sid not in named:
            continue
        if body in tkey and len(body) >= 0.5 * len(tkey):
            if candidates is None:
                candidates = word_sids(unit, verified, words_of)
            if sid in candidates:
                return sid
            continue
        if 2 * min(len(body), len(tkey)) / (len(body) + len(tkey)) < TITLE_RATIO:
            continue
        # an upper bound of difflib's ratio: difflib's matching blocks are one common
        # subsequence, so they are never longer than the longest one (rapidfuzz, in C)
        bound = 2.0 * lcs_length(body, tkey) / (len(body) + len(tkey))
        if bound < TITLE_RATIO or bound <= best_ratio:  # cannot reach the threshold or win
            continue
        if candidates is None:
            candidates = word_sids(unit, verified, words_of)
        if sid not in candidates:
            continue
        sm = _matcher(tkey)
        sm.set_seq1(body)
        r = sm.ratio()
        if r > best_ratio:
            best, best_ratio = sid, r
    return best if best_ratio >= TITLE_RATIO else None


def word_sids(unit: Unit, verified: Verified, words_of: WordsOf) -> set[str]:
    """Sub-issues whose heading keys or phrases occur in the unit (worked out once);
    ``words_of`` is :attr:`CompiledRubric.word_sids`."""
    out = unit.word_sids
    if out is None:
        out = set()
        for h in unit.hits:
            got = words_of.get(h.key)
            # a hit adding no new sub-issue need not be checked (its check tokenizes)
            if got and not out.issuperset(got) and verified(h):
                out.update(got)
        unit.word_sids = out
    return out


def may_name(unit: Unit, words_of: WordsOf) -> bool:
    """The unit holds a heading key or phrase, unchecked (else :func:`word_sids` is empty)."""
    if unit.word_sids is not None:
        return True
    return any(map(words_of.__contains__, map(_KEY, unit.hits)))  # (C-level loops)


def anchor_sids(unit: Unit, anchors_of: dict[str, tuple[str, ...]]) -> set[str]:
    """Sub-issues whose anchor phrases occur in the unit (enough to map an unnumbered heading;
    heading keys alone are too broad: "ส่งเสริม" is in many agency names)."""
    return {sid for h in unit.hits for sid in anchors_of.get(h.key, ())}



def title_spans(text: str, titles: dict[str, str]) -> list[tuple[int, int]]:
    """Spans of ``text`` that restate an official title: a run of at least ``TITLE_RUN``
    characters (or 60% of a short title) in common, found by probing the title's chunks (every
    4th offset; the first chunk of a title that occurs, at its first occurrence).

    >>> from evidence_review.classifiers.text import key_of
    >>> titles = {"3.1": key_of("กระบวนการหรือระบบในการสำรองและกู้คืนข้อมูล")}
    >>> title_spans(key_of("มีระบบในการสำรองและกู้คืนข้อมูลทุกวัน"), titles)
    [(5, 30)]
    """
    chunks, needs, automaton = _title_chunks(tuple(titles.values()))
    best: dict[int, tuple[int, int]] = {}  # title -> (chunk offset, start in text)
    for end, chunk in automaton.iter(text):  # by end: a title's chunks are all one length,
        start = end - len(chunk) + 1  # so its first occurrence comes first
        for ti, i in chunks[chunk]:
            got = best.get(ti)
            if got is None or i < got[0]:
                best[ti] = (i, start)
    return [(pos, pos + needs[ti]) for ti, (_, pos) in sorted(best.items())]


def restated(text: str, titles: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Per sub-issue whose official title ``text`` restates (as :func:`title_spans`), the span.

    >>> from evidence_review.classifiers.text import key_of
    >>> titles = {"3.1": key_of("กระบวนการหรือระบบในการสำรองและกู้คืนข้อมูล")}
    >>> restated(key_of("มีระบบในการสำรองและกู้คืนข้อมูลทุกวัน"), titles)
    {'3.1': (0, 31)}
    """
    sids = list(titles)
    chunks, _, automaton = _title_chunks(tuple(titles.values()))
    best: dict[int, tuple[int, int]] = {}
    for end, chunk in automaton.iter(text):
        start = end - len(chunk) + 1
        for ti, i in chunks[chunk]:
            got = best.get(ti)
            if got is None or i < got[0]:
                best[ti] = (i, start)
    tkeys = list(titles.values())
    # the whole restated title: back to where its first probed chunk starts in the title, on
    # to the title's length (a restatement is rarely cut short inside a pasted description)
    return {sids[ti]: (max(0, pos - i), min(len(text), pos - i + len(tkeys[ti])))
            for ti, (i, pos) in sorted(best.items())}


#: A unit of a pasted description longer than this (key characters) holds more than the
#: description: only its restated titles are excluded, not the whole unit.
PASTED_UNIT = 400
#: Units without a restated title allowed inside a pasted run (an issue heading between).
PASTED_GAP = 1


def mark_pasted_runs(units: list[Unit], sections: list[Section], titles: dict[str, str],
                     need: int) -> None:
    """A run of consecutive units each restating an official sub-issue title (with or without
    its explanation, wrapped or numbered any way), naming at least ``need`` sub-issues in all,
    is the indicator's description pasted in: not counted."""
    found: dict[int, dict[str, tuple[int, int]]] = {}
    for u in units:
        if (u.hits and not u.toc and len(u.key.text) >= 20
                and (not u.heading or u.inline_body or u.title_sid)):
            got = restated(u.key.text, titles)
            if got:
                found[u.index] = got
    order = sorted(found)
    run: list[int] = []
    for i in [*order, None]:
        if i is not None and run and i - run[-1] <= PASTED_GAP + 1:
            run.append(i)
            continue
        if len({sid for j in run for sid in found[j]}) >= need:
            for j in run:
                u = units[j]
                if len(u.key.text) <= PASTED_UNIT:
                    u.overview = True
                else:
                    spans = found[j].values()
                    u.excluded.append((u.base + min(a for a, _ in spans),
                                       u.base + max(b for _, b in spans)))
                u.why = u.why or "pasted"
                if u.heading and u.section is not None and sections[u.section].heading == j:
                    sections[u.section].sid = None  # a restated title is no section of its own
                    u.sid = None
        run = [i] if i is not None else []


_Chunks = tuple[dict[str, list[tuple[int, int]]], list[int], Any]  # Any: ahocorasick.Automaton
_TITLE_CHUNKS: dict[tuple[str, ...], _Chunks] = {}


def _title_chunks(tkeys: tuple[str, ...]) -> _Chunks:
    """The chunks :func:`title_spans` probes, per chunk its (title, offset) pairs, each
    title's chunk length, and one Aho-Corasick automaton over the chunks (one pass over a text
    instead of a search per chunk)."""
    got = _TITLE_CHUNKS.get(tkeys)
    if got is None:
        import ahocorasick

        chunks: dict[str, list[tuple[int, int]]] = {}
        needs = [min(TITLE_RUN, int(0.6 * len(tkey))) for tkey in tkeys]
        for ti, (tkey, need) in enumerate(zip(tkeys, needs, strict=True)):
            for i in range(0, max(1, len(tkey) - need + 1), 4):
                chunks.setdefault(tkey[i:i + need], []).append((ti, i))
        automaton = ahocorasick.Automaton()
        for chunk in chunks:
            if chunk:
                automaton.add_word(chunk, chunk)
        automaton.make_automaton()
        got = _TITLE_CHUNKS[tkeys] = (chunks, needs, automaton)
    return got



def _title_like(u: Unit, titles: dict[str, str], longest: int) -> str | None:
    """The sub-issue whose official title this unit is (a part of): at least ``TITLE_LINE`` of
    its characters, number stripped, stand in that title in order (a wrapped half of a title
    line is one too)."""
    if u.toc or u.kind == "table":
        return None
    body = strip_number(u.key.text)
    n = len(body)
    if n < 6 or TITLE_LINE * n > longest:  # the common subsequence is no longer than a title
        return None
    best, cover = None, 0.0
    for sid, tkey in titles.items():
        if len(tkey) < TITLE_LINE * n:
            continue
        c = lcs_length(body, tkey) / n
        if c > cover:
            best, cover = sid, c
    return (u.title_sid or best) if cover >= TITLE_LINE else None


def mark_title_lists(units: list[Unit], sections: list[Section], titles: dict[str, str],
                      need: int) -> None:
    """Consecutive lines that each restate an official title ("(1) ระบบงาน/กระบวนงาน...",
    "(2) ...", one per line, often wrapped) are a list of the sub-issues, as an introduction
    quotes them: not headings and not coverage. Needs ``need`` lines naming as many sub-issues."""
    longest = max(len(t) for t in titles.values())
    n = len(units)
    like: dict[int, str | None] = {}

    def title_of(i: int) -> str | None:
        if i not in like:
            like[i] = _title_like(units[i], titles, longest)
        return like[i]

    # a run of ``need`` lines holds one of every ``need``-th unit: only those are tried first
    i = need - 1
    while i < n:
        if title_of(i) is None:
            i += need
            continue
        lo = hi = i
        while lo > 0 and title_of(lo - 1) is not None:
            lo -= 1
        while hi + 1 < n and title_of(hi + 1) is not None:
            hi += 1
        run = units[lo:hi + 1]
        if len(run) >= need and len({like[j] for j in range(lo, hi + 1)}) >= need:
            for v in run:
                v.overview = True
                v.why = v.why or "list"
                if v.heading and v.section is not None and sections[v.section].heading == v.index:
                    sections[v.section].sid = None
                    v.sid = None
        i = hi + 1 + need  # the next run starts after hi + 1, which is no title

