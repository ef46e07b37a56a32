"""Placeholder rows: a table row that names a sub-issue while its other cells say nothing
("-", "ไม่มี", "อยู่ระหว่างดำเนินการ", "0") is no coverage, in any table of any format. In a
table with measured columns (percent done, achieved: the rubric's progress ``role_columns``)
the row is judged by those columns: an activity with no result reported is not covered. A
row's number ("2", "3.2") is part of its label, not something it reports. A column whose
header names a sub-issue and whose cells all say nothing is no coverage either."""

from __future__ import annotations

import re

from evidence_review.classifiers.matcher import CompiledRubric
from evidence_review.classifiers.titles import Verified, WordsOf, may_name, word_sids
from evidence_review.classifiers.units import Unit, residue

#: A label cell longer than this is a paragraph, not the name of a row.
LABEL_CHARS = 200
#: A cell longer than this (key characters) says something: no placeholder is that long.
SHORT_CELL = 40
#: Any digit other than zero (Arabic or Thai) means the cell reports something.
_NONZERO_DIGIT = re.compile(r"[1-9๑-๙]")
#: A cell holding only a row's number: "2", "(3)", "3.2", "๖.๒."
_NUMBERING = re.compile(r"^[\s(]*[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3}){0,2}[.)]?\s*$")


def numbering_cell(text: str) -> bool:
    """A cell that only numbers its row.

    >>> numbering_cell("2"), numbering_cell("3.2"), numbering_cell("(๓)"), numbering_cell("100%")
    (True, True, True, False)
    """
    return bool(_NUMBERING.match(text))


def says_nothing(key: str, placeholders: list[str]) -> bool:
    """A cell's key text holds only placeholders, punctuation and zeros.

    >>> p = ["ไม่มี", "-", "อยู่ระหว่างดำเนินการ"]
    >>> says_nothing("-", p), says_nothing("0.00%", p), says_nothing("อยู่ระหว่างดำเนินการ", p)
    (True, True, True)
    >>> says_nothing("100", p), says_nothing("บรรลุ", p), says_nothing("10", p)
    (False, False, False)
    >>> says_nothing("3.01471.0700", p), says_nothing("0.0.0", p), says_nothing("๕", p)
    (False, True, False)
    """
    if _NONZERO_DIGIT.search(key):
        return False
    return residue(key, placeholders) == "" or residue(key.replace("%", ""), placeholders) == ""


#: A document's tables: (page, table) -> row -> its cells, in document order.
Tables = dict[tuple[int, int | None], dict[int, list[Unit]]]


def table_cells(units: list[Unit]) -> Tables:
    """The table cells of ``units`` by table and row (gathered once per document)."""
    tables: Tables = {}
    for u in units:
        if u.kind == "table" and u.row is not None:
            tables.setdefault((u.page, u.table), {}).setdefault(u.row, []).append(u)
    return tables


def mark_placeholder_rows(tables: Tables, comp: CompiledRubric, placeholders: list[str],
                          verified: Verified, words_of: WordsOf) -> None:
    """Mark the cells of placeholder rows as not counted (``overview``)."""
    measured_words = [w for w in comp.rubric.role_columns.get("progress", ()) if w]
    for rows in tables.values():
        measured = _measured_columns(rows, measured_words)
        for r, cells in rows.items():
            if r in measured.get("header_rows", ()):  # (a header row)
                continue
            label = next((c for c in sorted(cells, key=lambda c: c.col or 0)
                          if len(c.text) <= LABEL_CHARS and may_name(c, words_of)
                          and word_sids(c, verified, words_of)), None)
            if label is None:
                continue
            others = [c for c in cells if c is not label and not numbering_cell(c.text)]
            judged = [c for c in others if c.col in measured.get("cols", ())] or others
            if judged and all(says_nothing(c.key.text, placeholders) for c in judged):
                for c in cells:
                    c.overview = True
                    c.why = c.why or "placeholder"


def mark_placeholder_columns(tables: Tables, placeholders: list[str], verified: Verified,
                             words_of: WordsOf) -> None:
    """A header cell naming a sub-issue whose column's cells all say nothing ("-", "ไม่มี"):
    the header is not counted (a matrix of systems by sub-issue with an empty column)."""
    for rows in tables.values():
        order = sorted(rows)
        if len(order) < 2:
            continue
        for head in rows[order[0]]:
            if head.col is None or len(head.text) > LABEL_CHARS:
                continue
            column = [c for r in order[1:] for c in rows[r] if c.col == head.col]
            if (not column or any(len(c.key.text) > SHORT_CELL for c in column)
                    or not may_name(head, words_of) or not word_sids(head, verified, words_of)):
                continue
            if all(says_nothing(c.key.text, placeholders) for c in column):
                head.overview = True
                head.why = head.why or "placeholder"


def _measured_columns(rows: dict[int, list[Unit]], words: list[str]) -> dict[str, set[int]]:
    """The columns whose header (one of the first two rows) names a measured result."""
    cols: set[int] = set()
    header_rows: set[int] = set()
    for r in sorted(rows)[:2]:
        for c in rows[r]:
            if c.col is not None and any(w in c.text for w in words):
                cols.add(c.col)
                header_rows.add(r)
    return {"cols": cols, "header_rows": header_rows}
