"""Proposals: for each sub-issue, covered or not, with a confidence and checkable evidence.

Evidence strength of a sub-issue in one document (``matching`` knobs in the rubric):

* a **section** mapped to it (numbered heading, official title, or heading words) whose body has
  substantive text: +1.5 (a heading whose section is empty or a placeholder adds nothing);
* a mapped row of a plan table whose "ประเด็น" column names it and whose other cells say
  something: +1.0;
* each distinct **anchor** phrase: +weight; each distinct **support** phrase with company (another
  phrase of the sub-issue, or a word its ambiguity rule requires, within ``near_chars``):
  +``support_factor`` x weight; repeated mentions: up to +0.5;
* a **concept** (e.g. a flood near "servers moved"): +weight;
* matches in damaged text (tone marks ignored) count ``fallback_factor`` of that.

Never counted: a table of contents, an overview paragraph naming many sub-issues, heading words of
an empty section, a phrase overlapping (or just before) a word in another sense (สำรองที่นั่ง,
สิทธิประโยชน์, อบรมภาษาอังกฤษ). Proposed when the strength reaches ``propose_threshold``.
"""

from __future__ import annotations

import bisect
import math
import operator
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import compress

from evidence_review.classifiers.matcher import CompiledRubric, Hit, Term, TermKind, verifier
from evidence_review.classifiers.model import Evidence, SubIssueProposal, Where
from evidence_review.classifiers.structure import Structure, Unit, parse_number, residue
from evidence_review.classifiers.text import key_of

_KEY = operator.itemgetter(2)  # a Hit's key

SECTION_STRENGTH = 1.5
TABLE_ROW_STRENGTH = 1.0
REPEAT_BONUS = 0.1
REPEAT_CAP = 0.5
#: A concept found once in running text counts this share of its weight: concept-only evidence
#: reaches the threshold with two independent finds (or two concepts), or with one find in an
#: activity-table row or in a section headed by the sub-issue (full weight).
CONCEPT_ALONE = 0.6
#: Each further independent find of the same concept adds this share, up to ``CONCEPT_CAP``.
CONCEPT_REPEAT = 0.4
CONCEPT_CAP = 1.5
#: A numbered line at most this long is one activity (a row of a table laid out as text).
ACTIVITY_LINE = 160
#: Finds of one concept looked for at most (its strength is capped by then).
MAX_FINDS = 4
#: A word in another sense this close after a phrase (e.g. อบรม|หลักสูตร|ภาษาอังกฤษ) cancels it.
NOT_EVIDENCE_GAP = 12
SNIPPET = 60
MAX_EVIDENCE = 5


@dataclass
class _Score:
    strength: float = 0.0
    per_key: dict[str, float] = field(default_factory=dict)
    mentions: int = 0
    evidence: list[tuple] = field(default_factory=list)  # see _pick_evidence
    notes: list[str] = field(default_factory=list)
    section: bool = False
    empty_heading: bool = False
    toc_only: bool = False
    fallback: bool = False
    other_sense: bool = False
    units: set[int] = field(default_factory=set)  # units holding counted evidence


def snippet(unit: Unit, h: Hit | None = None) -> str:
    """The original text around a hit (or the unit's start), on one line."""
    text = unit.text
    if h is None:
        s = " ".join(text.split())
        return s[: 2 * SNIPPET] + ("…" if len(s) > 2 * SNIPPET else "")
    offs = unit.key.offsets
    a = offs[max(0, min(len(offs) - 1, h.start - unit.base))]
    b = offs[max(0, min(len(offs) - 1, h.end - 1 - unit.base))] + 1
    lo, hi = max(0, a - SNIPPET), min(len(text), b + SNIPPET)
    s = " ".join(text[lo:hi].split())
    return ("…" if lo > 0 else "") + s + ("…" if hi < len(text) else "")


def _where(unit: Unit, struct: Structure) -> Where:
    if unit.toc:
        return Where.TOC
    if unit.heading and not unit.inline_body:
        return Where.HEADING
    if unit.kind == "table":
        return Where.TABLE
    return Where.BODY


