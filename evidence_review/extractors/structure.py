"""Helpers shared by the non-PDF backends: zip safety, blocks -> pages, numbered headings.

Page text convention (all non-PDF formats): one line per block, in reading order; a table
row is one line whose distinct cells are joined by a tab (a merged cell's text appears once
per row, and only in the first row of a vertical merge), while :class:`Table` rows repeat
merged text in every spanned cell.
"""

from __future__ import annotations

import re
import zipfile
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TypeVar

from evidence_review import thaitext
from evidence_review.extractors.base import ExtractionError
from evidence_review.extractors.model import Block, BlockKind, ErrorCategory, ErrorItem, Page, Table
from evidence_review.intake import IntakeRecord, Limits
from evidence_review.messages import MessageKey, message, os_error

T = TypeVar("T")

#: Below this total size a zip cannot be a bomb worth refusing, whatever its ratio
#: (highly repetitive spreadsheets legitimately compress 100x and more).
ZIP_RATIO_FLOOR = 1 << 20

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_NUMBERED = re.compile(r"^\(?((?:[0-9๐-๙]{1,3}\.)*[0-9๐-๙]{1,3})[.)]?\s+\S")
_PART = re.compile(r"^(?:ส่วนที่|บทที่|หมวดที่|หมวด|ภาคผนวก|ตอนที่)\s*[0-9๐-๙ก-ฮA-Za-z]*")
_BULLET = re.compile(r"^(?:[-•▪◦●○*]|\(?[0-9๐-๙]{1,2}\)|[ก-ฮ][.)])\s+\S")


