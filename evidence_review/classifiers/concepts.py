"""Concepts: a sub-issue recognised from what is done (words of every group of a concept
standing together), without its usual keywords."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from evidence_review.classifiers.matcher import Hit
from evidence_review.classifiers.numbering import parse_number
from evidence_review.classifiers.units import Structure, Unit

#: A numbered line at most this long is one activity (a row of a table laid out as text).
ACTIVITY_LINE = 160
#: Finds of one concept looked for at most (its strength is capped by then).
MAX_FINDS = 4


@dataclass(slots=True)
class Find:
    """One independent place where a concept's words stand together: the first group's hit,
    its unit, whether it is *boosted* (an activity, or inside the sub-issue's own section), and
    the partner hits of the other groups."""

    hit: Hit
    unit: Unit
    boosted: bool
    partners: list[tuple[Hit, Unit]]


def _scope(u: Unit) -> tuple | None:
    """Concept words in a table count together only within one row (one activity)."""
    return (u.page, u.table, u.row) if u.kind == "table" else None


def _in_own_section(u: Unit, sid: str, struct: Structure) -> bool:
    """``u`` is in the body of a section whose heading maps to ``sid``."""
    return u.section is not None and struct.sections[u.section].sid == sid



def concept_instances(sid: str, concept, groups: list[list[tuple[int, Hit, Unit]]],
                       struct: Structure, verified=lambda h: True, usable=lambda h: True
                       ) -> list[Find]:
    """Independent places where words of every group of ``concept`` stand together.

    ``groups`` holds, per group, the counted hits of its words (start, hit, unit) by start;
    only those passing ``usable`` (not cancelled by a word in another sense) count.
    Each place is a :class:`Find`: *boosted* when it is an activity (a table row or a numbered
    line) or inside a section headed by the sub-issue.
    Places count as independent when they share no word.
    """
    if any(not g for g in groups):
        return []
    starts = [[st for st, _, _ in g] for g in groups]
    window = concept.window
    out: list[Find] = []
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
        out.append(Find(h, u, boost, partners))
        if concept.distinct and _more_distinct(groups[0], starts[0], h, scope, taken, window,
                                               lambda g: usable(g) and verified(g)):
            # a third different word in the same place (who may edit, read, approve...)
            # corroborates it like a second find
            out.append(Find(h, u, False, partners))
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

