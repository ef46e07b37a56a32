"""Which hits of a document count, gathered once for phrases, company and concepts: hits in a
table of contents, an overview list, an empty heading, an order, a pasted description or a
placeholder do not (the reason notes why on their sub-issue)."""

from __future__ import annotations

from dataclasses import dataclass, field

from evidence_review.classifiers.evidence import Score
from evidence_review.classifiers.matcher import CompiledRubric, Hit, TermKind
from evidence_review.classifiers.units import Structure, Unit

#: A hit and the unit holding it; a (start, hit, unit) entry of a concept group, by start.
Placed = tuple[Hit, Unit]
Entry = tuple[int, Hit, Unit]


def counted_unit(u: Unit, struct: Structure) -> bool:
    """Hits in this unit can be evidence (not TOC, not overview, not an empty heading)."""
    if u.toc or u.overview:
        return False
    if u.heading and not u.inline_body:
        sec = struct.sections[u.section] if u.section is not None else None
        return bool(sec and sec.substantive)
    if u.section is not None:
        sec = struct.sections[u.section]
        if sec.placeholder and struct.units[sec.heading].sid:
            return False
    return True


def _placed(hits: list[Hit], struct: Structure, other_sense: set[int]):
    """(index of its first hit, unit, counted, its hits) for every unit holding hits, in
    order (the units hold their hits already: :func:`~classifiers.structure.analyse`)."""
    i = 0
    for u in struct.units:
        if u.hits:
            yield i, u, counted_unit(u, struct) and u.index not in other_sense, u.hits
            i += len(u.hits)
    assert i == len(hits), "analyse() places every hit in a unit"


@dataclass
class Counted:
    """The counted hits of one document, gathered once for phrases, company and concepts."""

    starts_by_key: dict[str, tuple[list[int], list[Hit]]] = field(default_factory=dict)
    usable: list[Placed] = field(default_factory=list)  # phrase and concept words
    phrase_usable: list[Placed] = field(default_factory=list)  # the phrases among them
    concept_hits: dict[tuple[str, int], list[list[Entry]]] = field(default_factory=dict)
    company: dict[str, tuple[list[int], list[Hit]]] = field(default_factory=dict)


def gather(hits: list[Hit], struct: Structure, comp: CompiledRubric, other_sense: set[int],
            inside: set[int], scores: dict[str, Score]) -> Counted:
    """Every counted hit by what it can be used for; phrases named only in a table of contents
    are noted on their sub-issue (for the reason)."""
    got = Counted()
    concept_terms = comp.concept_terms
    required = comp.required_keys
    company_of = comp.company_of
    phrase_terms = comp.phrase_terms
    group_lists: dict[str, list[list[Entry]]] = {}  # key -> its group lists
    for first, u, ok, unit_hits in _placed(hits, struct, other_sense):
        if not ok:
            _note(unit_hits, phrase_terms, scores, "toc" if u.toc else u.why)
            continue
        excluded = u.excluded  # (a counted unit is never a table of contents)
        for i, h in enumerate(unit_hits, first):
            if i in inside:
                continue
            if excluded and any(a <= h.start < b for a, b in excluded):
                _note((h,), phrase_terms, scores, u.why)
                continue
            k = h.key
            if k in company_of:
                got.usable.append((h, u))
                if k in phrase_terms:
                    got.phrase_usable.append((h, u))
            if k in required:
                by_key = got.starts_by_key.get(k)
                if by_key is None:
                    by_key = got.starts_by_key[k] = ([], [])
                by_key[0].append(h.start)
                by_key[1].append(h)
            if k in concept_terms:
                lists = group_lists.get(k)
                if lists is None:
                    lists = group_lists[k] = _group_lists(k, comp, got.concept_hits)
                # words in another sense are checked only where a concept is looked for
                # (concept_instances): most concept words are never looked at
                entry = (h.start, h, u)
                for lst in lists:
                    lst.append(entry)
    # counted phrase and concept words per sub-issue, by start (company for support phrases)
    for h, _u in got.usable:
        for sid in company_of[h.key]:
            pos_hits = got.company.get(sid)
            if pos_hits is None:
                pos_hits = got.company[sid] = ([], [])
            pos_hits[0].append(h.start)
            pos_hits[1].append(h)
    return got


def _note(unit_hits, phrase_terms: dict, scores: dict[str, Score], why: str | None) -> None:
    """Note on each sub-issue a phrase of it names why that phrase was not counted (a table
    of contents, a list of the sub-issues, an order, a pasted description, a placeholder)."""
    if why is None:
        return
    for h in unit_hits:
        if h.key in phrase_terms:
            for t in h.terms:
                if t.kind is TermKind.PHRASE:
                    scores[t.subissue].not_counted.add(why)


def _group_lists(key: str, comp: CompiledRubric,
                 concept_hits: dict[tuple[str, int], list[list[Entry]]]
                 ) -> list[list[Entry]]:
    """The concept group lists a word of ``key`` goes into (made on first use)."""
    lists = []
    for t in comp.concept_terms[key]:
        ck = (t.subissue, t.concept)
        grp = concept_hits.get(ck)
        if grp is None:
            n = len(comp.rubric.subissue(t.subissue).concepts[t.concept].groups)
            grp = concept_hits[ck] = [[] for _ in range(n)]
        lists.append(grp[t.group])
    return lists
