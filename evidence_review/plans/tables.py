"""Finding the activity table in a document's tables: header rows, columns, data rows.

Tables come from :class:`extractors.model.Table` (merged cells repeat their text), so a
two-row header ("ผลการดำเนินงาน" over "ร้อยละ" and "บรรลุ") reads as one label per column by
joining the header rows' texts. Documents without table structure are read through
:mod:`plans.text_tables` (tables laid out in plain text, or ruling lost to OCR).
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field

from evidence_review.extractors.model import Document, Table
from evidence_review.messages import MessageKey, message
from evidence_review.plans.cells import (
    LIST_NUMBER,
    Column,
    classify_header,
    is_placeholder,
    is_total_label,
    join_cell,
    squash,
)
from evidence_review.plans.text_tables import header_text_tables, text_tables

#: Header rows may start this far down (titles above the table) and span this many rows.
MAX_HEADER_START = 3
MAX_HEADER_DEPTH = 3


class Layout(BaseModel):
    """Where a table's header ends and which column holds what."""

    header_rows: int = Field(description="Data starts at this row index.")
    columns: dict[int, Column]
    labels: dict[int, str]
    header: list[list[str]] = Field(default_factory=list, description="The header rows.")

    def first(self, kind: Column) -> int | None:
        """The first column of ``kind``, or None."""
        return next((i for i, k in sorted(self.columns.items()) if k is kind), None)

    def all(self, kind: Column) -> list[int]:
        return [i for i, k in sorted(self.columns.items()) if k is kind]

    @property
    def kinds(self) -> set[Column]:
        return set(self.columns.values())


class Row(BaseModel):
    """One data row of an activity table."""

    page: int
    index: int
    cells: list[str]


class ActivityRows(BaseModel):
    """The data rows of one activity table (possibly continued over several pages)."""

    layout: Layout
    pages: list[int]
    rows: list[Row]
    skipped: list[str] = Field(default_factory=list, description="Rows left out, and why.")


def _label(rows: list[list[str]], start: int, depth: int, col: int) -> str:
    parts: list[str] = []
    for r in rows[start:start + depth]:
        text = r[col].strip() if col < len(r) else ""
        if text and (not parts or parts[-1] != text):
            parts.append(text)
    return " ".join(parts)


def detect_layout(table: Table, wanted: set[Column]) -> Layout | None:
    """The best header reading of ``table``: the one naming most distinct column kinds.

    Needs an activity-name column (or, failing that, text to the left of the figures) and at
    least one of ``wanted``; returns None for a table that is not an activity table.
    """
    rows = table.rows
    best: tuple[int, int, Layout] | None = None
    for start in range(min(MAX_HEADER_START + 1, len(rows))):
        for depth in range(1, MAX_HEADER_DEPTH + 1):
            if start + depth > len(rows):
                break
            width = max(len(r) for r in rows[start:start + depth])
            labels = {c: _label(rows, start, depth, c) for c in range(width)}
            columns = {c: k for c, lab in labels.items() if (k := classify_header(lab))}
            kinds = set(columns.values())
            if not kinds & wanted:
                continue
            if Column.NAME not in kinds:
                name_col = _guess_name_column(rows[start + depth:], columns, width)
                if name_col is None:
                    continue
                columns[name_col] = Column.NAME
                kinds.add(Column.NAME)
            quality = len(kinds & wanted) * 10 + len(kinds)
            layout = Layout(header_rows=start + depth, columns=columns, labels=labels,
                            header=[list(r) for r in rows[start:start + depth]])
            key = (quality, -(start + depth))
            if best is None or key > best[:2]:
                best = (key[0], key[1], layout)
    return best[2] if best else None


def _guess_name_column(data: list[list[str]], columns: dict[int, Column],
                       width: int) -> int | None:
    """The first unclassified column whose cells are mostly words, not numbers."""
    for c in range(width):
        if c in columns:
            continue
        cells = [r[c] for r in data if c < len(r) and not is_placeholder(r[c])]
        wordy = [x for x in cells if sum(ch.isalpha() for ch in x) >= 4]
        if cells and len(wordy) * 2 > len(cells):
            return c
    return None


def _is_section_row(cells: list[str]) -> bool:
    """A row merged across the whole table ("ประเด็นที่ 1 ...") repeats one text."""
    texts = {squash(c) for c in cells}
    return len(cells) > 2 and len(texts) == 1


def _is_header_again(cells: list[str], layout: Layout) -> bool:
    """A header row repeated at the top of a continued page."""
    mine = [squash(c) for c in cells]
    for header in layout.header:
        theirs = [squash(c) for c in header]
        filled = [i for i, t in enumerate(theirs) if t]
        same = sum(1 for i in filled if i < len(mine) and mine[i] == theirs[i])
        if filled and same * 2 > len(filled):
            return True
    return False


