"""Tables without ruling lines, found by column alignment (pages of producers that write text
in reading order, such as LibreOffice).

The page's lines are cut where the gap between two glyphs is wider than a letter (pdfium
reads a row of cells as one line: ``กิจกรรม ระยะ``), giving segments. Segments that start at
the same x on two or more baselines that hold two or more segments are columns; the visual
rows around those baselines whose every segment starts at a column and ends before the next
one form the table. A gap between baselines wider than the table's line pitch starts a new
row (a wrapped cell's lines are one pitch apart; rows are set apart by the cells' padding).
Body text never qualifies: a line of a paragraph runs across the columns.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from evidence_review.extractors.pdf.glyphs import Box, Boxes
from evidence_review.extractors.pdf.lines import Line
from evidence_review.extractors.pdf.tables import PageTable, cell_text

#: Glyphs further apart than this share of the font size belong to different cells (a word
#: space is about a third of it; cells' padding sets their texts further apart).
_CELL_GAP = 0.6
#: Segment starts this close (points) are one column.
_ALIGN = 3.0
#: A baseline gap wider than this share of the table's line pitch starts a new row.
_ROW_GAP = 1.15
#: Points right of the left margin beyond which a line start may be a column (past a
#: paragraph's first-line indent).
_FAR = 100.0


@dataclass
class _Segment:
    chars: list[int]  # its glyphs' char indices (the spaces between them are in the stream)
    left: float
    right: float
    base: float
    size: float
    line: int  # index of the page line it was cut from


@dataclass
class _Row:
    base: float
    segs: list[_Segment] = field(default_factory=list)


def _segments(lines: list[Line], boxes: Boxes, text: str) -> list[_Segment]:
    """The page's lines cut at gaps wider than a letter."""
    out: list[_Segment] = []
    for k, ln in enumerate(lines):
        if not ln.raw or ln.table is not None:
            continue
        size = max(ln.size, 1.0)
        cur: list[int] = []
        right = left = 0.0
        for i in range(ln.first, ln.last):
            if text[i] in " \r\n":
                continue
            x0, _, x1, _ = boxes(i)
            if cur and x0 - right > _CELL_GAP * size:
                out.append(_Segment(cur, left, right, ln.top, size, k))
                cur = []
            if not cur:
                left = x0
            cur.append(i)
            right = max(right, x1) if len(cur) > 1 else x1
        if cur:
            out.append(_Segment(cur, left, right, ln.top, size, k))
    return out


def _rows(segs: list[_Segment]) -> list[_Row]:
    """Segments grouped by baseline, top of the page first."""
    rows: list[_Row] = []
    for seg in sorted(segs, key=lambda s: (-s.base, s.left)):
        if rows and abs(rows[-1].base - seg.base) < 0.3 * seg.size:
            rows[-1].segs.append(seg)
        else:
            rows.append(_Row(seg.base, [seg]))
    return rows


def _columns(rows: list[_Row]) -> list[float]:
    """Column starts: segment lefts shared by two or more rows of two or more segments."""
    starts = sorted(s.left for r in rows if len(r.segs) >= 2 for s in r.segs)
    groups: list[list[float]] = []
    for x in starts:
        if groups and x - groups[-1][-1] <= _ALIGN:
            groups[-1].append(x)
        else:
            groups.append([x])
    return [min(g) for g in groups if len(g) >= 2]


def _fits(row: _Row, cols: list[float]) -> bool:
    """Every segment starts at a column and ends before the next column starts."""
    for seg in row.segs:
        k = next((c for c, x in enumerate(cols) if abs(seg.left - x) <= _ALIGN), None)
        if k is None or (k + 1 < len(cols) and seg.right > cols[k + 1] - _ALIGN):
            return False
    return True


