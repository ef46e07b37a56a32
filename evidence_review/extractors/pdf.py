"""PDF backend: pypdfium2 text with glyph-position fixes, Thai repair, a quality gate to OCR,
and ruled tables on pages that have ruling lines.

Why this combination (measured, see README and benchmarks/extract.py):

* pypdfium2 honours ``/ActualText`` (LibreOffice wraps every ำ in one) and keeps the content
  stream order, so LibreOffice PDFs come out exact, at ~1,000 pages/s.
* Microsoft Word PDFs write a combining mark after the wrong letter (มนั่ใจ) and draw nikhahit as a
  glyph mapped to a space (ท าได้). Each char's box tells which letter a mark sits over and
  that a "space" floats above the line, so both are fixed from positions, not guessed from text.
* Excel -> Distiller doubling, U+FFFD, PUA glyphs, ำา and the like are text problems for
  :mod:`thaitext`.
* Pages whose text is still untrustworthy (:func:`thaitext.quality` below the threshold) or
  empty with an image go to Tesseract (:mod:`extractors.ocr`).
* pdfplumber (pdfminer) is ~50x slower and misreads LibreOffice glyphs: only its grid
  algorithm is used, on ruling lines read by pypdfium2; cell texts come from pypdfium2 chars.
"""

from __future__ import annotations

import bisect
import ctypes
import dataclasses
import itertools
import logging
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from evidence_review.extractors.base import ExtractionError, Extractor
from evidence_review.extractors.model import (
    Block,
    BlockKind,
    Document,
    ErrorCategory,
    ErrorItem,
    Page,
    Status,
    Table,
)
from evidence_review.extractors.options import ExtractOptions, PdfOptions
from evidence_review.intake import FileFormat, IntakeRecord, Limits
from evidence_review.messages import Bilingual, MessageKey, message
from evidence_review.messages import text as _text  # `text` is a common local name here
from evidence_review.thaitext.chars import CONSONANTS, MARKS

log = logging.getLogger(__name__)

_MARKS = frozenset(MARKS)
_STACKED = frozenset("\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d")
_CONSONANTS = frozenset(CONSONANTS)
_LINE_SPLIT = re.compile(r"\r\n|\r|\n")
_NUMBERED = re.compile(r"^\(?((?:[0-9๐-๙]{1,2}\.)*[0-9๐-๙]{1,2})[.)]?\s+\S")
_PART = re.compile(r"^(?:ส่วนที่|บทที่|หมวดที่|หมวด|ภาคผนวก|ตอนที่)\s*[0-9๐-๙]")
_BULLET = re.compile(r"^(?:[-•▪◦●○*]\s*|(?:\(?[0-9๐-๙]{1,2}\)|[ก-ช][.)])\s+)\S")
_CELL_WRAP = re.compile(r"(?<=\S)[ \t]*\n\s*(?=\S)")
_LINE_END_SPACE = re.compile(r"(?<=\S) +\n\s*(?=\S)")
#: Producers measured to write Thai in logical order with correct marks (0.00% CER on the
#: fixtures): their chars need no position checks, which keeps them near raw pypdfium2 speed.
_IN_ORDER = re.compile(r"LibreOffice|OpenOffice")
_Box = tuple[float, float, float, float]
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
#: A page with at least this many path objects (lines, rects) may hold a ruled table.
_TABLE_PATHS = 4
_THAI_CHAR = re.compile("[\u0e00-\u0e7f]")
_MARK_OR_SPACE = re.compile("[" + "".join(sorted(_MARKS)) + " \r\n]")
#: A generated space narrower than this share of the font size is a run split, not a space.
_SPACE_GAP = 0.15


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


