"""Evidence from a document's structure: a section mapped to a sub-issue whose body has
substance, and a row of a plan table whose "ประเด็น" column names the sub-issue."""

from __future__ import annotations

from collections import defaultdict

from evidence_review.classifiers.evidence import Candidate, Score, snippet, span
from evidence_review.classifiers.matcher import CompiledRubric, TermKind
from evidence_review.classifiers.model import Evidence, Where
from evidence_review.classifiers.numbering import parse_number
from evidence_review.classifiers.objects import ObjectKeys, about_systems_in, object_rules
from evidence_review.classifiers.text import key_of
from evidence_review.classifiers.units import Structure, residue


def table_rows(struct: Structure, comp: CompiledRubric, doc_tables) -> dict[str, list]:
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


def body_in_sense(struct: Structure, sec, sid: str, rule: ObjectKeys) -> bool:
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


def score_sections(struct: Structure, comp: CompiledRubric, other_sense: set[int],
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
                and not body_in_sense(struct, sec, head.sid, rule)):
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


def cell_span(struct: Structure, page: int, cell: str) -> tuple[int | None, int | None]:
    """Where a table cell's text stands in its page's text (its unit's span)."""
    for u in struct.units:
        if u.page == page and u.kind == "table" and u.text == cell:
            return span(u)
    return None, None
