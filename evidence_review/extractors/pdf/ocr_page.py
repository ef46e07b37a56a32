"""A PDF page read by OCR, with structure: lines and paragraphs from Tesseract's TSV, headings,
ruled tables (cells found on the cleaned image, words placed in them, read cell by cell),
one span (box) per word, and a quality that says how sure Tesseract was."""

from __future__ import annotations

import bisect
import logging
import statistics
from dataclasses import dataclass, field
from typing import Any

from evidence_review.extractors.model import Block, BlockKind, Page, Span, Table
from evidence_review.extractors.ocr import ScanResult
from evidence_review.extractors.ocr_layout import OcrLine, Word, confidence, lines, parse_tsv
from evidence_review.extractors.pdf.lines import heading_level
from evidence_review.extractors.pdf.tables import fill_merged, unwrap

log = logging.getLogger(__name__)


@dataclass
class _Unit:
    """A stretch of the page text: a line, or a table cell's lines."""

    lines: list[list[Word]]
    key: tuple[int, int] = (0, 0)  # (block, paragraph) of a line
    cell: tuple[int, int, int] | None = None  # (table, row, column)
    height: int = 0
    start: int = 0
    end: int = 0
    words: list[tuple[Word, int, int]] = field(default_factory=list)  # word, start, end

    def text(self) -> str:
        return "\n".join(OcrLine(list(ws)).text() for ws in self.lines if ws)


def _inside(w: Word, box: tuple[float, float, float, float]) -> bool:
    x, y = w.left + w.width / 2, w.top + w.height / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _units(page_lines: list[OcrLine], tables: list[Any]) -> list[_Unit]:
    """Lines in reading order, the words inside a table taken out of them and read cell by
    cell, row by row, where the table's first line was."""
    cells: dict[tuple[int, int, int], list[list[Word]]] = {}
    out: list[_Unit] = []
    placed: set[int] = set()
    for line in page_lines:
        rest: list[Word] = []
        for w in line.words:
            where = next(((t, r, c) for t, (bbox, rows) in enumerate(tables)
                          if _inside(w, bbox) for r, row in enumerate(rows)
                          for c, box in enumerate(row) if box and _inside(w, box)), None)
            if where is None:
                rest.append(w)
                continue
            if where[0] not in placed:
                placed.add(where[0])
                out.append(_Unit(lines=[], cell=(where[0], -1, -1)))  # the table goes here
            cell = cells.setdefault(where, [])
            if not cell or cell[-1][-1].key != w.key:
                cell.append([])
            cell[-1].append(w)
        if rest:
            out.append(_Unit(lines=[rest], key=rest[0].key[:2], height=OcrLine(rest).height))
    units: list[_Unit] = []
    for unit in out:
        if unit.cell is None:
            units.append(unit)
            continue
        t = unit.cell[0]
        for r, row in enumerate(tables[t][1]):
            for c, box in enumerate(row):
                if box is not None and (t, r, c) in cells:
                    units.append(_Unit(lines=cells[(t, r, c)], cell=(t, r, c)))
    return units


def _to_points(w: Word, scan: ScanResult, dpi: int) -> tuple[float, float, float, float]:
    """A word's box in points on the page: the deskew rotation undone, pixels to points."""
    import math

    cx, cy = scan.size[0] / 2, scan.size[1] / 2
    a = math.radians(scan.angle)
    x, y = w.left + w.width / 2 - cx, w.top + w.height / 2 - cy
    # the cleaned image was turned by ``angle`` counter-clockwise (y down): turn back
    ox = cx + x * math.cos(a) - y * math.sin(a)
    oy = cy + x * math.sin(a) + y * math.cos(a)
    k = 72.0 / dpi
    return ((ox - w.width / 2) * k, (oy - w.height / 2) * k, (ox + w.width / 2) * k,
            (oy + w.height / 2) * k)