class _Boxes:
    """Lazy, cached char boxes of one text page (most chars never need one)."""

    def __init__(self, raw_mod: Any, textpage: Any) -> None:
        self._raw = raw_mod
        self._tp = textpage
        self._cache: dict[int, tuple[float, float, float, float]] = {}
        self._l, self._r = ctypes.c_double(), ctypes.c_double()
        self._b, self._t = ctypes.c_double(), ctypes.c_double()
        self._flags = ctypes.c_int()
        self._name = ctypes.create_string_buffer(128)
        self._fonts: dict[bytes, bool] = {}

    def __call__(self, i: int) -> tuple[float, float, float, float]:
        box = self._cache.get(i)
        if box is None:
            ok = self._raw.FPDFText_GetCharBox(self._tp, i, self._l, self._r, self._b, self._t)
            box = ((self._l.value, self._b.value, self._r.value, self._t.value) if ok
                   else (0.0, 0.0, 0.0, 0.0))
            self._cache[i] = box
        return box

    def inside(self, text: str, bbox: _Box) -> list[tuple[int, float, float]]:
        """(index, x, y) of the chars of ``text`` (line breaks aside) whose box centre lies in
        ``bbox``, in stream order: the loop of ``__call__`` inlined (it runs for every char of
        a page with a table)."""
        get, tp, cache = self._raw.FPDFText_GetCharBox, self._tp, self._cache
        cl, cr, cb, ct = self._l, self._r, self._b, self._t
        x0, y0, x1, y1 = bbox
        out = []
        for i, ch in enumerate(text):
            if ch == "\r" or ch == "\n":
                continue
            box = cache.get(i)
            if box is None:
                box = ((cl.value, cb.value, cr.value, ct.value) if get(tp, i, cl, cr, cb, ct)
                       else (0.0, 0.0, 0.0, 0.0))
                cache[i] = box
            x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            if x0 <= x <= x1 and y0 <= y <= y1:
                out.append((i, x, y))
        return out

    def generated(self, i: int) -> bool:
        return bool(self._raw.FPDFText_IsGenerated(self._tp, i) == 1)

    def font_size(self, i: int) -> float:
        return float(self._raw.FPDFText_GetFontSize(self._tp, i))

    def bold(self, i: int) -> bool:
        """Bold by weight or, when the PDF does not say, by the font's name."""
        if self._raw.FPDFText_GetFontWeight(self._tp, i) >= 600:
            return True
        size = self._raw.FPDFText_GetFontInfo(self._tp, i, self._name, 128, self._flags)
        key = self._name.raw[: max(size - 1, 0)]
        flag = bool(self._flags.value & (1 << 18))
        by_name = self._fonts.get(key)
        if by_name is None:
            name = key.decode("latin-1", "replace").lower()
            by_name = self._fonts[key] = "bold" in name or "black" in name
        return by_name or flag


@dataclass
class _Line:
    raw: str
    fixed: str
    top: float = 0.0
    left: float = 0.0
    size: float = 0.0
    bold: bool = False
    in_table: bool = False
    start: int = 0  # span in the page's fixed text (lines joined by \n)
    end: int = 0


@dataclass
class _Item:
    ch: str
    idx: int
    marks: list[str] = field(default_factory=list)


def _floating_space(boxes: _Boxes, text: str, i: int) -> bool:
    """A space drawn above the letters: Word's nikhahit glyph mapped to U+0020."""
    if i == 0 or (text[i - 1] != "\u0e32" and text[i - 1] not in _CONSONANTS):
        return False
    left, bottom, right, top = boxes(i)
    if top - bottom < 0.5 or right - left < 0.5:
        return False
    pb = boxes(i - 1)
    height = pb[3] - pb[1]
    return height > 0 and bottom >= pb[1] + 0.8 * height


def _spurious_space(boxes: _Boxes, text: str, i: int, n: int) -> bool:
    """A space pdfium generated between two Thai glyphs that nearly touch (a text-run split)."""
    if i == 0 or i + 1 >= n or not (_is_thai(text[i - 1]) and _is_thai(text[i + 1])):
        return False
    if not boxes.generated(i):
        return False
    lo = max(0, i - 4)
    prev_right = max((boxes(j)[2] for j in range(lo, i) if text[j] not in "\r\n "), default=None)
    if prev_right is None:
        return False
    size = boxes.font_size(i + 1)
    return boxes(i + 1)[0] - prev_right < _SPACE_GAP * size


