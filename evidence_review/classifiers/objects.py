"""What an action is about: a campaign, a training or a safety check counts for a sub-issue only
when it is about the agency's information systems (the rubric's ``object_rule`` per sub-issue).

The words are compared on key text (spaces removed, case folded), so "อบรม เจ้าหน้าที่ ใน
การใช้งาน ระบบ" and "อบรมเจ้าหน้าที่ในการใช้งานระบบ" are read alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from evidence_review.classifiers.matcher import Hit
from evidence_review.classifiers.text import key_of
from evidence_review.classifiers.units import Structure, Unit
from evidence_review.rubric.model import Rubric


@dataclass(frozen=True, slots=True)
class ObjectKeys:
    """An :class:`~evidence_review.rubric.model.ObjectRule` as key texts."""

    words: frozenset[str]
    objects: tuple[str, ...]
    others: tuple[str, ...]
    window: int


_RULES: dict[int, tuple[Rubric, dict[str, ObjectKeys]]] = {}


def object_rules(rubric: Rubric) -> dict[str, ObjectKeys]:
    """Per sub-issue id, its object rule as keys (worked out once per rubric)."""
    got = _RULES.get(id(rubric))
    if got is not None and got[0] is rubric:
        return got[1]
    rules = {}
    for s in rubric.subissues:
        r = s.object_rule
        if r is None:
            continue
        rules[s.id] = ObjectKeys(
            words=frozenset(k for k in map(key_of, r.words) if k),
            objects=tuple(k for k in map(key_of, r.objects) if k),
            others=tuple(k for k in map(key_of, r.others) if k), window=r.window)
    _RULES[id(rubric)] = (rubric, rules)
    return rules


def about_systems(rule: ObjectKeys, unit: Unit, h: Hit) -> bool:
    """``h`` (a word of ``rule``) is about the systems: an object word in it, or within the
    window after it with no other-sense word before that object.

    >>> from evidence_review.classifiers.text import match_keys
    >>> rule = ObjectKeys(frozenset({"อบรม"}), ("ระบบ",), ("เกษตรกร",), 40)
    >>> def check(text):
    ...     k = match_keys([text])[0]
    ...     u = Unit(0, 1, text, "body", None, k, 0)
    ...     at = k.text.find("อบรม")
    ...     return about_systems(rule, u, Hit(at, at + 4, "อบรม", (), False))
    >>> check("จัดอบรมเจ้าหน้าที่การใช้ระบบ"), check("จัดอบรมเกษตรกรเรื่องการใช้ระบบน้ำ")
    (True, False)
    >>> check("จัดอบรมเจ้าหน้าที่เรื่องการเขียนหนังสือราชการและงานสารบรรณทั่วไปของหน่วยงานราชการ")
    False
    """
    text = unit.key.text
    a, b = h.start - unit.base, h.end - unit.base
    if any(o in text[a:b] for o in rule.objects):
        return True
    after = text[b:b + rule.window]
    first = min((i for i in (after.find(o) for o in rule.objects) if i >= 0), default=-1)
    if first < 0:
        return False
    other = min((i for i in (after.find(o) for o in rule.others) if i >= 0), default=-1)
    return other < 0 or first < other


def about_systems_in(struct: Structure, rule: ObjectKeys, unit: Unit, h: Hit) -> bool:
    """:func:`about_systems`, or, for a word in a table cell (an activity named in one cell,
    what it is about in the next), an object word elsewhere in its row and no other-sense
    word anywhere in the row."""
    if about_systems(rule, unit, h):
        return True
    if unit.kind != "table" or unit.row is None:
        return False
    row = "".join(u.key.text for u in struct.row_units(unit))
    return any(o in row for o in rule.objects) and not any(o in row for o in rule.others)