def _continues(cells: list[str], prev: list[str], layout: Layout) -> bool:
    """Whether the first row of a table's continuation is the rest of the row before the page
    break: the table numbers its rows (in a column of their own or before each name) and
    this one has no number while the one before has, or its name cell is all it has.
    (A row with no name is the rest of the one before too: see
    :func:`plans.activities.extract_activities`.)"""
    def cell(row: list[str], col: int | None) -> str:
        return row[col] if col is not None and col < len(row) else ""

    number, name = layout.first(Column.NUMBER), layout.first(Column.NAME)
    if number is not None and cell(prev, number).strip():
        return is_placeholder(cell(cells, number))
    if is_placeholder(cell(cells, name)):
        return False
    if LIST_NUMBER.match(cell(prev, name)) and not LIST_NUMBER.match(cell(cells, name)):
        return True
    return all(is_placeholder(c) for i, c in enumerate(cells) if i != name)


def data_rows(tables: Iterable[Table], layout: Layout) -> tuple[list[Row], list[str]]:
    """The rows after the header, without totals, section, repeated-header and empty rows.

    A table's first row that continues the last row of the page before (a row split by a
    page break: no number of its own) is joined to that row, cell by cell.
    """
    rows: list[Row] = []
    skipped: list[str] = []
    name_col = layout.first(Column.NAME)
    for t_index, table in enumerate(tables):
        start = layout.header_rows if t_index == 0 else 0
        first = True
        for i, cells in enumerate(table.rows[start:], start=start):
            if all(is_placeholder(c) for c in cells) or _is_header_again(cells, layout):
                continue
            if first and t_index and rows and _continues(cells, rows[-1].cells, layout):
                prev = rows[-1]
                width = max(len(prev.cells), len(cells))
                prev.cells = [join_cell(prev.cells[c] if c < len(prev.cells) else "",
                                        cells[c] if c < len(cells) else "")
                              for c in range(width)]
                skipped.append(message(MessageKey.ROW_JOINED_ACROSS_PAGES, page=table.page,
                                       row=i + 1))
                first = False
                continue
            first = False
            name = cells[name_col] if name_col is not None and name_col < len(cells) else ""
            first_two = " ".join(cells[:2])
            if is_total_label(name) or is_total_label(cells[0] if cells else "") \
                    or is_total_label(first_two):
                skipped.append(message(MessageKey.TOTALS_ROW_LEFT_OUT, page=table.page,
                                       row=i + 1, label=name or first_two))
                continue
            if _is_section_row(cells):
                continue
            rows.append(Row(page=table.page, index=i, cells=cells))
    return rows, skipped


def find_activity_rows(doc: Document, wanted: set[Column],
                       min_wanted: int = 1) -> ActivityRows | None:
    """The document's activity table: the table whose header names most ``wanted`` columns,
    together with any tables continuing it on the following pages. Documents without
    table structure are read from text laid out in columns (:func:`text_tables`).

    Args:
        doc: an extracted document.
        wanted: the column kinds that make a table interesting (weight, percent ...).
        min_wanted: how many of them the header must name.
    """
    found = _find(doc.tables, wanted, min_wanted)
    if found is None:
        found = _find(text_tables(doc), wanted, min_wanted)
    if found is None:
        found = _find(header_text_tables(doc, wanted), wanted, min_wanted)
    return found


def _is_header(layout: Layout) -> bool:
    """Whether a layout's header rows read as a header: most of their filled cells name a
    column kind. A continued table's first data row may hold one header word by chance
    ("... ทุกไตรมาส" reads as a period label); that is no new table.

    >>> layout = Layout(header_rows=1, columns={1: Column.PERIOD, 2: Column.NAME},
    ...                 labels={0: "", 1: "การใช้ระบบทุกไตรมาส", 2: "ระบบสม่ำเสมอ", 3: "ครั้ง"})
    >>> _is_header(layout)
    False
    """
    filled = [c for c, lab in layout.labels.items() if not is_placeholder(lab)]
    named = [c for c in filled if classify_header(layout.labels[c]) is not None]
    return len(named) >= 2 and len(named) * 2 > len(filled)


def _find(tables: list[Table], wanted: set[Column], min_wanted: int) -> ActivityRows | None:
    candidates: list[tuple[int, int, Layout]] = []
    for i, table in enumerate(tables):
        if not table.rows:
            continue
        layout = detect_layout(table, wanted)
        if layout is None or len(layout.kinds & wanted) < min_wanted:
            continue
        body = len(table.rows) - layout.header_rows
        candidates.append((len(layout.kinds & wanted) * 1000 + body, i, layout))
    if not candidates:
        return None
    _, first, layout = max(candidates, key=lambda c: (c[0], -c[1]))
    group = [tables[first]]
    width = max(len(r) for r in tables[first].rows)
    for nxt in tables[first + 1:]:
        if not nxt.rows or nxt.page not in {group[-1].page, group[-1].page + 1}:
            break
        if max(len(r) for r in nxt.rows) != width:
            break
        again = detect_layout(nxt, wanted)
        if again is not None and again.columns != layout.columns and _is_header(again):
            break
        group.append(nxt)
    rows, skipped = data_rows(group, layout)
    return ActivityRows(layout=layout, pages=sorted({t.page for t in group}), rows=rows,
                        skipped=skipped)