def _mark_target(boxes: _Boxes, items: list[_Item], mark_idx: int) -> _Item | None:
    """The letter a combining mark sits over: the nearest earlier consonant of the line whose box
    spans the mark's centre (Acrobat and Excel PDFs may write marks words later); None when
    the boxes do not tell."""
    left, bottom, right, top = boxes(mark_idx)
    if right <= left:
        return None
    centre, middle = (left + right) / 2, (bottom + top) / 2
    for it in reversed(items):
        if it.ch in _CONSONANTS:
            cl, cb, cr, ct = boxes(it.idx)
            if cl <= centre <= cr and abs(middle - (cb + ct) / 2) < 2.0 * max(ct - cb, 1.0):
                return it
    return None


def _fix_chars(boxes: _Boxes, text: str, indices: range | list[int],
               geometry: bool = True) -> str:
    """Stream text of some chars (a line, a cell) with marks moved onto their letters,
    Word's floating nikhahit restored and run-split spaces dropped; line breaks inside become
    ``\\n`` (or vanish before a mark, which pdfium sometimes puts on a line of its own)."""
    segment = text[indices.start:indices.stop] if isinstance(indices, range) and \
        indices.step == 1 else "".join([text[i] for i in indices])
    if not geometry or _THAI_CHAR.search(segment) is None or \
            _MARK_OR_SPACE.search(segment) is None:
        return segment.replace("\r\n", "\n").replace("\r", "\n")
    n = len(text)
    items: list[_Item] = []
    last: _Item | None = None  # where the previous char, if a mark, went
    prev = -2
    for i in indices:
        ch = text[i]
        if ch in "\r\n":
            continue
        if items and i != prev + 1 and "\n" in text[prev + 1:i] and text[i] not in _MARKS:
            items.append(_Item("\n", -1))
        prev = i
        if ch == " ":
            if _floating_space(boxes, text, i):
                ch = "\u0e4d"
            elif _spurious_space(boxes, text, i, n):
                continue
        if ch in _MARKS and items:
            target = _mark_target(boxes, items, i)
            if target is None:  # boxes do not tell: a tone stacks on the mark before it
                target = last if last is not None and ch in _STACKED else items[-1]
            target.marks.append(ch)
            last = target
            continue
        last = None
        items.append(_Item(ch, i))
    return "".join(it.ch + "".join(it.marks) for it in items)


