"""Lines of a PDF page (glyph fixes applied, position, size, weight) and the blocks made of them:
headings, list items, paragraphs."""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from evidence_review.extractors.model import Block, BlockKind
from evidence_review.extractors.pdf.glyphs import Boxes, fix_chars, page_text
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


def read_lines(pdfium_raw: Any, textpage: Any,
                geometry: bool = True) -> tuple[str, list[Line], Boxes, str]:
    """The raw page text (lines joined by \\n), its lines with positional fixes applied (unless
    ``geometry`` is off: producers known to write Thai in order), the page's box reader and
    the char string it indexes."""
    text = page_text(pdfium_raw, textpage)
    boxes = Boxes(pdfium_raw, textpage)
    lines: list[Line] = []
    pos = 0
    breaks = [m for m in _LINE_SPLIT.finditer(text)
              if not (m.end() < len(text) and text[m.end()] in MARKS)]
    for m in [*breaks, None]:
        end = m.start() if m else len(text)
        raw = text[pos:end].replace("\r\n", "")
        if raw.strip():
            first = pos + (len(raw) - len(raw.lstrip()))
            fixed = fix_chars(boxes, text, range(pos, end), geometry)
            if not geometry:
                fixed = fixed.replace("\r\n", "").replace("\r", "").replace("\n", "")
            line = Line(raw=raw, fixed=fixed)
            line.left, line.top, _, _ = boxes(first)  # baseline: tops vary with letters
            line.size = boxes.font_size(first)
            line.bold = boxes.bold(first)
            lines.append(line)
        else:
            lines.append(Line(raw="", fixed=""))
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

