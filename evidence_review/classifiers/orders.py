"""Appointment orders and lists of duties: they name the sub-issues as tasks given to a
working group, not as work done or planned (the rubric's ``orders``)."""

from __future__ import annotations

from evidence_review.classifiers.matcher import CompiledRubric
from evidence_review.classifiers.text import key_of
from evidence_review.classifiers.titles import NAMING
from evidence_review.classifiers.units import Unit

#: The subject of an order is looked for in this many characters from its start.
SUBJECT_CHARS = 300


def mark_orders(units: list[Unit], comp: CompiledRubric) -> None:
    """Flag the units of appointment orders as not counted, and exclude lists of duties."""
    rule = comp.rubric.orders
    starts = tuple(k for k in map(key_of, rule.starts) if k)
    subjects = [k for k in map(key_of, rule.subjects) if k]
    ends = [k for k in map(key_of, rule.ends) if k]
    duties = [k for k in map(key_of, rule.duties) if k]
    holders = [k for k in map(key_of, rule.holders) if k]
    i, n = 0, len(units)
    while i < n:
        u = units[i]
        if starts and subjects and u.key.text.startswith(starts) and _has_subject(
                units, i, subjects):
            last = _order_end(units, i, ends, rule.max_units)
            for v in units[i:last + 1]:
                v.overview = True
                v.why = "order"
            i = last + 1
            continue
        if duties and holders:
            _exclude_duties(u, duties, holders, rule.min_named)
        i += 1


def _has_subject(units: list[Unit], i: int, subjects: list[str]) -> bool:
    head = "".join(u.key.text for u in units[i:i + 3])[:SUBJECT_CHARS]
    return any(s in head for s in subjects)


def _order_end(units: list[Unit], i: int, ends: list[str], max_units: int) -> int:
    """The index of the order's last unit: the one holding an end phrase, else the last unit
    of its page."""
    for j in range(i, min(len(units), i + max_units)):
        if any(e in units[j].key.text for e in ends):
            return j
    j = i
    while j + 1 < len(units) and units[j + 1].page == units[i].page:
        j += 1
    return j


#: A duty's holder stands at most this many characters before the duties word.
HOLDER_CHARS = 80


def _exclude_duties(u: Unit, duties: list[str], holders: list[str], min_named: int) -> None:
    """Exclude what follows a duties word said of a working group when it names
    ``min_named`` sub-issues."""
    k = u.key.text
    at = min((p for p in (k.find(d) for d in duties) if p >= 0), default=-1)
    if at < 0 or not any(h in k[max(0, at - HOLDER_CHARS):at] for h in holders):
        return
    lo = u.base + at
    named = {t.subissue for h in u.hits if h.start >= lo for t in h.terms
             if t.subissue and t.kind in NAMING}
    if len(named) >= min_named:
        u.excluded.append((lo, u.end))
        u.why = u.why or "order"
