"""Words in another sense of a sub-issue's topic (สำรองที่นั่ง, สิทธิประโยชน์, อบรมภาษาอังกฤษ),
and phrase hits inside longer ones: what cancels a hit before it is counted."""

from __future__ import annotations

import bisect
import operator
from itertools import compress

from evidence_review.classifiers.matcher import Hit, TermKind
from evidence_review.classifiers.units import Structure

_KEY = operator.itemgetter(2)  # a Hit's key

#: A word in another sense this close after a phrase (e.g. อบรม|หลักสูตร|ภาษาอังกฤษ) cancels it.
NOT_EVIDENCE_GAP = 12


class NotHits(dict):
    """Hits of words in another sense per key ("3.1", or "1.1#0" for one concept), sorted by
    start, with their starts for binary search."""

    def __init__(self, hits: list[Hit], not_keys: dict[str, tuple[str, ...]]) -> None:
        """``not_keys`` is :attr:`CompiledRubric.not_keys`: per key, the sub-issues (and
        concepts) it is a word in another sense of."""
        super().__init__()
        self.longest = 0
        for h in compress(hits, map(not_keys.__contains__, map(_KEY, hits))):
            ks = not_keys[h.key]
            if ks:
                for k in ks:
                    self.setdefault(k, []).append(h)
                self.longest = max(self.longest, h.end - h.start)
        self.starts = {k: [n.start for n in v] for k, v in self.items()}


def suppressed(h: Hit, not_hits: NotHits, sid: str) -> bool:
    """``h`` overlaps a word in another sense of ``sid``, or one starts just after it."""
    starts = not_hits.starts.get(sid)
    if not starts:
        return False
    ns = not_hits[sid]
    j = bisect.bisect_left(starts, h.start - not_hits.longest)
    hi = h.end + NOT_EVIDENCE_GAP
    while j < len(ns) and ns[j].start <= hi:
        n = ns[j]
        if (n.start < h.end and h.start < n.end) or (n.start >= h.end and n.start > h.start):
            return True
        j += 1
    return False


def contained(hits: list[Hit], phrase_keys: dict) -> set[int]:
    """Indexes of phrase hits strictly inside a longer phrase hit (the longer one wins).

    ``hits`` are sorted by start, longest first at equal starts; ``phrase_keys`` holds the keys
    that are phrases (:attr:`CompiledRubric.phrase_terms`).
    """
    out: set[int] = set()
    open_: list[Hit] = []  # phrase hits that may still contain later ones
    # the phrase hits' indexes, picked in C
    indexes = compress(range(len(hits)), map(phrase_keys.__contains__, map(_KEY, hits)))
    for i in indexes:
        h = hits[i]
        open_ = [g for g in open_ if g.end > h.start]
        if any(g.start <= h.start and h.end <= g.end and g.end - g.start > h.end - h.start
               for g in open_):
            out.add(i)
        open_.append(h)
    return out



def _any_in_units(starts: list[int], indexes: set[int], bases: list[int]) -> bool:
    """One of the sorted offsets ``starts`` lies in one of the units ``indexes`` (unit ``i``
    holds the offsets from ``bases[i]`` to the next unit's base).

    >>> _any_in_units([3, 40], {1}, [0, 10, 20]), _any_in_units([3, 40], {2}, [0, 10, 20])
    (False, True)
    """
    n = len(bases)
    for i in indexes:
        j = bisect.bisect_left(starts, bases[i]) if i > 0 else 0
        if j < len(starts) and (i + 1 >= n or starts[j] < bases[i + 1]):
            return True
    return False


def other_sense_sections(struct: Structure, not_hits: NotHits,
                          verified=lambda h: True) -> set[int]:
    """Heading units of sub-issue sections whose body uses the topic's words only in another
    sense (a "3.5 training" section about an English course)."""
    out = set()
    for sec in struct.sections:
        sid = struct.units[sec.heading].sid
        if not sid or not not_hits.get(sid):
            continue
        body = set(sec.body) - {sec.heading}
        if not _any_in_units(not_hits.starts[sid], body, struct.bases):
            continue  # (the topic words need no check then: checking may tokenize)
        has_topic = any(
            t.subissue == sid and t.kind in (TermKind.PHRASE, TermKind.CONCEPT)
            and not suppressed(h, not_hits, sid) and verified(h)
            for i in body for h in struct.units[i].hits for t in h.terms)
        if not has_topic:
            out.add(sec.heading)
    return out



def usable_for(not_hits: NotHits, sid: str, not_key: str):
    """A test: a concept word is not cancelled by a word in another sense of ``sid`` or of its
    concept (``not_key``)."""
    keys = [k for k in (sid, not_key) if k in not_hits]
    if not keys:
        return lambda h: True
    return lambda h: not any(suppressed(h, not_hits, k) for k in keys)

