"""Criteria 3 and 4: the activity figures of a progress report, read from its tables.

Per activity: name, weight, percent implemented and objective achieved, as PROPOSED figures
for a reviewer to confirm. Missing values stay ``None`` and are stated; nothing is guessed
silently.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field

from evidence_review.extractors.model import Document
from evidence_review.messages import MessageKey, message
from evidence_review.models.activity import Activity
from evidence_review.plans.cells import Column, is_placeholder, parse_number, parse_yes_no
from evidence_review.plans.tables import find_activity_rows

FIGURES = {Column.WEIGHT, Column.PERCENT, Column.ACHIEVED}


class ProposedActivity(BaseModel):
    """One activity row as read from the table (values None when the cell had none)."""

    name: str
    weight: Decimal | None = None
    percent: Decimal | None = None
    achieved: bool | None = None
    page: int


class ActivityTable(BaseModel):
    """The activity figures found in one document, with notes on what was missing."""

    activities: list[ProposedActivity] = Field(default_factory=list)
    pages: list[int] = Field(default_factory=list)
    columns: dict[str, str] = Field(default_factory=dict,
                                    description="kind (weight/percent/...) -> header label")
    notes: list[str] = Field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.activities)

    def as_activities(self) -> list[Activity]:
        """The figures as :class:`scoring.Activity` objects."""
        return [Activity(name=a.name, weight=a.weight, percent=a.percent, achieved=a.achieved)
                for a in self.activities]


def _cell(cells: list[str], col: int | None) -> str | None:
    if col is None or col >= len(cells):
        return None
    return None if is_placeholder(cells[col]) else cells[col].strip()


def _achieved(cells: list[str], cols: list[int]) -> bool | None:
    """Yes/no from the achieved column(s); two columns (บรรลุ | ไม่บรรลุ) with a mark in one
    are read by position."""
    if len(cols) == 2:
        first, second = (_cell(cells, c) for c in cols)
        if first and not second:
            return parse_yes_no(first) is not False
        if second and not first:
            return False  # the mark sits in the "not achieved" column
    for c in cols:
        value = parse_yes_no(_cell(cells, c))
        if value is not None:
            return value
    return None


def _percent_column(rows: list, columns: dict[int, Column], name_col: int | None) -> int | None:
    """A column whose header did not say "percent" but whose cells do ("85%", "ร้อยละ 85")."""
    width = max((len(r.cells) for r in rows), default=0)
    for c in range(width):
        if c == name_col or columns.get(c) in (Column.WEIGHT, Column.ACHIEVED, Column.NUMBER):
            continue
        cells = [r.cells[c] for r in rows if c < len(r.cells) and not is_placeholder(r.cells[c])]
        marked = [x for x in cells if ("%" in x or "ร้อยละ" in x) and parse_number(x) is not None]
        if cells and len(marked) * 4 >= len(cells) * 3:
            return c
    return None


def _yes_no_column(rows: list, columns: dict[int, Column], name_col: int | None) -> int | None:
    """A column whose header did not say "achieved" but whose cells are บรรลุ/ไม่บรรลุ/✓/✗
    (a garbled or unusual header, e.g. from OCR)."""
    width = max((len(r.cells) for r in rows), default=0)
    for c in range(width):
        if c == name_col or columns.get(c) in (Column.WEIGHT, Column.PERCENT, Column.NUMBER):
            continue
        cells = [r.cells[c] for r in rows if c < len(r.cells) and not is_placeholder(r.cells[c])]
        marks = [x for x in cells if parse_yes_no(x) is not None and parse_number(x) is None]
        if cells and len(marks) * 4 >= len(cells) * 3:
            return c
    return None


def extract_activities(doc: Document) -> ActivityTable:
    """The activity table of a progress report: weights, percents, achieved flags.

    Tolerates header variants and multi-row headers, merged cells, totals rows (รวม),
    Thai digits, "85%" / "ร้อยละ 85" / "๘๕", บรรลุ / ไม่บรรลุ / ✓ / ✗ and weights on any
    scale. Percents written as fractions (0.85 in a spreadsheet formatted as %) are scaled
    to 100 and the scaling is stated.

    Returns:
        The proposed figures; ``found`` is False when no activity table was seen.
    """
    found = find_activity_rows(doc, FIGURES)
    if found is None:
        return ActivityTable(notes=["no activity table with weight, percent or achieved "
                                    "columns found"])
    layout = found.layout
    name_col = layout.first(Column.NAME)
    weight_col = layout.first(Column.WEIGHT)
    percent_col = layout.first(Column.PERCENT)
    achieved_cols = layout.all(Column.ACHIEVED)
    notes = list(found.skipped)
    if percent_col is None and (col := _percent_column(found.rows, layout.columns, name_col)):
        percent_col = col
        notes.append(message(MessageKey.COLUMN_READ_AS_PERCENT,
                             column=str(layout.labels.get(col, col))))
    if not achieved_cols and (col := _yes_no_column(found.rows, layout.columns, name_col)):
        achieved_cols = [col]
        notes.append(message(MessageKey.COLUMN_READ_AS_ACHIEVED,
                             column=str(layout.labels.get(col, col))))
    activities: list[ProposedActivity] = []
    for row in found.rows:
        cells = row.cells
        name = _cell(cells, name_col) or ""
        weight = parse_number(_cell(cells, weight_col))
        percent = parse_number(_cell(cells, percent_col))
        achieved = _achieved(cells, achieved_cols)
        if weight is None and percent is None and achieved is None:
            if name:
                notes.append(message(MessageKey.ROW_WITHOUT_FIGURES, page=row.page,
                                     row=row.index + 1, name=name[:60]))
            continue
        if not name:
            if activities:  # a row split by a page break: the rest of the previous activity
                prev = activities[-1]
                prev.weight = prev.weight if prev.weight is not None else weight
                prev.percent = prev.percent if prev.percent is not None else percent
                prev.achieved = prev.achieved if prev.achieved is not None else achieved
                continue
            name = f"(row {row.index + 1}, page {row.page})"
        activities.append(ProposedActivity(name=" ".join(name.split()), weight=weight,
                                           percent=percent, achieved=achieved, page=row.page))
    percents = [a.percent for a in activities if a.percent is not None]
    if percents and all(p <= 1 for p in percents) and any(0 < p < 1 for p in percents):
        for a in activities:
            if a.percent is not None:
                a.percent *= 100
        notes.append(message(MessageKey.PERCENTS_AS_FRACTIONS))
    if weight_col is None:
        notes.append(message(MessageKey.NO_WEIGHT_COLUMN))
    elif any(a.weight is None for a in activities):
        notes.append(message(MessageKey.SOME_WEIGHTS_MISSING))
    if percent_col is None:
        notes.append(message(MessageKey.NO_PERCENT_COLUMN))
    if not achieved_cols:
        notes.append(message(MessageKey.NO_ACHIEVED_COLUMN))
    columns = {kind.value: layout.labels.get(col, "")
               for kind, col in ((Column.NAME, name_col), (Column.WEIGHT, weight_col),
                                 (Column.PERCENT, percent_col),
                                 (Column.ACHIEVED, achieved_cols[0] if achieved_cols else None))
               if col is not None}
    return ActivityTable(activities=activities, pages=found.pages, columns=columns, notes=notes)
