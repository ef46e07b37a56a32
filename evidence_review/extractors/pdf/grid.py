"""Ruling lines and the cell grid of ruled tables: lines from pypdfium2's path objects, cells
by pdfplumber's grid functions (pdfminer never parses the page)."""

from __future__ import annotations

import ctypes
import functools
from collections import defaultdict
from typing import Any

from evidence_review.extractors.pdf.glyphs import Box, untyped

#: A page with at least this many path objects (lines, rects) may hold a ruled table.
TABLE_PATHS = 4
Point = tuple[float, float]


def page_paths(pdfium_raw: Any, page: Any) -> list[Any]:
    """The page's path objects (lines, rects), in one pass over its objects (untyped calls:
    a page of a budget book has thousands of text objects to pass over)."""
    get = untyped(pdfium_raw.FPDFPage_GetObject, ctypes.c_void_p)
    kind, path = untyped(pdfium_raw.FPDFPageObj_GetType), pdfium_raw.FPDF_PAGEOBJ_PATH
    void = ctypes.c_void_p
    addresses = [a for a in (get(page, i) for i in range(pdfium_raw.FPDFPage_CountObjects(page)))
                 if a and kind(void(a)) == path]
    return [ctypes.cast(void(a), pdfium_raw.FPDFPage_GetObject.restype) for a in addresses]


@functools.lru_cache(maxsize=1)
def _path_calls(pdfium_raw: Any) -> tuple[Any, Any, Any, Any]:
    """pdfium's per-segment calls, untyped (:func:`glyphs.untyped`; a table page has a few
    thousand segments): get a segment (returns its address), its point, type, close flag."""
    get = untyped(pdfium_raw.FPDFPath_GetPathSegment, ctypes.c_void_p)
    return (get, untyped(pdfium_raw.FPDFPathSegment_GetPoint),
            untyped(pdfium_raw.FPDFPathSegment_GetType),
            untyped(pdfium_raw.FPDFPathSegment_GetClose))


def segments(pdfium_raw: Any, obj: Any) -> list[tuple[float, float, float, float]]:
    """Straight segments (x0, y0, x1, y1) of one path object, in page coordinates."""
    matrix = pdfium_raw.FS_MATRIX()
    if not pdfium_raw.FPDFPageObj_GetMatrix(obj, matrix):
        return []
    a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
    get, get_point, get_type, get_close = _path_calls(pdfium_raw)
    moveto, lineto = pdfium_raw.FPDF_SEGMENT_MOVETO, pdfium_raw.FPDF_SEGMENT_LINETO
    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    out: list[tuple[float, float, float, float]] = []
    start = prev = None
    for i in range(pdfium_raw.FPDFPath_CountSegments(obj)):
        address = get(obj, i)
        if not address:
            continue
        seg = ctypes.c_void_p(address)
        if not get_point(seg, px, py):
            continue
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = get_type(seg)
        if kind == moveto:
            start = prev = point
            continue
        if kind == lineto and prev is not None:
            out.append((*prev, *point))
        prev = point
        if get_close(seg) and start is not None and prev != start:
            out.append((*prev, *start))
            prev = start
    return out


def ruled_tables(pdfium_raw: Any, page: Any,
                 paths: list[Any]) -> list[tuple[Box, list[list[Box | None]]]]:
    """Ruled tables of a page whose path objects are ``paths`` (:func:`page_paths`): (table
    bbox, rows of cell bboxes), PDF coordinates (origin bottom left). Ruling lines come from
    pypdfium2's path objects; pdfplumber's grid functions (snap, join, intersections, cells,
    tables) turn them into cells, so pdfminer never has to parse the page."""
    height = float(pdfium_raw.FPDF_GetPageHeightF(page))
    edges: list[dict[str, Any]] = []
    for obj in paths:
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
    from pdfplumber.table import Table, cells_to_tables, edges_to_intersections, merge_edges

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




def intersections_to_cells(intersections: dict[Point, dict[str, list[dict[str, Any]]]],
                           ) -> list[Box]:
    """pdfplumber's ``intersections_to_cells``, the same cells in the same order, fast: each
    point's edge sets are built once (pdfplumber rebuilds both sets on every test of two
    points) and the points below and right of a point come from its column and row (not a
    scan of every later point). A table page of a budget book has hundreds of points.

    >>> h = lambda top: {"x0": 0, "x1": 10, "top": top, "bottom": top}
    >>> v = lambda x: {"x0": x, "x1": x, "top": 0, "bottom": 10}
    >>> pts = {(x, y): {"v": [v(x)], "h": [h(y)]} for x in (0, 10) for y in (0, 10)}
    >>> intersections_to_cells(pts)
    [(0, 0, 10, 10)]
    """
    from pdfplumber.utils import obj_to_bbox

    vs = {p: {obj_to_bbox(e) for e in d["v"]} for p, d in intersections.items()}
    hs = {p: {obj_to_bbox(e) for e in d["h"]} for p, d in intersections.items()}
    column: dict[float, list[Point]] = defaultdict(list)
    row: dict[float, list[Point]] = defaultdict(list)
    points = sorted(intersections)
    for p in points:  # sorted by x then y: a column lists its points top down
        column[p[0]].append(p)
    for p in sorted(points, key=lambda q: (q[1], q[0])):
        row[p[1]].append(p)

    def connects(p1: Point, p2: Point) -> bool:
        return bool((p1[0] == p2[0] and not vs[p1].isdisjoint(vs[p2]))
                    or (p1[1] == p2[1] and not hs[p1].isdisjoint(hs[p2])))

    cells: list[Box] = []
    for pt in points:
        below = [q for q in column[pt[0]] if q[1] > pt[1]]
        right = [q for q in row[pt[1]] if q[0] > pt[0]]
        cell = next(((pt[0], pt[1], r[0], b[1]) for b in below if connects(pt, b)
                     for r in right if connects(pt, r)
                     if (r[0], b[1]) in vs and connects((r[0], b[1]), r)
                     and connects((r[0], b[1]), b)), None)
        if cell is not None:
            cells.append(cell)
    return cells
