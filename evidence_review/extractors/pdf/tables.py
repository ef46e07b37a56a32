"""Ruled tables' cell texts from the page's chars (the grid of cells: :mod:`pdf.grid`)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from evidence_review.extractors.pdf.glyphs import Box, Boxes, fix_chars, is_thai
from evidence_review.extractors.pdf.lines import Line

_CELL_WRAP = re.compile(r"(?<=\S)[ \t]*\n\s*(?=\S)")
_LINE_END_SPACE = re.compile(r"(?<=\S) +\n\s*(?=\S)")


def fill_merged(rows: list[list[str | None]]) -> list[list[str]]:
    """pdfplumber gives None for cells a merge covers: repeat the covering cell's text.

    >>> fill_merged([["a", None], [None, "b"]])
    [['a', 'a'], ['a', 'b']]
    """
    out: list[list[str]] = []
    for r, row in enumerate(rows):
        new: list[str] = []
        for c, cell in enumerate(row):
            if cell is None:
                cell = new[c - 1] if c > 0 else (out[r - 1][c] if r > 0 and c < len(out[r - 1])
                                                 else "")
            new.append(cell)
        out.append(new)
    return out


def unwrap(cell: str) -> str:
    """A cell's line wraps are layout: Thai joins without a space, other text with one (none
    after an opening bracket or before a closing one).

    >>> unwrap("สำรองข้อมูล\\nประจำวัน"), unwrap("ต.ค. -\\nก.ย.")
    ('สำรองข้อมูลประจำวัน', 'ต.ค. - ก.ย.')
    >>> unwrap("งบประมาณ (\\nบาท)"), unwrap("(call\\ncenter)")
    ('งบประมาณ (บาท)', '(call center)')
    """
    def join(m: re.Match[str]) -> str:
        before, after = m.string[m.start() - 1], m.string[m.end()]
        if (is_thai(before) and is_thai(after)) or before in "([{" or after in ")]}":
            return ""
        return " "

    return _CELL_WRAP.sub(join, cell)


class _CellIndex:
    """Which cell of a table a point lies in: the first cell in row order, then column order,
    whose box holds it. The cells' edges cut the plane into buckets where every point lies in
    the same cells, so each bucket is looked up once (a table page has thousands of chars and
    a few dozen buckets)."""

    def __init__(self, rows: list[list[Box | None]]) -> None:
        self.cells = [(cell, r, c) for r, row in enumerate(rows)
                      for c, cell in enumerate(row) if cell is not None]
        self.xs = sorted({v for cell, _, _ in self.cells for v in (cell[0], cell[2])})
        self.ys = sorted({v for cell, _, _ in self.cells for v in (cell[1], cell[3])})
        self.memo: dict[tuple[int, int], tuple[int, int] | None] = {}

    def __call__(self, x: float, y: float) -> tuple[int, int] | None:
        xs, ys = self.xs, self.ys
        kx, ky = bisect.bisect_left(xs, x), bisect.bisect_left(ys, y)
        # on an edge (odd) or between two (even)
        key = (2 * kx + 1 if kx < len(xs) and xs[kx] == x else 2 * kx,
               2 * ky + 1 if ky < len(ys) and ys[ky] == y else 2 * ky)
        try:
            return self.memo[key]
        except KeyError:
            hit = self.memo[key] = next(((r, c) for (x0, y0, x1, y1), r, c in self.cells
                                         if x0 <= x <= x1 and y0 <= y <= y1), None)
            return hit


def cell_chars(boxes: Boxes, text: str, bbox: Box, rows: list[list[Box | None]],
               indices: list[int]) -> list[list[list[int] | None]]:
    """The char indices of each cell, in stream order (None for a cell a merge covers): each
    of the chars ``indices`` whose box centre lies inside the table goes to the cell that
    centre lies in (:class:`_CellIndex`); a space pdfium generated before a line break is
    no char of the cell."""
    out: list[list[list[int] | None]] = [[[] if c is not None else None for c in row]
                                         for row in rows]
    where = _CellIndex(rows).__call__
    x0, y0, x1, y1 = bbox
    box = boxes.__call__
    for i in indices:
        ch = text[i]
        if ch == "\r" or ch == "\n":
            continue
        left, bottom, right, top = box(i)
        x, y = (left + right) / 2, (bottom + top) / 2
        if not (x0 <= x <= x1 and y0 <= y <= y1):
            continue
        if ch == " " and text[i + 1:i + 2] in ("\r", "\n") and boxes.generated(i):
            continue
        hit = where(x, y)
        if hit is not None:
            out[hit[0]][hit[1]].append(i)  # type: ignore[union-attr]
    return out


def cell_text(boxes: Boxes, text: str, chosen: list[int],
              fired: set[str] | None = None) -> tuple[str, list[int]]:
    """The glyph-fixed text of a cell's chars (line breaks kept; a space the document wrote
    before a line break is a word gap: kept as one) and the char index of each of its chars."""
    where: list[int] = []
    fixed = fix_chars(boxes, text, chosen, fired=fired, where=where)
    out: list[str] = []
    out_where: list[int] = []
    pos = 0
    for m in _LINE_END_SPACE.finditer(fixed):
        out.append(fixed[pos:m.start()])
        out_where.extend(where[pos:m.start()])
        out.append(" ")
        out_where.append(where[m.start()])
        pos = m.end()
    out.append(fixed[pos:])
    out_where.extend(where[pos:])
    return "".join(out), out_where


@dataclass
class PageTable:
    """A ruled table of a page: its box and, per row, each cell's text as a line (None where a
    merge covers the cell)."""

    bbox: Box
    rows: list[list[Line | None]]

    @property
    def lone_row(self) -> bool:
        """One ruled row: its text stays body text (a lone row is rarely a table of its own;
        often the rest of a row a page break carried over)."""
        return len(self.rows) == 1


def find_tables(pdfium_raw: Any, page: Any, paths: list[Any], boxes: Boxes, text: str,
                lines: list[Line], fired: set[str] | None = None) -> list[PageTable]:
    """The page's ruled tables (its path objects: ``paths``) with their cells' texts; the
    page lines inside a table of two rows or more are marked ``in_table`` with the table's
    index."""
    from evidence_review.extractors.pdf.grid import ruled_tables

    found: list[PageTable] = []
    for bbox, cell_boxes in ruled_tables(pdfium_raw, page, paths):
        rows: list[list[Line | None]] = []
        # the chars of the lines that reach into the table (a line's first glyph gives its
        # baseline; marks a line break cut off sit within a letter height of it)
        near = [i for ln in lines if ln.raw and bbox[1] - 2 * max(ln.size, 1.0) <= ln.top
                <= bbox[3] + 2 * max(ln.size, 1.0) for i in range(ln.first, ln.last)]
        for r, row in enumerate(cell_chars(boxes, text, bbox, cell_boxes, near)):
            cells: list[Line | None] = []
            for c, chosen in enumerate(row):
                if chosen is None:
                    cells.append(None)
                    continue
                fixed, where = cell_text(boxes, text, chosen, fired)
                cells.append(Line(raw=fixed, fixed=fixed, where=where, in_table=True,
                                  table=len(found), cell=(r, c), box=cell_boxes[r][c]))
            rows.append(cells)
        table = PageTable(bbox=bbox, rows=rows)
        if not table.lone_row:
            for ln in lines:
                if ln.raw and bbox[0] - 1 <= ln.left <= bbox[2] and bbox[1] <= ln.top - 1 \
                        and ln.top - 1 <= bbox[3]:
                    ln.in_table, ln.table = True, len(found)
        found.append(table)
    return found


def with_cells(lines: list[Line], tables: list[PageTable]) -> list[Line]:
    """The page's lines with each table of two rows or more read cell by cell, row by row, in
    place of its lines (a cell's lines stay together: fonts whose lines of neighbouring cells
    pdfium reads across the row no longer interleave them)."""
    out: list[Line] = []
    done: set[int] = set()
    for ln in lines:
        if ln.table is None:
            out.append(ln)
        elif ln.table not in done:
            done.add(ln.table)
            out.extend(cell for row in tables[ln.table].rows for cell in row
                       if cell is not None and cell.fixed.strip())
    return out


def rows_text(table: PageTable, cut: Callable[[int, int], str] | None) -> list[list[str]]:
    """Repaired cell texts: cut from the page's repaired text (``cut``) when the cells are part
    of it, else repaired one by one; merged cells repeat the covering cell's text."""
    from evidence_review.thaitext import repair

    grid: list[list[str | None]] = []
    for row in table.rows:
        cells: list[str | None] = []
        for cell in row:
            if cell is None:
                cells.append(None)
            elif not cell.fixed.strip():
                cells.append("")
            elif cut is not None and not table.lone_row:
                cells.append(unwrap(cut(cell.start, cell.end)))
            else:
                cells.append(unwrap(repair(cell.fixed).strip()))
        grid.append(cells)
    return fill_merged(grid)
