"""What a document is: review summary, action plan, progress report or other evidence.

Signals, strongest first: the document's title (its first lines: the phrase that comes first
wins, so "รายงานผลการดำเนินงานตามแผนปฏิบัติการ" is a progress report, not a plan), the file
name, the columns of its tables (responsible/period columns: a plan; percent/achieved columns: a
progress report), and role phrases in the body.
"""

from __future__ import annotations

import math
from pathlib import PurePath

from evidence_review.classifiers.confidence import confidence, improvement_reason
from evidence_review.classifiers.evidence import snippet, span
from evidence_review.classifiers.matcher import CompiledRubric, Hit, TermKind, verifier
from evidence_review.classifiers.model import Evidence, Role, SubIssueProposal, Where
from evidence_review.classifiers.text import key_of
from evidence_review.classifiers.units import Structure, Unit

TITLE_CHARS = 300
TITLE_UNITS = 4
TITLE_WEIGHT = 3.0
FIRST_BONUS = 1.5
FILENAME_WEIGHT = 2.0
BODY_WEIGHT = 0.3
BODY_CAP = 1.5
TABLE_WEIGHT = 1.5
#: A table with measured columns weighs as much as a title naming the role.
MEASURED_WEIGHT = TITLE_WEIGHT + FIRST_BONUS



def _title_units(struct: Structure) -> list[Unit]:
    out: list[Unit] = []
    chars = 0
    for u in struct.units:
        if u.page != struct.units[0].page or len(out) >= TITLE_UNITS or chars > TITLE_CHARS:
            break
        out.append(u)
        chars += len(u.key.text)
    return out


def _table_signal(tables, rubric) -> dict[Role, float]:
    """Role scores from table headers (the rubric's ``role_columns``), compared as key text
    (a damaged header "บร รลุ" is "บรรลุ"). Measured columns (percent done, achieved) make a
    progress report as surely as its title would: a plan restated with results is a report."""
    out = {r: 0.0 for r in Role}
    plan_columns = [key_of(c) for c in rubric.role_columns.get("plan", ())]
    progress_columns = [key_of(c) for c in rubric.role_columns.get("progress", ())]
    markers = [key_of(c) for c in rubric.progress_column_markers]
    for t in tables:
        header = key_of(" ".join(" ".join(r) for r in t.rows[:2]))
        plan = sum(bool(c) and c in header for c in plan_columns)
        progress = sum(bool(c) and c in header for c in progress_columns)
        if progress >= 1 and any(mk and mk in header for mk in markers):
            out[Role.PROGRESS] = max(out[Role.PROGRESS], MEASURED_WEIGHT + 0.5 * progress)
        elif plan >= 2:
            out[Role.PLAN] = max(out[Role.PLAN], TABLE_WEIGHT)
    return out


def foreign_title(struct: Structure, comp: CompiledRubric) -> str | None:
    """The rubric's ``foreign_titles`` phrase that titles this document (a budget book, a
    procurement notice), unless the title also names a KPI-14 role."""
    rubric = comp.rubric
    if not rubric.foreign_titles:
        return None
    title = "\n".join(u.key.text for u in _title_units(struct))
    found = next((f for f in rubric.foreign_titles if key_of(f) and key_of(f) in title), None)
    if found is None:
        return None
    own = [key_of(p) for r in ("review", "plan", "progress")
           for p in rubric.role_phrases.get(r, ())[:3]]
    if any(k and k in title for k in own):
        return None
    return found


def detect_role(struct: Structure, comp: CompiledRubric, path: str,
                tables) -> tuple[Role, float, str]:
    """The role of a document, a confidence in [0, 1], and the signal that decided it."""
    rubric = comp.rubric
    scores = {r: 0.0 for r in Role}
    why: dict[Role, str] = {}
    phrases = {Role(k): sorted({key_of(p) for p in v}, key=len, reverse=True)
               for k, v in rubric.role_phrases.items()}

    title = "\n".join(u.key.text for u in _title_units(struct))
    first: tuple[int, Role, str] | None = None
    for role, keys in phrases.items():
        for k in keys:
            pos = title.find(k)
            if pos >= 0:
                scores[role] += TITLE_WEIGHT
                why.setdefault(role, f"title: {k}")
                if first is None or pos < first[0] or (pos == first[0] and len(k) > len(first[2])):
                    first = (pos, role, k)
                break
    if first is not None:
        scores[first[1]] += FIRST_BONUS
        why[first[1]] = f"title: {first[2]}"

    name = PurePath(path).name.lower()
    for role_name, hints in rubric.role_filename_hints.items():
        role = Role(role_name)
        if any(h.lower() in name for h in hints):
            scores[role] += FILENAME_WEIGHT
            why.setdefault(role, f"file name: {name}")

    for role, extra in _table_signal(tables, rubric).items():
        if extra:
            scores[role] += extra
            why.setdefault(role, "table columns")

    body = struct.key
    for role, keys in phrases.items():
        n = sum(1 for k in keys if k in body)
        scores[role] += min(BODY_CAP, BODY_WEIGHT * n)

    best = max(scores, key=lambda r: scores[r])
    total = sum(math.exp(v) for v in scores.values())
    conf = math.exp(scores[best]) / total
    if scores[best] < 1.0:
        return Role.OTHER, round(max(0.4, 1 - conf), 3), "no role signal"
    return best, round(min(0.99, conf), 3), why.get(best, "body phrases")


def _evidence(u: Unit, h: Hit, phrase: str) -> Evidence:
    start, end = span(u, h)
    return Evidence(page=u.page, text=snippet(u, h), phrase=phrase, start=start, end=end,
                    where=Where.TABLE if u.kind == "table" else Where.BODY)


def improvement(struct: Structure, comp: CompiledRubric, hits: list[Hit],
                counted) -> SubIssueProposal:
    """Does a plan state what it develops beyond FY 2549? Phrases, or 2549 beside a comparison."""
    rubric = comp.rubric
    verified = verifier(hits)
    found: dict[str, tuple[float, Evidence]] = {}
    concept_groups: dict[int, list[list[tuple[Hit, Unit]]]] = {}
    for h in hits:
        u = struct.unit_at(h.start)
        if not counted(u):
            continue
        for t in h.terms:
            if t.kind is TermKind.IMPROVE and h.key not in found:
                found[h.key] = (1.0, _evidence(u, h, t.text))
            elif t.kind is TermKind.IMPROVE_CONCEPT and verified(h):
                concept = rubric.improvement_concepts[t.concept]
                groups = concept_groups.setdefault(
                    t.concept, [[] for _ in concept.groups])
                groups[t.group].append((h, u))
    for ci, groups in concept_groups.items():
        concept = rubric.improvement_concepts[ci]
        for h, u in groups[0]:
            if all(any(abs(g.start - h.start) <= concept.window and g.start != h.start
                       for g, _ in grp) for grp in groups[1:]):
                found[f"concept:{ci}"] = (concept.weight, _evidence(u, h, concept.label))
                break
    strength = sum(v for v, _ in found.values())
    proposed = strength >= 1.0
    return SubIssueProposal(
        proposed=proposed, confidence=round(confidence(strength, 1.0), 3),
        evidence=[e for _, e in found.values()][:5],
        reason=improvement_reason(proposed))