class _NotHits(dict):
    """Hits of words in another sense per key ("3.1", or "1.1#0" for one concept), sorted by
    start, with their starts for binary search."""

    def __init__(self, hits: list[Hit], not_keys: dict[str, tuple[str, ...]] | None = None
                 ) -> None:
        super().__init__()
        self.longest = 0
        if not_keys is not None:  # precomputed per key: the same lists, faster
            for h in compress(hits, map(not_keys.__contains__, map(_KEY, hits))):
                ks = not_keys[h.key]
                if ks:
                    for k in ks:
                        self.setdefault(k, []).append(h)
                    self.longest = max(self.longest, h.end - h.start)
        for h in hits if not_keys is None else ():
            for t in h.terms:
                if t.kind is TermKind.NOT:
                    k = t.subissue if t.concept < 0 else f"{t.subissue}#{t.concept}"
                    self.setdefault(k, []).append(h)
                    self.longest = max(self.longest, h.end - h.start)
        self.starts = {k: [n.start for n in v] for k, v in self.items()}


def _suppressed(h: Hit, not_hits: _NotHits, sid: str) -> bool:
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


def _contained(hits: list[Hit], phrase_keys: dict | None = None) -> set[int]:
    """Indexes of phrase hits strictly inside a longer phrase hit (the longer one wins).

    ``hits`` are sorted by start, longest first at equal starts; ``phrase_keys`` (optional)
    holds the keys that are phrases (:attr:`CompiledRubric.phrase_terms`).
    """
    out: set[int] = set()
    open_: list[Hit] = []  # phrase hits that may still contain later ones
    indexes: Iterable[int]
    if phrase_keys is not None:  # the phrase hits' indexes, picked in C
        indexes = compress(range(len(hits)), map(phrase_keys.__contains__, map(_KEY, hits)))
    else:
        indexes = (i for i, h in enumerate(hits)
                   if any(t.kind is TermKind.PHRASE for t in h.terms))
    for i in indexes:
        h = hits[i]
        open_ = [g for g in open_ if g.end > h.start]
        if any(g.start <= h.start and h.end <= g.end and g.end - g.start > h.end - h.start
               for g in open_):
            out.add(i)
        open_.append(h)
    return out


def _near(hits_by_key: dict[str, tuple[list[int], list[Hit]]], keys: set[str], pos: int,
          window: int, exclude: str | None = None, verified=lambda h: True) -> bool:
    """A hit of one of ``keys`` (not ``exclude``) within ``window`` of ``pos``."""
    for k in keys:
        if k == exclude or k not in hits_by_key:
            continue
        starts, found = hits_by_key[k]
        j = bisect.bisect_left(starts, pos - window)
        while j < len(starts) and starts[j] <= pos + window:
            if verified(found[j]):
                return True
            j += 1
    return False


def _company(pos_keys: tuple[list[int], list[Hit]] | None, h: Hit, window: int,
             verified) -> bool:
    """Another word (a different key) of the sub-issue within ``window`` of ``h``."""
    if not pos_keys:
        return False
    starts, others = pos_keys
    j = bisect.bisect_left(starts, h.start - window)
    while j < len(starts) and starts[j] <= h.start + window:
        if others[j].key != h.key and verified(others[j]):
            return True
        j += 1
    return False


