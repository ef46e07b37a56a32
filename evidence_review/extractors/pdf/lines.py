"""Lines of a PDF page (glyph fixes applied, position, size, weight) and the blocks made of them:
headings, list items, paragraphs."""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from evidence_review.extractors.model import Block, BlockKind
from evidence_review.extractors.pdf.glyphs import Boxes, fix_chars, font_remap, page_text
from evidence_review.thaitext.chars import MARKS

_LINE_SPLIT = re.compile(r"\r\n|\r|\n")
NUMBERED = re.compile(r"^\(?((?:[0-9๐-๙]{1,2}\.)*[0-9๐-๙]{1,2})[.)]?\s+\S")
_PART = re.compile(r"^(?:ส่วนที่|บทที่|หมวดที่|หมวด|ภาคผนวก|ตอนที่)\s*[0-9๐-๙]")
_BULLET = re.compile(r"^(?:[-•▪◦●○*]\s*|(?:\(?[0-9๐-๙]{1,2}\)|[ก-ช][.)])\s+)\S")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


@dataclass
class Line:
    raw: str
    fixed: str
    top: float = 0.0
    left: float = 0.0
    size: float = 0.0
    bold: bool = False
    in_table: bool = False
    start: int = 0  # span in the page's fixed text (lines joined by \n)
    end: int = 0
    first: int = 0  # span of pdfium char indices the line was read from
    last: int = 0
    where: list[int] = field(default_factory=list)  # char index of each char of ``fixed``
    table: int | None = None  # the table it lies in (page table index)
    cell: tuple[int, int] | None = None  # (row, column) when the line is a table cell's text
    box: tuple[float, float, float, float] | None = None  # a cell's box (PDF points)


def read_lines(pdfium_raw: Any, textpage: Any, geometry: bool = True,
               fired: set[str] | None = None) -> tuple[str, list[Line], Boxes, str]:
    """The raw page text (lines joined by \\n), its lines (font fixes applied to the chars;
    positional fixes come later, :func:`fix_lines`, so lines a table's cells replace are
    never fixed), the page's box reader and the char string it indexes. Fixes that fired are
    added to ``fired``."""
    original = page_text(pdfium_raw, textpage)
    text = font_remap(pdfium_raw, textpage, original, fired)
    boxes = Boxes(pdfium_raw, textpage)
    lines: list[Line] = []
    pos = 0
    breaks = [m for m in _LINE_SPLIT.finditer(text)
              if not (m.end() < len(text) and text[m.end()] in MARKS)
              and not (geometry and _same_line(boxes, text, m.start(), m.end()))]
    for m in [*breaks, None]:
        end = m.start() if m else len(text)
        raw = original[pos:end].replace("\r\n", "")
        if raw.strip():
            first = pos + (len(raw) - len(raw.lstrip()))
            line = Line(raw=raw, fixed="", first=pos, last=end)
            line.left, line.top, _, _ = boxes(first)  # baseline: tops vary with letters
            line.size = boxes.font_size(first)
            line.bold = boxes.bold(first)
            lines.append(line)
        else:
            lines.append(Line(raw="", fixed=""))
        pos = m.end() if m else len(text)
    raw_text = "\n".join(line.raw for line in lines)
    return raw_text, lines, boxes, text


def fix_lines(lines: list[Line], boxes: Boxes, text: str, geometry: bool = True,
              fired: set[str] | None = None) -> None:
    """Each line's ``fixed`` text and ``where`` map (:func:`glyphs.fix_chars`), except lines a
    table's cells stand in for."""
    for line in lines:
        if not line.raw or line.table is not None:
            continue
        where: list[int] = []
        fixed = fix_chars(boxes, text, range(line.first, line.last), geometry, fired, where)
        if not geometry and ("\n" in fixed or "\r" in fixed):
            kept = [(c, w) for c, w in zip(fixed, where, strict=True) if c not in "\r\n"]
            fixed, where = "".join(c for c, _ in kept), [w for _, w in kept]
        line.fixed, line.where = fixed, where


def _same_line(boxes: Boxes, text: str, start: int, end: int) -> bool:
    """A break pdfium made inside a line: the letters either side sit on one baseline and the
    next starts where the last one ended (Acrobat PDFs whose marks are written out of order
    make pdfium split a line there: ``ที่ ปรี่\\nกษา``)."""
    i = start - 1
    while i >= 0 and (text[i] in MARKS or text[i] == " "):
        i -= 1
    if i < 0 or end >= len(text) or not ("\u0e01" <= text[i] <= "\u0e2e"):
        return False
    if not ("\u0e01" <= text[end] <= "\u0e4e"):
        return False
    _, pb, pr, pt = boxes(i)
    nl, nb, _, _ = boxes(end)
    height = pt - pb
    return height > 0 and abs(pb - nb) < 0.25 * height and -0.3 * height < nl - pr < 0.6 * height


def source_index(lines: list[Line]) -> list[int]:
    """For each char of the page's fixed text (lines joined by ``\\n``), the pdfium char index
    it was read from (-1 for the line breaks)."""
    out: list[int] = []
    for k, ln in enumerate(lines):
        if k:
            out.append(-1)
        out.extend(ln.where if len(ln.where) == len(ln.fixed) else [-1] * len(ln.fixed))
    return out


def line_box(boxes: Boxes, text: str, first: int, last: int) -> tuple[float, ...] | None:
    """The box (left, bottom, right, top; PDF points, origin bottom left) of the chars
    ``first``..``last`` of a line: its first and last glyphs, top from the taller."""
    while first < last and text[first] in " \r\n":
        first += 1
    last -= 1
    while last > first and text[last] in " \r\n":
        last -= 1
    if first > last:
        return None
    a, b = boxes(first), boxes(last)
    box = (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))
    return box if box[2] > box[0] else None


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
    m = NUMBERED.match(text)
    if m and len(text) <= 70 and (spaced or bold):
        numbers = m.group(1).translate(_THAI_DIGITS).split(".")
        if int(numbers[0]) > 0:
            return len(numbers)
    if len(text) <= 60 and ((body_size and size >= 1.15 * body_size) or bold):
        return 1
    return None


def cutter(tracked: Any) -> Callable[[int, int], str]:
    """Repaired text of a span of the unrepaired text, from one repair of the whole page."""
    offsets = list(tracked.offsets)
    text = tracked.text

    def cut(start: int, end: int) -> str:
        return text[bisect.bisect_left(offsets, start): bisect.bisect_left(offsets, end)].strip()

    return cut


def page_blocks(lines: list[Line], cut: Callable[[int, int], str]) -> list[Block]:
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
    para: list[Line] = []

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
                blocks[-1].kind is BlockKind.HEADING and not NUMBERED.match(text):
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