def check_zip(path: Path, limits: Limits, label: str) -> None:
    """Refuse a zip container that is damaged, a zip bomb or has unsafe member names.

    Sizes are the declared ones in the central directory; :mod:`zipfile` never inflates a
    member past its declared size, so checking them bounds what parsing can expand to.

    Raises:
        ExtractionError: CORRUPT for a damaged zip, UNSAFE for a bomb or zip-slip names.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ExtractionError(ErrorCategory.CORRUPT,
                              message(MessageKey.OFFICE_ZIP_DAMAGED, label=label)) from exc
    for info in infos:
        if unsafe_member_name(info.filename):
            raise ExtractionError(ErrorCategory.UNSAFE,
                                  message(MessageKey.ZIP_SLIP, label=label,
                                          member=info.filename))
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if total > limits.max_unzipped_bytes:
        raise ExtractionError(
            ErrorCategory.UNSAFE,
            message(MessageKey.ZIP_BOMB_SIZE, label=label, size_mb=total / 2**20,
                    limit_mb=limits.max_unzipped_bytes / 2**20))
    if total > ZIP_RATIO_FLOOR and total > limits.max_zip_ratio * max(packed, 1):
        raise ExtractionError(
            ErrorCategory.UNSAFE,
            message(MessageKey.ZIP_BOMB_RATIO, label=label, ratio=total / max(packed, 1),
                    limit_ratio=limits.max_zip_ratio))


def unsafe_member_name(name: str) -> bool:
    """True for zip member names that could escape an extraction folder.

    >>> [unsafe_member_name(n) for n in ("word/document.xml", "../x", "/etc/passwd",
    ...                                  "C:/x", "a/../../b", "a\\\\..\\\\b")]
    [False, True, True, True, True, True]
    """
    norm = name.replace("\\", "/")
    if norm.startswith("/") or re.match(r"^[A-Za-z]:", norm):
        return True
    return ".." in PurePosixPath(norm).parts


def heading_level(line: str) -> int | None:
    """The heading level of a numbered heading line in plain text, else None.

    "1.2 ..." and "๓.๒ ..." give the count of numbers; "ส่วนที่ ..." and the like give 1.
    Long lines are sentences, not headings.

    >>> heading_level("1.2 การสำรองข้อมูล"), heading_level("๓. แผนปฏิบัติการ")
    (2, 1)
    >>> heading_level("ส่วนที่ 2 ผลการดำเนินงาน"), heading_level("ข้อมูลทั่วไป")
    (1, None)
    >>> heading_level("2550 เป็นปีงบประมาณที่...") is None
    True
    """
    text = line.strip()
    if not text or len(text) > 100:
        return None
    if _PART.match(text) and len(text) <= 80:
        return 1
    match = _NUMBERED.match(text)
    if not match:
        return None
    numbers = match.group(1).translate(_THAI_DIGITS).split(".")
    if any(len(n) > 2 for n in numbers) or int(numbers[0]) == 0:
        return None  # a year or a quantity, not a section number
    return len(numbers)


def is_list_line(line: str) -> bool:
    """True for bullet or short-enumerator lines ("- ...", "• ...", "1) ...", "ก. ...").

    >>> is_list_line("- สำรองข้อมูลทุกวัน"), is_list_line("ก. แผนภูมิ"), is_list_line("ข้อมูล")
    (True, True, False)
    """
    return bool(_BULLET.match(line.strip()))


@lru_cache(maxsize=1 << 16)
def repair(raw: str) -> str:
    """The repaired text of ``raw`` (via :func:`thaitext.repair_with_map`).

    Cached, because spreadsheets repeat cell texts (and every cell is repaired for its block
    and its table row); printable ASCII has nothing to repair and skips the chain.
    ``thaitext.repair`` is not called by attribute: importing the submodule
    ``thaitext.repair`` rebinds that package attribute to the module.

    >>> repair("ผู\\n้ใช้"), repair("85%")
    ('ผู้ใช้', '85%')
    """
    if not raw or (raw.isascii() and raw.isprintable()):
        return raw
    return thaitext.repair_with_map(raw).text


def make_block(kind: BlockKind, raw: str, level: int | None = None, table: int | None = None,
               row: int | None = None, col: int | None = None) -> Block:
    """A block whose ``text`` is the repaired ``raw``."""
    return Block(kind=kind, text=repair(raw), raw=raw, level=level, table=table,
                 row=row, col=col)


def table_blocks(rows: list[list[str]], table_index: int,
                 origin: list[list[tuple[int, int]]] | None = None) -> list[Block]:
    """TABLE_CELL blocks for a grid of raw cell texts, one per distinct cell.

    ``origin[r][c]`` is the (row, col) of the cell that covers grid position (r, c); a
    position covered by a merge that started elsewhere gets no block of its own.
    """
    blocks = []
    for r, row in enumerate(rows):
        for c, raw in enumerate(row):
            if origin is not None and origin[r][c] != (r, c):
                continue
            if raw.strip():
                blocks.append(make_block(BlockKind.TABLE_CELL, raw, table=table_index,
                                         row=r, col=c))
    return blocks


def page_from_blocks(number: int, blocks: list[Block], raw_tables: list[list[list[str]]],
                     unreadable: str | None = None) -> Page:
    """A Page whose text follows the convention in the module docstring.

    Blocks are repaired one by one and then joined: repairing the joined page would let the
    Thai repair (made for PDF line wrapping) glue a block's last word to the next block.
    """
    lines: list[str] = []
    raw_lines: list[str] = []
    current: tuple[int | None, int | None] | None = None
    for block in blocks:
        key = (block.table, block.row) if block.kind is BlockKind.TABLE_CELL else None
        if key is not None and key == current:
            lines[-1] += "\t" + block.text
            raw_lines[-1] += "\t" + block.raw
        else:
            lines.append(block.text)
            raw_lines.append(block.raw)
        current = key
    tables = [Table(page=number, rows=[[repair(cell) for cell in row] for row in rows])
              for rows in raw_tables]
    return Page(number=number, text="\n".join(lines), raw="\n".join(raw_lines), blocks=blocks,
                tables=tables, unreadable=unreadable)


def clean_cell(text: str) -> str:
    """Cell text with surrounding blank lines and spaces removed, inner lines kept.

    >>> clean_cell("  ๑๐๐ \\n\\n ")
    '๑๐๐'
    """
    return "\n".join(line.strip() for line in text.strip().splitlines()).strip()


def office_producer(path: Path) -> str | None:
    """The application named in an Office file's ``docProps/app.xml``, if any.

    Shared with the XLSX backend; never raises.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("docProps/app.xml")
            if info.file_size > 1 << 20:
                return None
            xml = zf.read(info).decode("utf-8", "replace")
    except Exception:
        return None
    app = re.search(r"<(?:\w+:)?Application>([^<]{1,200})<", xml)
    version = re.search(r"<(?:\w+:)?AppVersion>([^<]{1,40})<", xml)
    if not app:
        return None
    return app.group(1).strip() + (f" {version.group(1).strip()}" if version else "")


def read_bytes(record: IntakeRecord) -> bytes:
    """The file's bytes, or a CORRUPT :class:`ExtractionError` naming why they cannot be read."""
    try:
        return record.path.read_bytes()
    except OSError as exc:
        raise ExtractionError(ErrorCategory.CORRUPT, str(os_error(exc))) from exc


def cut_to_page_limit(pages: list[T], limits: Limits, component: str
                      ) -> tuple[list[T], list[ErrorItem]]:
    """At most ``limits.max_pages`` pages, with the error that says what was left out.

    >>> th, en = cut_to_page_limit([1, 2, 3], Limits(max_pages=2), "text")[1][0].message.split(
    ...     " [", 1)
    >>> th
    'มี 3 หน้า เกินกำหนด 2 หน้า อ่านเฉพาะ 2 หน้าแรก'
    >>> en
    '3 pages, over the 2-page limit: only the first 2 were read]'
    """
    if len(pages) <= limits.max_pages:
        return pages, []
    return pages[: limits.max_pages], [ErrorItem(
        component=component, category=ErrorCategory.LIMIT,
        message=message(MessageKey.PAGES_CUT, pages=len(pages), limit=limits.max_pages))]