def _counted_unit(u: Unit, struct: Structure) -> bool:
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
    order. The units hold their hits already (:func:`~classifiers.structure.analyse`), so no
    search per hit; if they do not, each hit comes alone with its unit."""
    units = struct.units
    if sum(len(u.hits) for u in units) == len(hits):
        i = 0
        for u in units:
            if u.hits:
                yield i, u, _counted_unit(u, struct) and u.index not in other_sense, u.hits
                i += len(u.hits)
        return
    bases = struct.bases
    counted: dict[int, bool] = {}
    for i, h in enumerate(hits):
        u = units[bisect.bisect_right(bases, h.start) - 1]
        ok = counted.get(u.index)
        if ok is None:
            ok = counted[u.index] = _counted_unit(u, struct) and u.index not in other_sense
        yield i, u, ok, (h,)


def _table_rows(struct: Structure, comp: CompiledRubric, doc_tables) -> dict[str, list]:
    """Rows of a table whose "ประเด็น" column names sub-issues: sid -> [(page, row text)]."""
    sids = set(comp.rubric.subissue_ids)
    placeholders = sorted({key_of(p) for p in comp.rubric.placeholders if key_of(p)},
                          key=len, reverse=True)
    out: dict[str, list] = defaultdict(list)
    for t in doc_tables:
        if not t.rows:
            continue
        col = None
        for hdr in t.rows[:2]:
            for ci, cell in enumerate(hdr):
                if "ประเด็น" in cell and len(cell) < 40:
                    col = ci
            if col is not None:
                break
        if col is None:
            continue
        for row in t.rows[1:]:
            if col >= len(row):
                continue
            cell = row[col]
            found = set()
            for part in cell.replace(",", " ").replace("/", " ").split():
                num, _ = parse_number(part + " x")
                if num in sids:
                    found.add(num)
            if not found:
                continue
            others = "".join(key_of(c) for i, c in enumerate(row) if i != col and c != cell)
            if len(residue(others, placeholders)) < comp.rubric.matching.min_body_chars:
                continue
            for sid in found:
                out[sid].append((t.page, " | ".join(c for c in row if c)))
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


def _other_sense_sections(struct: Structure, not_hits: _NotHits,
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
            and not _suppressed(h, not_hits, sid) and verified(h)
            for i in body for h in struct.units[i].hits for t in h.terms)
        if not has_topic:
            out.add(sec.heading)
    return out


def _scope(u: Unit) -> tuple | None:
    """Concept words in a table count together only within one row (one activity)."""
    return (u.page, u.table, u.row) if u.kind == "table" else None


def _in_own_section(u: Unit, sid: str, struct: Structure) -> bool:
    """``u`` is in the body of a section whose heading maps to ``sid``."""
    return u.section is not None and struct.sections[u.section].sid == sid


def _usable(not_hits: _NotHits, sid: str, not_key: str):
    """A test: a concept word is not cancelled by a word in another sense of ``sid`` or of its
    concept (``not_key``)."""
    keys = [k for k in (sid, not_key) if k in not_hits]
    if not keys:
        return lambda h: True
    return lambda h: not any(_suppressed(h, not_hits, k) for k in keys)


def _concept_instances(sid: str, concept, groups: list[list[tuple[int, Hit, Unit]]],
                       struct: Structure, verified=lambda h: True, usable=lambda h: True
                       ) -> list[tuple[Hit, Unit, bool, list[tuple[Hit, Unit]]]]:
    """Independent places where words of every group of ``concept`` stand together.

    ``groups`` holds, per group, the counted hits of its words (start, hit, unit) by start;
    only those passing ``usable`` (not cancelled by a word in another sense) count.
    Each place is (first-group hit, its unit, boosted, partner hits): *boosted* when it is an
    activity (a table row or a numbered line) or inside a section headed by the sub-issue.
    Places count as independent when they share no word.
    """
    if any(not g for g in groups):
        return []
    starts = [[st for st, _, _ in g] for g in groups]
    window = concept.window
    out: list[tuple[Hit, Unit, bool, list[tuple[Hit, Unit]]]] = []
    used: set[int] = set()  # key offsets of words in finds already counted

    def free(g: Hit) -> bool:
        return not any(i in used for i in range(g.start, g.end))

    for _, h, u in groups[0]:
        if not free(h) or not usable(h) or not verified(h):
            continue
        scope = _scope(u)
        partners: list[tuple[Hit, Unit]] = []
        taken = [h]
        for gi in range(1, len(groups)):
            got = None
            j = bisect.bisect_left(starts[gi], h.start - window)
            near = []
            for entry in groups[gi][j:]:
                if entry[0] > h.start + window:
                    break
                near.append(entry)
            # a partner in the same unit first (the words of one line or cell belong
            # together), then the nearest
            if len(near) > 1:
                near.sort(key=lambda e: (e[2] is not u, abs(e[0] - h.start)))
            for _, g, gu in near:
                if _scope(gu) != scope or any(_overlap(g, x) for x in taken) or (
                        concept.distinct and any(_same_word(g.key, x.key) for x in taken)
                ) or not free(g) or not usable(g) or not verified(g):
                    continue
                got = (g, gu)
                break
            if got is None:
                break
            partners.append(got)
            taken.append(got[0])
        if len(partners) != len(groups) - 1:
            continue
        for x in taken:  # a later find sharing one of these words is not independent
            used.update(range(x.start, x.end))
        boost = (scope is not None or _in_own_section(u, sid, struct)
                 or (_activity_line(u) and all(pu is u for _, pu in partners)))
        out.append((h, u, boost, partners))
        if concept.distinct and _more_distinct(groups[0], starts[0], h, scope, taken, window,
                                               lambda g: usable(g) and verified(g)):
            # a third different word in the same place (who may edit, read, approve...)
            # corroborates it like a second find
            out.append((h, u, False, partners))
        if len(out) >= MAX_FINDS:
            break  # the concept's strength is capped by now
    return out


def _activity_line(u: Unit) -> bool:
    """A list item or a short numbered line ("8. อบรม DBA และผู้ใช้ที่ด่าน 5 100%"): one
    activity of a plan or report laid out as text rather than as a table."""
    if u.kind == "list":
        return True
    return len(u.text) <= ACTIVITY_LINE and parse_number(u.text)[0] is not None


def _same_word(a: str, b: str) -> bool:
    """Two words of a concept group name the same thing when one holds the other (เว็บ and
    เว็บไซต์ are one channel, not two).

    >>> _same_word("เว็บ", "เว็บไซต์"), _same_word("sms", "เว็บไซต์")
    (True, False)
    """
    return a in b or b in a


def _overlap(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end


def _more_distinct(group: list[tuple[int, Hit, Unit]], starts: list[int], h: Hit, scope,
                   taken: list[Hit], window: int, verified) -> bool:
    """Another word of ``group``, different from and not overlapping ``taken``, near ``h``."""
    keys = {x.key for x in taken}
    j = bisect.bisect_left(starts, h.start - window)
    for st, g, gu in group[j:]:
        if st > h.start + window:
            return False
        if (not any(_same_word(g.key, k) for k in keys) and _scope(gu) == scope
                and not any(_overlap(g, x) for x in taken) and verified(g)):
            return True
    return False


def score_subissues(struct: Structure, comp: CompiledRubric, hits: list[Hit],
                    doc_tables) -> dict[str, SubIssueProposal]:
    rubric = comp.rubric
    m = rubric.matching
    sids = rubric.subissue_ids
    scores = {sid: _Score() for sid in sids}
    units = struct.units

    # words in another sense, per sub-issue ("3.1") and per concept ("1.1#0")
    not_hits = _NotHits(hits, comp.not_keys)
    verified = verifier(hits)
    inside = _contained(hits, comp.phrase_terms)
    other_sense = _other_sense_sections(struct, not_hits, verified)

    # positions of every counted word (for company, ambiguity and concepts)
    starts_by_key: dict[str, tuple[list[int], list[Hit]]] = {}  # only required words
    usable: list[tuple[Hit, Unit]] = []  # only phrase and concept words
    phrase_usable: list[tuple[Hit, Unit]] = []  # the phrases among them
    concept_hits: dict[tuple[str, int], list[list[tuple[int, Hit, Unit]]]] = {}
    concept_terms = comp.concept_terms
    required = comp.required_keys
    company_of = comp.company_of
    phrase_terms = comp.phrase_terms
    group_lists: dict[str, list[list[tuple[int, Hit, Unit]]]] = {}  # key -> its group lists
    for first, u, ok, unit_hits in _placed(hits, struct, other_sense):
        if not ok:
            if u.toc:
                for h in unit_hits:
                    if h.key in phrase_terms:
                        for t in h.terms:
                            if t.kind is TermKind.PHRASE:
                                scores[t.subissue].toc_only = True
            continue
        excluded = u.excluded  # (a counted unit is never a table of contents)
        for i, h in enumerate(unit_hits, first):
            if i in inside or (excluded and any(a <= h.start < b for a, b in excluded)):
                continue
            k = h.key
            if k in company_of:
                usable.append((h, u))
                if k in phrase_terms:
                    phrase_usable.append((h, u))
            if k in required:
                by_key = starts_by_key.get(k)
                if by_key is None:
                    by_key = starts_by_key[k] = ([], [])
                by_key[0].append(h.start)
                by_key[1].append(h)
            if k in concept_terms:
                lists = group_lists.get(k)
                if lists is None:
                    lists = group_lists[k] = []
                    for t in concept_terms[k]:
                        key = (t.subissue, t.concept)
                        grp = concept_hits.get(key)
                        if grp is None:
                            n = len(rubric.subissue(t.subissue).concepts[t.concept].groups)
                            grp = concept_hits[key] = [[] for _ in range(n)]
                        lists.append(grp[t.group])
                # words in another sense are checked only where a concept is looked for
                # (_concept_instances): most concept words are never looked at
                entry = (h.start, h, u)
                for lst in lists:
                    lst.append(entry)

    # counted phrase and concept words per sub-issue, by start (company for support phrases)
    company: dict[str, tuple[list[int], list[Hit]]] = {}
    for h, _u in usable:
        for sid in company_of[h.key]:
            pos_hits = company.get(sid)
            if pos_hits is None:
                pos_hits = company[sid] = ([], [])
            pos_hits[0].append(h.start)
            pos_hits[1].append(h)

    def add(sid: str, key: str, value: float, h: Hit, u: Unit, term: Term, why: str) -> None:
        sc = scores[sid]
        if h.fallback:
            value *= m.fallback_factor
            sc.fallback = True
        sc.mentions += 1
        sc.units.add(u.index)
        if value > sc.per_key.get(key, 0.0):
            sc.per_key[key] = value
        sc.evidence.append((value, term.text, u.page, None, u, h))  # Evidence made if shown
        del why

    for h, u in phrase_usable:
        for t in phrase_terms[h.key]:
            if t.subissue in not_hits and _suppressed(h, not_hits, t.subissue):
                continue
            sid = t.subissue
            if t.gated:
                req = comp.requires.get((h.key, sid), set())
                if not _near(starts_by_key, req, h.start, m.near_chars, h.key, verified):
                    continue
                add(sid, h.key, m.support_factor * t.weight, h, u, t, "gated")
            elif t.anchor:
                add(sid, h.key, t.weight, h, u, t, "anchor")
            elif _company(company.get(sid), h, m.near_chars, verified):
                add(sid, h.key, m.support_factor * t.weight, h, u, t, "support")

    # concepts
    for s in rubric.subissues:
        for ci, concept in enumerate(s.concepts):
            if (s.id, ci) not in concept_hits:
                continue
            found = _concept_instances(s.id, concept, concept_hits[(s.id, ci)], struct,
                                       verified, _usable(not_hits, s.id, f"{s.id}#{ci}"))
            if not found:
                continue
            sc = scores[s.id]
            boosted = [f for f in found if f[2]]
            first = boosted[0] if boosted else found[0]
            value = concept.weight * (1.0 if first[2] else CONCEPT_ALONE)
            value = min(CONCEPT_CAP * concept.weight,
                        value + CONCEPT_REPEAT * concept.weight * (len(found) - 1))
            sc.per_key[f"concept:{ci}"] = value
            for h, u, _boost, partners in ([first] + [f for f in found if f is not first])[:2]:
                sc.units.update({u.index, *(pu.index for _, pu in partners)})
                sc.evidence.append(_ev(value, Evidence(
                    page=u.page, text=snippet(u, h),
                    phrase=f"{concept.name}: " + " + ".join(
                        [h.terms[0].text] + [ph.terms[0].text for ph, _ in partners]),
                    where=_where(u, struct))))

    # sections
    for sec in struct.sections:
        head = units[sec.heading]
        if not head.sid or head.sid not in scores:
            continue
        sc = scores[head.sid]
        if sec.heading in other_sense:
            sc.other_sense = True
            continue
        label = head.number if head.number == head.sid else (head.title_sid and "title") or (
            "heading words")
        if sec.substantive:
            if not sc.section:
                sc.section = True
                first_body = next((units[i] for i in sec.body if not units[i].heading), None)
                text = snippet(head)
                if first_body is not None and first_body is not head:
                    text = text + " → " + snippet(first_body)
                sc.evidence.append(_ev(SECTION_STRENGTH, Evidence(
                    page=head.page, text=text, phrase=f"section {head.sid} ({label})",
                    where=Where.HEADING)))
        else:
            sc.empty_heading = True

    for sid, rows in _table_rows(struct, comp, doc_tables).items():
        sc = scores[sid]
        sc.per_key["table-row"] = TABLE_ROW_STRENGTH
        page, text = rows[0]
        sc.evidence.append(_ev(TABLE_ROW_STRENGTH, Evidence(
            page=page, text=text[: 2 * SNIPPET], phrase=f"table row for {sid}",
            where=Where.TABLE)))

    out: dict[str, SubIssueProposal] = {}
    for sid in sids:
        sc = scores[sid]
        strength = sum(sc.per_key.values()) + (SECTION_STRENGTH if sc.section else 0.0)
        strength += min(REPEAT_CAP, REPEAT_BONUS * max(0, sc.mentions - len(sc.per_key)))
        if not sc.per_key and not sc.section:
            strength = 0.0
        sc.strength = strength
        proposed = strength >= m.propose_threshold
        out[sid] = SubIssueProposal(
            proposed=proposed, confidence=round(confidence(strength, m.propose_threshold), 3),
            evidence=_pick_evidence(sc, struct), reason=_reason(sc, proposed))
    return out


def confidence(strength: float, threshold: float) -> float:
    """Confidence in the proposal (either way) from the evidence strength.

    >>> confidence(0.0, 1.0), round(confidence(1.0, 1.0), 2), round(confidence(3.0, 1.0), 2)
    (0.95, 0.66, 0.93)
    >>> round(confidence(0.5, 1.0), 2)
    0.75
    """
    if strength >= threshold:
        return min(0.99, 0.55 + 0.42 * (1 - math.exp(-(strength - threshold + 0.3))))
    return max(0.5, 0.95 - 0.4 * strength / threshold)


def _ev(value: float, ev: Evidence) -> tuple:
    """An evidence entry built already (sections, table rows, concepts: few per document)."""
    return (value, ev.phrase, ev.page, ev, None, None)


def _pick_evidence(sc: _Score, struct: Structure) -> list[Evidence]:
    """The strongest evidence, one per (phrase, page); phrase hits become Evidence only here
    (a long document has thousands of them)."""
    ranked = sorted(sc.evidence, key=lambda e: -e[0])
    seen, out = set(), []
    for _, phrase, page, ev, u, h in ranked:
        k = (phrase, page)
        if k in seen:
            continue
        seen.add(k)
        out.append(ev if ev is not None else Evidence(
            page=page, text=snippet(u, h), phrase=phrase, where=_where(u, struct)))
        if len(out) >= MAX_EVIDENCE:
            break
    return out


#: Reasons shown to the reviewer, Thai first.
_REASONS = {
    "section": "มีหัวข้อของตนเองและมีเนื้อหา (own section with content)",
    "concept": "อธิบายโดยไม่ใช้คำสำคัญตามปกติ (described without the usual keywords: concept)",
    "table_row": "แถวในตารางแผน (plan table row)",
    "fallback": "ข้อความเสียหาย จับคู่โดยไม่สนใจวรรณยุกต์ (damaged text matched ignoring tone marks)",
    "empty_heading": "มีแต่หัวข้อ เนื้อหาว่างหรือเป็นเครื่องหมาย "
                     "(heading only: its section is empty or a placeholder)",
    "other_sense": "ใช้คำในความหมายอื่น (the words are used in another sense)",
    "toc_only": "ปรากฏในสารบัญเท่านั้น (named in a table of contents only)",
    "none": "ไม่พบหลักฐาน (no evidence found)",
    "weak": "หลักฐานยังไม่พอ (too weak alone)",
}


def _reason(sc: _Score, proposed: bool) -> str:
    parts = []
    if sc.section:
        parts.append(_REASONS["section"])
    anchors = [k for k, v in sc.per_key.items() if not k.startswith(("concept:", "table-row"))]
    if anchors:
        n = len(anchors)
        parts.append(f"พบ {n} วลี ({n} phrase(s))")
    if any(k.startswith("concept:") for k in sc.per_key):
        parts.append(_REASONS["concept"])
    if "table-row" in sc.per_key:
        parts.append(_REASONS["table_row"])
    if sc.fallback:
        parts.append(_REASONS["fallback"])
    if not proposed:
        if sc.empty_heading:
            parts.append(_REASONS["empty_heading"])
        if sc.other_sense:
            parts.append(_REASONS["other_sense"])
        if sc.toc_only:
            parts.append(_REASONS["toc_only"])
        if not parts:
            parts.append(_REASONS["none"])
        elif sc.per_key:
            parts.append(_REASONS["weak"])
    return "; ".join(parts)
