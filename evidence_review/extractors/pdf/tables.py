"""Ruled tables: ruling lines from pypdfium2's path objects, cells by pdfplumber's grid
functions (pdfminer never parses the page), cell texts from the page's chars."""

from __future__ import annotations

import ctypes
import re
from typing import Any

from evidence_review.extractors.pdf.glyphs import Box, Boxes, fix_chars, is_thai

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
    from pdfplumber.table import (
        Table,
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )

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
    if len(edges) < 4:
        return []
    merged = [e for e in merge_edges(edges, 3, 3, 3, 3)
              if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"]) >= 3]
    cells = intersections_to_cells(edges_to_intersections(merged, 3, 3))

    def flip(b: Any) -> Box:
        x0, top, x1, bottom = b
        return (x0, height - bottom, x1, height - top)

    found = []
    for group in cells_to_tables(cells):
        table = Table(None, group)  # type: ignore[arg-type]  # rows/bbox need no page
        rows = [[flip(c) if c else None for c in row.cells] for row in table.rows]
        width = max(len(r) for r in rows)
        # one ruled row of three or more cells: often the rest of a row a page break cut
        if width >= 2 and (len(rows) >= 2 or width >= 3):
            found.append((flip(table.bbox), rows))
    return found


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


def table_rows(boxes: Boxes, text: str, bbox: Box,
                rows: list[list[Box | None]]) -> list[list[str]]:
    """Repaired cell texts; a cell a merge covers (None) repeats the covering cell's text."""
    from evidence_review.thaitext import repair

    centres = boxes.inside(text, bbox)  # (index, x, y) of the chars inside the table
    grid: list[list[str | None]] = []
    for row in rows:
        cells: list[str | None] = []
        for cell in row:
            if cell is None:
                cells.append(None)
                continue
            chosen = [i for i, x, y in centres
                      if cell[0] <= x <= cell[2] and cell[1] <= y <= cell[3]
                      and not (text[i] == " " and text[i + 1:i + 2] in ("\r", "\n")
                               and boxes.generated(i))]
            # a space the document wrote before a line break is a word gap: kept as one
            fixed = _LINE_END_SPACE.sub(" ", fix_chars(boxes, text, chosen))
            cells.append(unwrap(repair(fixed).strip()))
        grid.append(cells)
    return fill_merged(grid)