def build(result: Page, scan: ScanResult, dpi: int) -> float | None:
    """Fill ``result`` from an OCR read (text, raw, blocks, tables, spans, repairs) and
    return how far to trust it (0..1, None when it read nothing): Tesseract's confidence in
    the words it read, times the share of the page's letters those words cover (a page read
    only in part is not read well, however sure Tesseract is of that part; pages read whole
    cover 95-99% of their letters, a badly blurred one 59%)."""
    from evidence_review.thaitext.chain import run

    words = parse_tsv(scan.tsv)
    units = _units(lines(words), scan.tables)
    pieces: list[str] = []
    pos = 0
    for unit in units:
        text = unit.text()
        unit.start, unit.end = pos, pos + len(text)
        at = pos
        for ws in unit.lines:
            for w in ws:
                k = text.find(w.text, at - pos)
                if k >= 0:
                    unit.words.append((w, pos + k, pos + k + len(w.text)))
                    at = pos + k + len(w.text)
        pieces.append(text)
        pos = unit.end + 1
    tracked = run("\n".join(pieces))
    offs = list(tracked.offsets)

    def span(start: int, end: int) -> tuple[int, int]:
        return bisect.bisect_left(offs, start), bisect.bisect_left(offs, end)

    def cut(start: int, end: int) -> str:
        s, e = span(start, end)
        return tracked.text[s:e].strip()

    result.text = tracked.text.strip("\n")
    lead = len(tracked.text) - len(tracked.text.lstrip("\n"))
    read: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:  # everything Tesseract read, noise too: the raw text
        read.setdefault(w.key, []).append(w)
    result.raw = "\n".join(OcrLine(ws).text() for ws in read.values())
    result.repairs = list(tracked.fired)
    result.size = (scan.size[0] * 72.0 / dpi, scan.size[1] * 72.0 / dpi) if scan.size[0] \
        else result.size
    for unit in units:
        for w, s, e in unit.words:
            a, b = span(s, e)
            if b > a:
                result.spans.append(Span(start=a - lead, end=b - lead,
                                         box=_to_points(w, scan, dpi)))
    result.blocks, result.tables = _structure(units, scan, cut, result.number)
    sure = confidence(words)
    kept = [(w.left, w.top, w.left + w.width, w.top + w.height)
            for u in units for ws in u.lines for w in ws]
    covered = scan.coverage([(a - 4, b - 4, c + 4, d + 4) for a, b, c, d in kept])
    log.info("page %d: OCR confidence %s, letters covered %s", result.number, sure, covered)
    if sure is None or covered is None:
        return sure
    return round(sure * covered, 3)


def _structure(units: list[_Unit], scan: ScanResult, cut: Any,
               number: int) -> tuple[list[Block], list[Table]]:
    """Blocks (headings by size or numbering, paragraphs by Tesseract's paragraphs, table
    cells) and tables of an OCRed page."""
    heights = [u.height for u in units if u.cell is None and u.height]
    body = statistics.median(heights) if heights else 0.0
    blocks: list[Block] = []
    grids: dict[int, list[list[str | None]]] = {
        t: [[None if box is None else "" for box in row] for row in rows]
        for t, (_, rows) in enumerate(scan.tables)}
    para: list[_Unit] = []

    def flush() -> None:
        if para:
            blocks.append(Block(kind=BlockKind.PARAGRAPH, text=cut(para[0].start, para[-1].end),
                                raw="\n".join(u.text() for u in para)))
            para.clear()

    for unit in units:
        if unit.cell is not None:
            flush()
            t, r, c = unit.cell
            grids[t][r][c] = unwrap(cut(unit.start, unit.end))
            continue
        text = cut(unit.start, unit.end)
        level = heading_level(text, unit.height, body)
        if level is not None:
            flush()
            blocks.append(Block(kind=BlockKind.HEADING, text=text, raw=unit.text(), level=level))
            continue
        if para and para[-1].key != unit.key:
            flush()
        para.append(unit)
    flush()
    tables = [Table(page=number, rows=fill_merged(grid)) for _, grid in sorted(grids.items())]
    for t, table in enumerate(tables):
        blocks.extend(Block(kind=BlockKind.TABLE_CELL, text=cell, raw=cell, table=t, row=r,
                            col=c) for r, row in enumerate(table.rows)
                      for c, cell in enumerate(row) if cell)
    return blocks, tables
