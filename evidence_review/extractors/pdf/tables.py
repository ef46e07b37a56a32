"""Ruled tables: ruling lines from pypdfium2's path objects, cells by pdfplumber's grid
functions (pdfminer never parses the page), cell texts from the page's chars."""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from evidence_review.extractors.pdf.glyphs import Box, Boxes, fix_chars, is_thai
from evidence_review.extractors.pdf.lines import Line

#: A page with at least this many path objects (lines, rects) may hold a ruled table.
TABLE_PATHS = 4
_CELL_WRAP = re.compile(r"(?<=\S)[ \t]*\n\s*(?=\S)")
_LINE_END_SPACE = re.compile(r"(?<=\S) +\n\s*(?=\S)")


def path_objects(pdfium_raw: Any, page: Any) -> int:
    """Path objects on the page, counted up to :data:`TABLE_PATHS`."""
    get, kind, path = pdfium_raw.FPDFPage_GetObject, pdfium_raw.FPDFPageObj_GetType, \
        pdfium_raw.FPDF_PAGEOBJ_PATH
    count = 0
    for i in range(pdfium_raw.FPDFPage_CountObjects(page)):
        if kind(get(page, i)) == path:
            count += 1
            if count >= TABLE_PATHS:
                break
    return count


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


def segments(pdfium_raw: Any, obj: Any) -> list[tuple[float, float, float, float]]:
    """Straight segments (x0, y0, x1, y1) of one path object, in page coordinates."""
    matrix = pdfium_raw.FS_MATRIX()
    if not pdfium_raw.FPDFPageObj_GetMatrix(obj, matrix):
        return []
    a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
    x, y = ctypes.c_float(), ctypes.c_float()
    out: list[tuple[float, float, float, float]] = []
    start = prev = None
    for i in range(pdfium_raw.FPDFPath_CountSegments(obj)):
        seg = pdfium_raw.FPDFPath_GetPathSegment(obj, i)
        if not pdfium_raw.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_raw.FPDFPathSegment_GetType(seg)
        if kind == pdfium_raw.FPDF_SEGMENT_MOVETO:
            start = prev = point
            continue
        if kind == pdfium_raw.FPDF_SEGMENT_LINETO and prev is not None:
            out.append((*prev, *point))
        prev = point
        if pdfium_raw.FPDFPathSegment_GetClose(seg) and start is not None and prev != start:
            out.append((*prev, *start))
            prev = start
    return out


def ruled_tables(pdfium_raw: Any, page: Any) -> list[tuple[Box, list[list[Box | None]]]]:
    """Ruled tables of a page: (table bbox, rows of cell bboxes), PDF coordinates (origin
    bottom left). Ruling lines come from pypdfium2's path objects; pdfplumber's grid
    functions (snap, join, intersections, cells, tables) turn them into cells, so pdfminer
    never has to parse the page."""
    height = float(pdfium_raw.FPDF_GetPageHeightF(page))
    edges: list[dict[str, Any]] = []
    for i in range(pdfium_raw.FPDFPage_CountObjects(page)):
        obj = pdfium_raw.FPDFPage_GetObject(page, i)
        if pdfium_raw.FPDFPageObj_GetType(obj) != pdfium_raw.FPDF_PAGEOBJ_PATH:
            continue
        for x0, y0, x1, y1 in segments(pdfium_raw, obj):
            if abs(y1 - y0) < 1.0 and abs(x1 - x0) >= 3.0:
                left, right, top = min(x0, x1), max(x0, x1), height - (y0 + y1) / 2
                edges.append({"x0": left, "x1": right, "top": top, "bottom": top,
                              "width": right - left, "height": 0.0, "orientation": "h"})
            elif abs(x1 - x0) < 1.0 and abs(y1 - y0) >= 3.0:
                top, bottom, x = height - max(y0, y1), height - min(y0, y1), (x0 + x1) / 2
                edges.append({"x0": x, "x1": x, "top": top, "bottom": bottom,
                              "width": 0.0, "height": bottom - top, "orientation": "v"})
    def flip(b: Any) -> Box:
        x0, top, x1, bottom = b
        return (x0, height - bottom, x1, height - top)

    return [(flip(bbox), [[flip(c) if c else None for c in row] for row in rows])
            for bbox, rows in grid_tables(edges)]


def grid_tables(edges: list[dict[str, Any]], tolerance: float = 3.0,
                ) -> list[tuple[Box, list[list[Box | None]]]]:
    """Tables made of ruling lines: pdfplumber's grid functions (snap, join, intersections,
    cells, tables) on edges in its own form (``x0 x1 top bottom orientation``, origin top
    left); (bbox, rows of cell boxes) as (x0, top, x1, bottom). A table needs two columns and
    two rows, or one ruled row of three or more cells (often the rest of a row a page break
    cut)."""
    from pdfplumber.table import (
        Table,
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )

    if len(edges) < 4:
        return []
    t = tolerance
    merged = [e for e in merge_edges(edges, t, t, t, t)
              if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"]) >= t]
    cells = intersections_to_cells(edges_to_intersections(merged, t, t))
    found = []
    for group in cells_to_tables(cells):
        table = Table(None, group)  # type: ignore[arg-type]  # rows/bbox need no page
        rows = [[tuple(map(float, c)) if c else None for c in row.cells] for row in table.rows]
        width = max(len(r) for r in rows)
        if width >= 2 and (len(rows) >= 2 or width >= 3):
            found.append((tuple(map(float, table.bbox)), rows))
    return found  # type: ignore[return-value]


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


def cell_chars(boxes: Boxes, text: str, bbox: Box, rows: list[list[Box | None]],
               indices: list[int] | None = None) -> list[list[list[int] | None]]:
    """The char indices of each cell, in stream order (None for a cell a merge covers): each
    char inside the table goes to the cell its box centre lies in, rows first (a few rows
    and columns to test per char instead of every cell)."""
    out: list[list[list[int] | None]] = [[[] if c is not None else None for c in row]
                                         for row in rows]
    spans = []
    for r, row in enumerate(rows):
        cells = [(c, cell) for c, cell in enumerate(row) if cell is not None]
        if cells:
            spans.append((min(cell[1] for _, cell in cells), max(cell[3] for _, cell in cells),
                          r, cells))
    for i, x, y in boxes.inside(text, bbox, indices):
        if text[i] == " " and text[i + 1:i + 2] in ("\r", "\n") and boxes.generated(i):
            continue
        for y0, y1, r, cells in spans:
            if y0 <= y <= y1:
                hit = next((c for c, cell in cells
                            if cell[0] <= x <= cell[2] and cell[1] <= y <= cell[3]), None)
                if hit is not None:
                    out[r][hit].append(i)  # type: ignore[union-attr]
                    break
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


def find_tables(pdfium_raw: Any, page: Any, boxes: Boxes, text: str, lines: list[Line],
                fired: set[str] | None = None) -> list[PageTable]:
    """The page's ruled tables with their cells' texts; the page lines inside a table of two
    rows or more are marked ``in_table`` with the table's index."""
    found: list[PageTable] = []
    for bbox, cell_boxes in ruled_tables(pdfium_raw, page):
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