def _region(rows: list[_Row], cols: list[float]) -> tuple[int, int] | None:
    """The run of rows, around the rows of two or more segments, that fit the columns."""
    multi = [i for i, r in enumerate(rows) if len(r.segs) >= 2 and _fits(r, cols)]
    if len(multi) < 2:
        return None
    first, last = multi[0], multi[-1]
    if not all(_fits(rows[i], cols) for i in range(first, last + 1)):
        return None
    gaps = [rows[i].base - rows[i + 1].base for i in range(first, last)]
    pitch = min(gaps) if gaps else 0.0
    while last + 1 < len(rows) and _fits(rows[last + 1], cols) and \
            rows[last].base - rows[last + 1].base <= _ROW_GAP * pitch:
        last += 1  # a last cell's wrapped lines below the last row of several segments
    return first, last


def maybe_columns(lines: list[Line]) -> bool:
    """A cheap first test (no glyph boxes): lines start at two or more places well right of
    the page's left margin, each shared by two lines (paragraph indents give one such place,
    a table's columns several)."""
    lefts = sorted(ln.left for ln in lines if ln.raw and ln.table is None)
    if len(lefts) < 6:
        return False
    far = [x for x in lefts if x >= lefts[0] + _FAR]
    places = 0
    run = 1
    for a, b in itertools.pairwise(far):
        if b - a <= _ALIGN:
            run += 1
            if run == 2:
                places += 1
        else:
            run = 1
    return places >= 2


def unruled_tables(lines: list[Line], boxes: Boxes, text: str,
                   fired: set[str] | None = None) -> list[PageTable]:
    """The page's table without ruling lines, if its columns are clear (module docstring):
    cells as lines, like :func:`tables.find_tables`; the page lines it covers are marked
    ``in_table``. At most one table per page."""
    if not maybe_columns(lines):
        return []
    rows = _rows(_segments(lines, boxes, text))
    cols = _columns(rows)
    if len(cols) < 2:
        return []
    found = _region(rows, cols)
    if found is None:
        return []
    first, last = found
    body = rows[first:last + 1]
    gaps = [a.base - b.base for a, b in itertools.pairwise(body)]
    pitch = min(gaps)
    single = max(gaps) <= _ROW_GAP * pitch  # no cell wraps: each baseline is a row
    groups: list[list[_Row]] = []
    for k, row in enumerate(body):
        if not groups or single or gaps[k - 1] > _ROW_GAP * pitch:
            groups.append([])
        groups[-1].append(row)
    if len(groups) < 2:
        return []
    table_rows: list[list[Line | None]] = []
    covered: set[int] = set()
    for r, group in enumerate(groups):
        cells: list[Line | None] = []
        for c, x in enumerate(cols):
            segs = [s for row in group for s in row.segs if abs(s.left - x) <= _ALIGN]
            covered.update(s.line for s in segs)
            cells.append(_cell(boxes, text, segs, (r, c), fired))
        table_rows.append(cells)
    left, right = cols[0], max(s.right for row in body for s in row.segs)
    top = body[0].base + max(s.size for s in body[0].segs)
    bottom = body[-1].base - max(s.size for s in body[-1].segs) * 0.5
    table = PageTable(bbox=(left, bottom, right, top), rows=table_rows)
    for k in covered:
        lines[k].in_table, lines[k].table = True, 0
    return [table]


def _cell(boxes: Boxes, text: str, segs: list[_Segment], at: tuple[int, int],
          fired: set[str] | None) -> Line:
    """A cell's text as a line: its segments' chars (the spaces inside a segment too), a line
    break between two segments; its box spans them."""
    fixed, where = "", []
    gap, gap_at = False, -1
    for seg in segs:
        end = seg.chars[-1] + 1
        spaced = text[end:end + 1] == " "  # a word gap the document wrote at the wrap
        piece, at_chars = cell_text(boxes, text, list(range(seg.chars[0], end)), fired)
        if fixed:
            fixed += " " if gap else "\n"
            where.append(gap_at if gap else -1)
        fixed += piece
        where.extend(at_chars)
        gap, gap_at = spaced, end
    box: Box | None = None
    if segs:
        box = (min(s.left for s in segs), segs[-1].base - 0.3 * segs[-1].size,
               max(s.right for s in segs), segs[0].base + segs[0].size)
    return Line(raw=fixed, fixed=fixed, where=where, in_table=True, table=0, cell=at, box=box)
