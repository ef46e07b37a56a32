"""Evidence: the per-sub-issue tally of what was found, and the snippets a reviewer checks."""

from __future__ import annotations

from dataclasses import dataclass, field

from evidence_review.classifiers.matcher import Hit
from evidence_review.classifiers.model import Evidence, Where
from evidence_review.classifiers.units import Structure, Unit

SNIPPET = 60
MAX_EVIDENCE = 5


@dataclass(slots=True)
class Candidate:
    """A piece of evidence with its strength. Phrase hits keep their unit and hit and become
    :class:`Evidence` only when shown (a long document has thousands); sections, table rows
    and concepts (few per document) come built."""

    value: float
    phrase: str
    page: int
    evidence: Evidence | None = None
    unit: Unit | None = None
    hit: Hit | None = None

    @classmethod
    def built(cls, value: float, ev: Evidence) -> Candidate:
        return cls(value, ev.phrase, ev.page, ev)

    def to_evidence(self, struct: Structure) -> Evidence:
        if self.evidence is not None:
            return self.evidence
        assert self.unit is not None
        start, end = span(self.unit, self.hit)
        return Evidence(page=self.page, text=snippet(self.unit, self.hit), phrase=self.phrase,
                        where=where(self.unit, struct), start=start, end=end)


@dataclass
class Score:
    """What was found for one sub-issue in one document."""

    strength: float = 0.0
    per_key: dict[str, float] = field(default_factory=dict)
    mentions: int = 0
    evidence: list[Candidate] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    section: bool = False
    empty_heading: bool = False
    not_counted: set[str] = field(default_factory=set)  # why phrases found were not counted
    fallback: bool = False
    other_sense: bool = False
    not_about: bool = False  # an action word about something else (not the systems)
    units: set[int] = field(default_factory=set)  # units holding counted evidence
    concepts: list[str] = field(default_factory=list)  # concepts found, as the rubric names them


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


def span(unit: Unit, h: Hit | None = None) -> tuple[int | None, int | None]:
    """Where a hit (or the whole unit) stands in its page's text: (start, end), or (None, None)
    when the unit could not be placed in the page text."""
    at = unit.page_start
    if at is None:
        return None, None
    if h is None:
        a, b = 0, len(unit.text.rstrip())
    else:
        offs = unit.key.offsets
        a = offs[max(0, min(len(offs) - 1, h.start - unit.base))]
        b = offs[max(0, min(len(offs) - 1, h.end - 1 - unit.base))] + 1
    if isinstance(at, int):
        return at + a, at + b
    return at[a], at[b - 1] + 1


def where(unit: Unit, struct: Structure) -> Where:
    if unit.toc:
        return Where.TOC
    if unit.heading and not unit.inline_body:
        return Where.HEADING
    if unit.kind == "table":
        return Where.TABLE
    return Where.BODY



def pick_evidence(sc: Score, struct: Structure) -> list[Evidence]:
    """The strongest evidence, one per (phrase, page); phrase hits become Evidence only here."""
    ranked = sorted(sc.evidence, key=lambda c: -c.value)
    seen, out = set(), []
    for c in ranked:
        k = (c.phrase, c.page)
        if k in seen:
            continue
        seen.add(k)
        out.append(c.to_evidence(struct))
        if len(out) >= MAX_EVIDENCE:
            break
    return out
