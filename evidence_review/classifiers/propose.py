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

from evidence_review.classifiers.concepts import concept_instances
from evidence_review.classifiers.confidence import confidence, reason
from evidence_review.classifiers.counting import Counted, gather
from evidence_review.classifiers.evidence import (
    SNIPPET,
    Candidate,
    Score,
    pick_evidence,
    snippet,
    span,
    where,
)
from evidence_review.classifiers.matcher import CompiledRubric, Hit, Term, verifier
from evidence_review.classifiers.model import Evidence, SubIssueProposal, Where
from evidence_review.classifiers.objects import (
    ObjectKeys,
    about_systems,
    about_systems_in,
    object_rules,
)
from evidence_review.classifiers.structure_evidence import (
    body_in_sense,
    cell_span,
    score_sections,
    table_rows,
)
from evidence_review.classifiers.suppress import (
    NotHits,
    contained,
    other_sense_sections,
    suppressed,
    usable_for,
)
from evidence_review.classifiers.units import Structure, Unit


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


def _score_phrases(got: Counted, comp: CompiledRubric, struct: Structure, not_hits: NotHits,
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


def _score_concepts(got: Counted, comp: CompiledRubric, struct: Structure,
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
        return sec.heading == u.index and body_in_sense(struct, sec, sid, rule)
    return False


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
    got = gather(hits, struct, comp, other_sense, inside, scores)
    _score_phrases(got, comp, struct, not_hits, verified, scores)
    _score_concepts(got, comp, struct, not_hits, verified, scores)
    score_sections(struct, comp, other_sense, scores)
    for sid, rows in table_rows(struct, comp, doc_tables).items():
        sc = scores[sid]
        sc.per_key["table-row"] = m.table_row_strength
        page, text, cell = rows[0]
        start, end = cell_span(struct, page, cell)
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