def _page_text(pdfium_raw: Any, textpage: Any) -> str:
    """All chars of a text page, one Python char per pdfium char index."""
    n = pdfium_raw.FPDFText_CountChars(textpage)
    if n <= 0:
        return ""
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = pdfium_raw.FPDFText_GetText(textpage, 0, n,
                                      ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: max(got - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) != n:  # surrogate pairs or odd fonts: index by char instead
        text = "".join(chr(pdfium_raw.FPDFText_GetUnicode(textpage, i) or 0xFFFD)
                       for i in range(n))
    return text


def _read_lines(pdfium_raw: Any, textpage: Any,
                geometry: bool = True) -> tuple[str, list[_Line], _Boxes, str]:
    """The raw page text (lines joined by \\n), its lines with positional fixes applied (unless
    ``geometry`` is off: producers known to write Thai in order), the page's box reader and
    the char string it indexes."""
    text = _page_text(pdfium_raw, textpage)
    boxes = _Boxes(pdfium_raw, textpage)
    lines: list[_Line] = []
    pos = 0
    breaks = [m for m in _LINE_SPLIT.finditer(text)
              if not (m.end() < len(text) and text[m.end()] in _MARKS)]
    for m in [*breaks, None]:
        end = m.start() if m else len(text)
        raw = text[pos:end].replace("\r\n", "")
        if raw.strip():
            first = pos + (len(raw) - len(raw.lstrip()))
            fixed = _fix_chars(boxes, text, range(pos, end), geometry)
            if not geometry:
                fixed = fixed.replace("\r\n", "").replace("\r", "").replace("\n", "")
            line = _Line(raw=raw, fixed=fixed)
            line.left, line.top, _, _ = boxes(first)  # baseline: tops vary with letters
            line.size = boxes.font_size(first)
            line.bold = boxes.bold(first)
            lines.append(line)
        else:
            lines.append(_Line(raw="", fixed=""))
        pos = m.end() if m else len(text)
    pos = 0
    for line in lines:
        line.start, line.end = pos, pos + len(line.fixed)
        pos = line.end + 1
    raw_text = "\n".join(line.raw for line in lines)
    return raw_text, lines, boxes, text


def heading_level(line: str, size: float = 0.0, body_size: float = 0.0, bold: bool = False,
                  spaced: bool = True) -> int | None:
    """The heading level of a line, or None for body text.

    Numbered lines ("1.2 ...", "๓.๒ ...") give the count of numbers when they stand apart
    (``spaced``: set off by a gap or bold, not a wrapped sentence that starts with ๒๒.๐๐);
    "ส่วนที่ 2" gives 1; a short line set larger than the body, or bold, is a heading (level 1).

    >>> heading_level("1.2 การสำรองข้อมูล"), heading_level("๓. แผนปฏิบัติการ")
    (2, 1)
    >>> heading_level("2550 เป็นปีงบประมาณ"), heading_level("ข้อมูลทั่วไป", 20, 16)
    (None, 1)
    >>> heading_level("๒๒.๐๐ น. และเก็บสำเนาไว้", spaced=False) is None
    True
    """
    text = line.strip()
    if not text or len(text) > 90:
        return None
    if _PART.match(text):
        return 1
    m = _NUMBERED.match(text)
    if m and len(text) <= 70 and (spaced or bold):
        numbers = m.group(1).translate(_THAI_DIGITS).split(".")
        if int(numbers[0]) > 0:
            return len(numbers)
    if len(text) <= 60 and ((body_size and size >= 1.15 * body_size) or bold):
        return 1
    return None


def _cutter(tracked: Any) -> Callable[[int, int], str]:
    """Repaired text of a span of the unrepaired text, from one repair of the whole page."""
    offsets = list(tracked.offsets)
    text = tracked.text

    def cut(start: int, end: int) -> str:
        return text[bisect.bisect_left(offsets, start): bisect.bisect_left(offsets, end)].strip()

    return cut


def _blocks(lines: list[_Line], cut: Callable[[int, int], str]) -> list[Block]:
    """Headings, list items and paragraphs from lines (a wider gap or a heading ends a
    paragraph; lines inside a table are left to the table's cells). ``cut`` gives the
    repaired text of a span of the page's fixed text."""
    body_lines = [ln for ln in lines if ln.fixed.strip() and not ln.in_table]
    sizes = [ln.size for ln in body_lines if ln.size > 1.5]
    body = statistics.median(sizes) if sizes else 0.0
    steps = [a.top - b.top for a, b in itertools.pairwise(body_lines)
             if 0 < a.top - b.top < 3 * max(body, 1.0)]
    pitch = statistics.median(steps) if steps else 0.0
    all_bold = bool(body_lines) and all(ln.bold for ln in body_lines)
    blocks: list[Block] = []
    para: list[_Line] = []

    def flush() -> None:
        if para:
            raw = "\n".join(ln.fixed for ln in para)
            blocks.append(Block(kind=BlockKind.PARAGRAPH, text=cut(para[0].start, para[-1].end),
                                raw=raw))
            para.clear()

    prev_top: float | None = None
    for ln in lines:
        text = ln.fixed.strip()
        if not text or ln.in_table:
            flush()
            prev_top = None
            continue
        gap = prev_top - ln.top if prev_top is not None else None
        spaced = gap is None or not pitch or gap > 1.15 * pitch or gap < 0
        level = heading_level(text, ln.size, body, ln.bold and not all_bold, spaced)
        if level is not None and not spaced and not para and blocks and \
                blocks[-1].kind is BlockKind.HEADING and not _NUMBERED.match(text):
            raw = blocks[-1].raw + "\n" + text  # a heading set on two lines
            blocks[-1] = Block(kind=BlockKind.HEADING, text=blocks[-1].text + "\n" +
                               cut(ln.start, ln.end), raw=raw, level=blocks[-1].level)
        elif level is not None:
            flush()
            blocks.append(Block(kind=BlockKind.HEADING, text=cut(ln.start, ln.end), raw=text,
                                level=level))
        elif _BULLET.match(text):
            flush()
            blocks.append(Block(kind=BlockKind.LIST_ITEM, text=cut(ln.start, ln.end), raw=text))
        else:
            if para and spaced:
                flush()
            para.append(ln)
        prev_top = ln.top
    flush()
    return blocks


def _path_objects(pdfium_raw: Any, page: Any) -> int:
    """Path objects on the page, counted up to :data:`_TABLE_PATHS`."""
    get, kind, path = pdfium_raw.FPDFPage_GetObject, pdfium_raw.FPDFPageObj_GetType, \
        pdfium_raw.FPDF_PAGEOBJ_PATH
    count = 0
    for i in range(pdfium_raw.FPDFPage_CountObjects(page)):
        if kind(get(page, i)) == path:
            count += 1
            if count >= _TABLE_PATHS:
                break
    return count


def _has_image(pdfium_raw: Any, page: Any) -> bool:
    get, kind, image = pdfium_raw.FPDFPage_GetObject, pdfium_raw.FPDFPageObj_GetType, \
        pdfium_raw.FPDF_PAGEOBJ_IMAGE
    return any(kind(get(page, i)) == image
               for i in range(pdfium_raw.FPDFPage_CountObjects(page)))


def _fill_merged(rows: list[list[str | None]]) -> list[list[str]]:
    """pdfplumber gives None for cells a merge covers: repeat the covering cell's text.

    >>> _fill_merged([["a", None], [None, "b"]])
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


def _segments(pdfium_raw: Any, obj: Any) -> list[tuple[float, float, float, float]]:
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


def _ruled_tables(pdfium_raw: Any, page: Any) -> list[tuple[_Box, list[list[_Box | None]]]]:
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
        for x0, y0, x1, y1 in _segments(pdfium_raw, obj):
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

    def flip(b: Any) -> _Box:
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


def _unwrap(cell: str) -> str:
    """A cell's line wraps are layout: Thai joins without a space, other text with one (none
    after an opening bracket or before a closing one).

    >>> _unwrap("สำรองข้อมูล\\nประจำวัน"), _unwrap("ต.ค. -\\nก.ย.")
    ('สำรองข้อมูลประจำวัน', 'ต.ค. - ก.ย.')
    >>> _unwrap("งบประมาณ (\\nบาท)"), _unwrap("(call\\ncenter)")
    ('งบประมาณ (บาท)', '(call center)')
    """
    def join(m: re.Match[str]) -> str:
        before, after = m.string[m.start() - 1], m.string[m.end()]
        if (_is_thai(before) and _is_thai(after)) or before in "([{" or after in ")]}":
            return ""
        return " "

    return _CELL_WRAP.sub(join, cell)


def _table_rows(boxes: _Boxes, text: str, bbox: _Box,
                rows: list[list[_Box | None]]) -> list[list[str]]:
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
            fixed = _LINE_END_SPACE.sub(" ", _fix_chars(boxes, text, chosen))
            cells.append(_unwrap(repair(fixed).strip()))
        grid.append(cells)
    return _fill_merged(grid)


def _producer(meta: dict[str, str]) -> str | None:
    producer = (meta.get("Producer") or "").strip()
    creator = (meta.get("Creator") or "").strip()
    if producer and creator and creator != producer:
        return f"{creator} / {producer}"
    return producer or creator or None


def _open(path: Path) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise ExtractionError(ErrorCategory.ENCRYPTED,
                                  message(MessageKey.PDF_PASSWORD)) from None
        if "format" in msg or "file" in msg or "data" in msg:
            raise ExtractionError(ErrorCategory.CORRUPT, message(MessageKey.PDF_DAMAGED)) from None
        raise ExtractionError(ErrorCategory.CORRUPT,
                              message(MessageKey.PDF_UNREADABLE, detail=str(exc))) from None


class _OcrRun:
    """Pages sent to Tesseract: rendered here one by one (pdfium is not thread-safe), read by
    up to ``workers`` Tesseract processes at once, merged into their pages at the end."""

    def __init__(self, opts: PdfOptions) -> None:
        self.opts = opts
        self._jobs: list[tuple[Page, Bilingual, Any]] = []
        self._pool: Any = None
        self._tmp: Any = None
        self._missing: Bilingual | bool | None = False  # False: not checked yet

    def _unavailable(self) -> Bilingual | None:
        if self._missing is False:
            from evidence_review.extractors import ocr

            self._missing = (_text(MessageKey.OCR_OFF) if not self.opts.ocr
                             else ocr.unavailable(self.opts.ocr_languages))
        return self._missing or None  # type: ignore[return-value]

    def submit(self, page: Any, result: Page, why: Bilingual, errors: list[ErrorItem]) -> None:
        from evidence_review.extractors import ocr

        missing = self._unavailable()
        if missing:
            result.unreadable = str(why.then(missing))
            errors.append(ErrorItem(component="ocr", category=ErrorCategory.MISSING_TOOL,
                                    message=result.unreadable, page=result.number))
            return
        if self._pool is None:
            import os
            import tempfile
            from concurrent.futures import ThreadPoolExecutor

            self._tmp = tempfile.TemporaryDirectory(prefix="er-ocr-")
            self._pool = ThreadPoolExecutor(max_workers=max(1, min(self.opts.ocr_workers,
                                                                   os.cpu_count() or 1)))
        png = ocr.render_page(page, Path(self._tmp.name) / f"p{result.number}.png",
                              self.opts.ocr_dpi)
        future = self._pool.submit(ocr.ocr_image, png, self.opts.ocr_languages,
                                   self.opts.ocr_timeout_s)
        self._jobs.append((result, why, future))

    def finish(self, errors: list[ErrorItem]) -> None:
        from evidence_review.extractors import ocr
        from evidence_review.thaitext import quality, repair

        for result, why, future in self._jobs:
            try:
                raw = future.result()
            except ocr.OcrError as exc:
                result.unreadable = str(why.then(exc.reason))
                errors.append(ErrorItem(component="ocr", category=ErrorCategory.UNREADABLE_PAGE,
                                        message=result.unreadable, page=result.number))
                continue
            text = repair(raw).strip()
            score = quality(text)
            if result.text.strip() and (score or 0) <= (result.quality or 0):
                continue  # OCR read no better than the text layer: keep the text layer
            result.text, result.raw, result.quality, result.ocr = text, raw, score, True
            if not text:
                result.unreadable = str(why.then(_text(MessageKey.OCR_NO_TEXT)))
                errors.append(ErrorItem(component="ocr", category=ErrorCategory.UNREADABLE_PAGE,
                                        message=result.unreadable, page=result.number))
            result.blocks = [
                Block(kind=BlockKind.PARAGRAPH, text=repair(p).strip(), raw=p)
                for p in re.split(r"\n\s*\n", raw) if p.strip()
            ]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        if self._tmp is not None:
            self._tmp.cleanup()


class PdfExtractor(Extractor):
    """Read a PDF into pages of repaired Thai text, blocks and tables (see module docstring)."""

    formats = (FileFormat.PDF,)

    def __init__(self, options: PdfOptions | None = None) -> None:
        self.options = options or PdfOptions()

    @classmethod
    def with_options(cls, options: ExtractOptions) -> Self:
        return cls(options.pdf)

    def extract(self, record: IntakeRecord, limits: Limits) -> Document:
        import pypdfium2.raw as pdfium_raw

        opts = self.options
        pdf = _open(record.path)
        ocr_run = _OcrRun(opts)
        try:
            n_pages = len(pdf)
            if n_pages > limits.max_pages:
                raise ExtractionError(ErrorCategory.LIMIT,
                                      message(MessageKey.PDF_TOO_MANY_PAGES, pages=n_pages,
                                              limit=limits.max_pages))
            try:
                producer = _producer(pdf.get_metadata_dict(skip_empty=True))
            except Exception:  # metadata is optional; a broken Info dict is no reason to stop
                producer = None
            doc = Document(path=record.path, format=FileFormat.PDF, sha256=record.sha256,
                           producer=producer)
            if producer and _IN_ORDER.search(producer):
                opts = dataclasses.replace(opts, geometry=False)
            for number in range(1, n_pages + 1):
                if opts.pages is not None and number not in opts.pages:
                    continue
                doc.pages.append(self._page(pdf, pdfium_raw, number, opts, ocr_run, doc.errors))
            ocr_run.finish(doc.errors)
        finally:
            ocr_run.close()
            pdf.close()
        if doc.errors:
            doc.status = Status.PARTIAL
        return doc

    def _page(self, pdf: Any, pdfium_raw: Any, number: int, opts: PdfOptions,
              ocr_run: _OcrRun, errors: list[ErrorItem]) -> Page:
        from evidence_review.thaitext import quality
        from evidence_review.thaitext.chain import run

        try:
            page = pdf[number - 1]
        except Exception as exc:
            reason = message(MessageKey.PAGE_NOT_PARSED, error_type=type(exc).__name__)
            errors.append(ErrorItem(component="pdf", category=ErrorCategory.UNREADABLE_PAGE,
                                    message=reason, page=number))
            return Page(number=number, text="", unreadable=reason)
        textpage = None
        try:
            textpage = page.get_textpage()
            raw, lines, boxes, chars = _read_lines(pdfium_raw, textpage.raw, opts.geometry)
            tracked = run("\n".join(ln.fixed for ln in lines))
            text = tracked.text.strip("\n")
            score = quality(text, tracked.tokens)  # the wrap step's tokens: no second tokenizing
            result = Page(number=number, text=text, raw=raw, quality=score)
            needs_ocr: Bilingual | None = None
            if not text.strip():
                if _has_image(pdfium_raw, page.raw):
                    needs_ocr = _text(MessageKey.SCANNED_PAGE)
            elif score is not None and score < opts.quality_threshold:
                needs_ocr = _text(MessageKey.GARBLED_PAGE, quality=score)
            if needs_ocr:
                # the text layer stays as a single block unless OCR reads better
                if text:
                    result.blocks = [Block(kind=BlockKind.PARAGRAPH, text=text, raw=raw)]
                ocr_run.submit(page, result, needs_ocr, errors)
                return result
            if opts.tables and text and _path_objects(pdfium_raw, page.raw) >= _TABLE_PATHS:
                try:
                    self._tables(result, pdfium_raw, page.raw, boxes, chars, lines)
                except Exception as exc:  # tables are extra structure: the text is there
                    log.warning("table extraction failed on page %d: %s", number, exc)
            result.blocks = _blocks(lines, _cutter(tracked)) + result.blocks
            return result
        finally:
            if textpage is not None:
                textpage.close()
            page.close()

    @staticmethod
    def _tables(result: Page, pdfium_raw: Any, page: Any, boxes: _Boxes, chars: str,
                lines: list[_Line]) -> None:
        for bbox, cell_boxes in _ruled_tables(pdfium_raw, page):
            rows = _table_rows(boxes, chars, bbox, cell_boxes)
            index = len(result.tables)
            result.tables.append(Table(page=result.number, rows=rows))
            if len(rows) == 1:
                continue  # its text stays body text: a lone row is rarely a table of its own
            result.blocks.extend(
                Block(kind=BlockKind.TABLE_CELL, text=cell, raw=cell, table=index, row=r, col=c)
                for r, row in enumerate(rows) for c, cell in enumerate(row) if cell)
            for ln in lines:
                if ln.raw and bbox[0] - 1 <= ln.left <= bbox[2] and bbox[1] <= ln.top - 1 \
                        and ln.top - 1 <= bbox[3]:
                    ln.in_table = True
