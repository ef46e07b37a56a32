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
from collections import defaultdict
from dataclasses import dataclass, field

from evidence_review.classifiers.concepts import concept_instances
from evidence_review.classifiers.confidence import confidence, reason
from evidence_review.classifiers.evidence import (
    SNIPPET,
    Candidate,
    Score,
    pick_evidence,
    snippet,
    span,
    where,
)
from evidence_review.classifiers.matcher import CompiledRubric, Hit, Term, TermKind, verifier
from evidence_review.classifiers.model import Evidence, SubIssueProposal, Where
from evidence_review.classifiers.numbering import parse_number
from evidence_review.classifiers.objects import (
    ObjectKeys,
    about_systems,
    about_systems_in,
    object_rules,
)
from evidence_review.classifiers.suppress import (
    NotHits,
    contained,
    other_sense_sections,
    suppressed,
    usable_for,
)
from evidence_review.classifiers.text import key_of
from evidence_review.classifiers.units import Structure, Unit, residue

#: A hit and the unit holding it; a (start, hit, unit) entry of a concept group, by start.
_Placed = tuple[Hit, Unit]
_Entry = tuple[int, Hit, Unit]


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
    order (the units hold their hits already: :func:`~classifiers.structure.analyse`)."""
    i = 0
    for u in struct.units:
        if u.hits:
            yield i, u, _counted_unit(u, struct) and u.index not in other_sense, u.hits
            i += len(u.hits)
    assert i == len(hits), "analyse() places every hit in a unit"


def _table_rows(struct: Structure, comp: CompiledRubric, doc_tables) -> dict[str, list]:
    """Rows of a table whose "ประเด็น" column names sub-issues: sid -> [(page, row text,
    the naming cell)]."""
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
                out[sid].append((t.page, " | ".join(c for c in row if c), cell))
    return out



@dataclass
class _Counted:
    """The counted hits of one document, gathered once for phrases, company and concepts."""

    starts_by_key: dict[str, tuple[list[int], list[Hit]]] = field(default_factory=dict)
    usable: list[_Placed] = field(default_factory=list)  # phrase and concept words
    phrase_usable: list[_Placed] = field(default_factory=list)  # the phrases among them
    concept_hits: dict[tuple[str, int], list[list[_Entry]]] = field(default_factory=dict)
    company: dict[str, tuple[list[int], list[Hit]]] = field(default_factory=dict)


def _gather(hits: list[Hit], struct: Structure, comp: CompiledRubric, other_sense: set[int],
            inside: set[int], scores: dict[str, Score]) -> _Counted:
    """Every counted hit by what it can be used for; phrases named only in a table of contents
    are noted on their sub-issue (for the reason)."""
    got = _Counted()
    concept_terms = comp.concept_terms
    required = comp.required_keys
    company_of = comp.company_of
    phrase_terms = comp.phrase_terms
    group_lists: dict[str, list[list[_Entry]]] = {}  # key -> its group lists
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
                 concept_hits: dict[tuple[str, int], list[list[_Entry]]]
                 ) -> list[list[_Entry]]:
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


def _add(sc: Score, key: str, value: float, h: Hit, u: Unit, term: Term,
         fallback_factor: float) -> None:
    if h.fallback:
        value *= fallback_factor
        sc.fallback = True
    sc.mentions += 1
    sc.units.add(u.index)
    if value > sc.per_key.get(key, 0.0):
        sc.per_key[key] = value
    sc.evidence.append(Candidate(value, term.text, u.page, None, u, h))  # shown: Evidence


def _score_phrases(got: _Counted, comp: CompiledRubric, struct: Structure, not_hits: NotHits,
                   verified, scores: dict[str, Score]) -> None:
    """Anchors count alone; support phrases need company; gated ones a required word near."""
    m = comp.rubric.matching
    phrase_terms = comp.phrase_terms
    rules = object_rules(comp.rubric)
    for h, u in got.phrase_usable:
        for t in phrase_terms[h.key]:
            if t.subissue in not_hits and suppressed(h, not_hits, t.subissue):
                continue
            sid = t.subissue
            rule = rules.get(sid)
            if (rule is not None and h.key in rule.words
                    and not _word_in_sense(struct, rule, u, h, sid)):
                scores[sid].not_about = True
                continue
            if t.gated:
                req = comp.requires.get((h.key, sid), set())
                if not _near(got.starts_by_key, req, h.start, m.near_chars, h.key, verified):
                    continue
                _add(scores[sid], h.key, m.support_factor * t.weight, h, u, t,
                     m.fallback_factor)
            elif t.anchor:
                _add(scores[sid], h.key, t.weight, h, u, t, m.fallback_factor)
            elif _company(got.company.get(sid), h, m.near_chars, verified):
                _add(scores[sid], h.key, m.support_factor * t.weight, h, u, t,
                     m.fallback_factor)


def _score_concepts(got: _Counted, comp: CompiledRubric, struct: Structure,
                    not_hits: NotHits, verified, scores: dict[str, Score]) -> None:
    """Each concept found: its weight (less when alone in running text), more per
    independent find, capped."""
    m = comp.rubric.matching
    rules = object_rules(comp.rubric)
    for s in comp.rubric.subissues:
        for ci, concept in enumerate(s.concepts):
            if (s.id, ci) not in got.concept_hits:
                continue
            usable = usable_for(not_hits, s.id, f"{s.id}#{ci}")
            rule = rules.get(s.id)
            if rule is not None:
                usable = _about(usable, rule, struct, scores[s.id])
            found = concept_instances(s.id, concept, got.concept_hits[(s.id, ci)], struct,
                                      verified, usable)
            if not found:
                continue
            sc = scores[s.id]
            if rule is not None:  # an action whose object follows it is said outright
                for f in found:
                    f.boosted = f.boosted or (f.hit.key in rule.words
                                              and about_systems(rule, f.unit, f.hit))
            boosted = [f for f in found if f.boosted]
            first = boosted[0] if boosted else found[0]
            value = concept.weight * (1.0 if first.boosted else m.concept_alone)
            value = min(m.concept_cap * concept.weight,
                        value + m.concept_repeat * concept.weight * (len(found) - 1))
            sc.per_key[f"concept:{ci}"] = value
            sc.concepts.append(concept.label)
            for f in ([first] + [f for f in found if f is not first])[:2]:
                sc.units.update({f.unit.index, *(pu.index for _, pu in f.partners)})
                start, end = span(f.unit, f.hit)
                sc.evidence.append(Candidate.built(value, Evidence(
                    page=f.unit.page, text=snippet(f.unit, f.hit), start=start, end=end,
                    phrase=f"{concept.label}: " + " + ".join(
                        [f.hit.terms[0].text] + [ph.terms[0].text for ph, _ in f.partners]),
                    where=where(f.unit, struct))))


def _about(usable, rule: ObjectKeys, struct: Structure, sc: Score):
    """``usable`` and, for a word of ``rule``, about the systems (noted on ``sc`` if not)."""
    def check(h: Hit) -> bool:
        if not usable(h):
            return False
        if h.key in rule.words and not about_systems_in(struct, rule, struct.unit_at(h.start),
                                                         h):
            sc.not_about = True
            return False
        return True
    return check


def _word_in_sense(struct: Structure, rule: ObjectKeys, u: Unit, h: Hit, sid: str) -> bool:
    """An action word is about the systems: by what follows it, or, in a heading, by what its
    section says."""
    if about_systems_in(struct, rule, u, h):
        return True
    if u.heading and u.section is not None:
        sec = struct.sections[u.section]
        return sec.heading == u.index and _body_in_sense(struct, sec, sid, rule)
    return False


def _body_in_sense(struct: Structure, sec, sid: str, rule: ObjectKeys) -> bool:
    """A section's body uses a phrase of ``sid``, or one of its action words about the
    systems."""
    for i in sec.body:
        u = struct.units[i]
        for h in u.hits:
            if h.key in rule.words:
                if any(t.subissue == sid for t in h.terms) and about_systems_in(
                        struct, rule, u, h):
                    return True
            elif any(t.subissue == sid and t.kind is TermKind.PHRASE for t in h.terms):
                return True
    return False


def _score_sections(struct: Structure, comp: CompiledRubric, other_sense: set[int],
                    scores: dict[str, Score]) -> None:
    """A section mapped to a sub-issue counts when its body has substance."""
    m = comp.rubric.matching
    units = struct.units
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
        rule = object_rules(comp.rubric).get(head.sid)
        if (label == "heading words" and rule is not None
                and not _body_in_sense(struct, sec, head.sid, rule)):
            sc.not_about = True
            continue
        if sec.substantive:
            if not sc.section:
                sc.section = True
                first_body = next((units[i] for i in sec.body if not units[i].heading), None)
                text = snippet(head)
                if first_body is not None and first_body is not head:
                    text = text + " → " + snippet(first_body)
                start, end = span(head)
                sc.evidence.append(Candidate.built(m.section_strength, Evidence(
                    page=head.page, text=text, phrase=f"section {head.sid} ({label})",
                    where=Where.HEADING, start=start, end=end)))
        else:
            sc.empty_heading = True


def _cell_span(struct: Structure, page: int, cell: str) -> tuple[int | None, int | None]:
    """Where a table cell's text stands in its page's text (its unit's span)."""
    for u in struct.units:
        if u.page == page and u.kind == "table" and u.text == cell:
            return span(u)
    return None, None


def score_subissues(struct: Structure, comp: CompiledRubric, hits: list[Hit],
                    doc_tables) -> dict[str, SubIssueProposal]:
    """Each sub-issue's proposal for one analysed document."""
    rubric = comp.rubric
    m = rubric.matching
    sids = rubric.subissue_ids
    scores = {sid: Score() for sid in sids}

    # words in another sense, per sub-issue ("3.1") and per concept ("1.1#0")
    not_hits = NotHits(hits, comp.not_keys)
    verified = verifier(hits)
    inside = contained(hits, comp.phrase_terms)
    other_sense = other_sense_sections(struct, not_hits, verified)
    got = _gather(hits, struct, comp, other_sense, inside, scores)
    _score_phrases(got, comp, struct, not_hits, verified, scores)
    _score_concepts(got, comp, struct, not_hits, verified, scores)
    _score_sections(struct, comp, other_sense, scores)
    for sid, rows in _table_rows(struct, comp, doc_tables).items():
        sc = scores[sid]
        sc.per_key["table-row"] = m.table_row_strength
        page, text, cell = rows[0]
        start, end = _cell_span(struct, page, cell)
        sc.evidence.append(Candidate.built(m.table_row_strength, Evidence(
            page=page, text=text[: 2 * SNIPPET], phrase=f"table row for {sid}",
            where=Where.TABLE, start=start, end=end)))

    out: dict[str, SubIssueProposal] = {}
    for sid in sids:
        sc = scores[sid]
        strength = sum(sc.per_key.values()) + (m.section_strength if sc.section else 0.0)
        strength += min(m.repeat_cap, m.repeat_bonus * max(0, sc.mentions - len(sc.per_key)))
        if not sc.per_key and not sc.section:
            strength = 0.0
        sc.strength = strength
        proposed = strength >= m.propose_threshold
        out[sid] = SubIssueProposal(
            proposed=proposed, confidence=round(confidence(strength, m.propose_threshold), 3),
            evidence=pick_evidence(sc, struct), reason=reason(sc, proposed))
    return out


__all__ = ["confidence", "score_subissues", "snippet"]
