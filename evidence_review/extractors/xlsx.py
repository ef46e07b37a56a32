"""Excel (.xlsx) backend: one page per worksheet.

Each page starts with a HEADING block holding the sheet name, then one TABLE_CELL block per
distinct non-empty cell; the page's one :class:`Table` spans the used columns and keeps every
row that has a value (blank rows are dropped). Values are the cached results of formulas
(``data_only``), formatted as Excel shows them: 85 not 85.0, 0.85 in a percent format as
85%, fixed decimals and thousands separators from the number format, dates as ISO dates.

The workbook is opened read-only (streaming, constant memory); read-only worksheets do not
expose merged ranges, so those are read from the sheet XML (``<mergeCell ref=...>``) and
resolved: the top-left text repeats over the whole range in :class:`Table` rows.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

from evidence_review.extractors.base import ExtractionError, Extractor
from evidence_review.extractors.model import (
    BlockKind,
    Document,
    ErrorCategory,
    ErrorItem,
    Page,
    Status,
)
from evidence_review.extractors.structure import (
    check_zip,
    make_block,
    office_producer,
    page_from_blocks,
    table_blocks,
)
from evidence_review.intake import FileFormat, IntakeRecord, Limits
from evidence_review.messages import MessageKey, message

log = logging.getLogger(__name__)

#: Cells read per workbook before the rest is cut (the document becomes partial).
MAX_CELLS = 2_000_000
#: Largest rows x columns grid built for one sheet; sparser sheets keep only used columns.
MAX_GRID = 4_000_000

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')
_DECIMALS = re.compile(r"0\.(0+)")


def format_number(value: float | int, number_format: str | None) -> str:
    """A number as Excel displays it under ``number_format`` (the common cases).

    >>> format_number(85.0, "General"), format_number(0.855, "0%"), format_number(0.5, "0.0%")
    ('85', '86%', '50.0%')
    >>> format_number(1234.5, "#,##0.00"), format_number(12, "0.00"), format_number(0.1 + 0.2, None)
    ('1,234.50', '12.00', '0.3')
    """
    fmt = (number_format or "General").split(";")[0]
    fmt_plain = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.', "", fmt)
    decimals_match = _DECIMALS.search(fmt_plain)
    decimals = len(decimals_match.group(1)) if decimals_match else 0
    if "%" in fmt_plain:
        return f"{value * 100:.{decimals}f}%"
    if fmt_plain.strip().lower() in ("general", "", "@") or not re.search(r"[0#?]", fmt_plain):
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.10g}" if isinstance(value, float) else str(value)
    sep = "," if "," in fmt_plain else ""
    return f"{value:{sep}.{decimals}f}"


def format_value(value: Any, number_format: str | None = None) -> str:
    """Any cell value as text a person would read off the sheet.

    >>> format_value(None), format_value(True), format_value(dt.datetime(2007, 9, 30))
    ('', 'TRUE', '2007-09-30')
    >>> format_value("  ข้อมูล "), format_value(3, "0%")
    ('ข้อมูล', '300%')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int | float):
        return format_number(value, number_format)
    return str(value).strip()


def _col_number(letters: str) -> int:
    """``"A"`` -> 1, ``"AB"`` -> 28.

    >>> _col_number("A"), _col_number("AB")
    (1, 28)
    """
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _merged_ranges(ws: Any) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col) of each merged range, 1-based."""
    archive = getattr(getattr(ws, "parent", None), "_archive", None)
    sheet_path = getattr(ws, "_worksheet_path", None)
    if archive is None or sheet_path is None:
        return [(r.min_row, r.min_col, r.max_row, r.max_col)
                for r in getattr(getattr(ws, "merged_cells", None), "ranges", [])]
    ranges = []
    tail = b""
    with archive.open(sheet_path) as fh:
        while chunk := fh.read(1 << 20):
            data = tail + chunk
            for m in _MERGE.finditer(data):
                c1, r1 = _col_number(m.group(1).decode()), int(m.group(2))
                c2 = _col_number(m.group(3).decode()) if m.group(3) else c1
                r2 = int(m.group(4)) if m.group(4) else r1
                ranges.append((r1, c1, r2, c2))
            cut = data.rfind(b"<")
            tail = data[cut:] if cut >= 0 and len(data) - cut < 200 else b""
    return sorted(set(ranges))


def _existing_cells(ws: Any) -> Iterator[Any]:
    """The cells a sheet's XML holds, row by row, and no others.

    openpyxl's ``iter_rows`` pads every row to the sheet's declared dimension and yields the
    rows between: a 1.5 KB file declaring ``A1:XFD1048576`` made it walk 17 billion empty
    cells. Here only written cells are made (a read-only sheet parsed as openpyxl does).
    """
    get_source = getattr(ws, "_get_source", None)
    if get_source is None:  # not a read-only sheet: already in memory, already bounded
        for row in ws.iter_rows():
            yield from row
        return
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.worksheet._reader import WorkSheetParser

    wb = ws.parent
    with get_source() as src:
        parser = WorkSheetParser(src, ws._shared_strings, data_only=wb.data_only,
                                 epoch=wb.epoch, date_formats=wb._date_formats,
                                 timedelta_formats=wb._timedelta_formats)
        for _, row in parser.parse():
            for cell in row:
                yield ReadOnlyCell(ws, **cell)


def _sheet_grid(ws: Any, budget: int) -> tuple[list[list[str]], list[list[tuple[int, int]]], int]:
    """The used part of a sheet as rows of texts, each position's origin, and cells read."""
    values: dict[tuple[int, int], str] = {}
    read = 0
    for cell in _existing_cells(ws):
        value = getattr(cell, "value", None)
        if value is None:
            continue
        read += 1
        text = format_value(value, getattr(cell, "number_format", None))
        if text:
            values[(cell.row, cell.column)] = text
        if read >= budget:
            break
    origin_of: dict[tuple[int, int], tuple[int, int]] = {}
    for r1, c1, r2, c2 in _merged_ranges(ws):
        if (r2 - r1 + 1) * (c2 - c1 + 1) > 100_000:
            continue  # a whole-column merge: only its first cell matters
        top = values.get((r1, c1), "")
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                origin_of[(r, c)] = (r1, c1)
                if top:
                    values[(r, c)] = top
    if not values:
        return [], [], read
    rows = sorted({r for r, _ in values})
    cols: Sequence[int] = range(min(c for _, c in values), max(c for _, c in values) + 1)
    if len(rows) * len(cols) > MAX_GRID:  # cells far apart: keep only columns that hold one
        cols = sorted({c for _, c in values})
    row_index = {r: i for i, r in enumerate(rows)}
    col_index = {c: i for i, c in enumerate(cols)}
    grid = [[values.get((r, c), "") for c in cols] for r in rows]
    origin = []
    for r in rows:
        row_origin = []
        for c in cols:
            src = origin_of.get((r, c), (r, c))
            # a merge whose top row is blank and dropped: the first kept row becomes the origin
            src_r = row_index.get(src[0], row_index[r])
            row_origin.append((src_r, col_index.get(src[1], col_index[c])))
        origin.append(row_origin)
    return grid, origin, read


class XlsxExtractor(Extractor):
    """Reads .xlsx with openpyxl (read-only, cached values) after the zip safety checks."""

    formats: ClassVar[tuple[FileFormat, ...]] = (FileFormat.XLSX,)

    def extract(self, record: IntakeRecord, limits: Limits) -> Document:
        check_zip(record.path, limits, "Excel")
        import openpyxl

        try:
            wb = openpyxl.load_workbook(record.path, read_only=True, data_only=True)
        except Exception as exc:
            raise ExtractionError(ErrorCategory.CORRUPT, _open_error(exc)) from exc
        pages: list[Page] = []
        errors: list[ErrorItem] = []
        budget = MAX_CELLS
        try:
            for number, ws in enumerate(wb.worksheets, 1):
                if number > limits.max_pages:
                    errors.append(ErrorItem(
                        component="xlsx", category=ErrorCategory.LIMIT,
                        message=message(MessageKey.SHEETS_CUT, sheets=len(wb.worksheets),
                                        limit=limits.max_pages)))
                    break
                try:
                    grid, origin, read = _sheet_grid(ws, budget)
                except Exception as exc:
                    log.info("sheet %s of %s unreadable: %s", ws.title, record.path, exc)
                    errors.append(ErrorItem(
                        component="xlsx", category=ErrorCategory.CORRUPT, page=number,
                        message=message(MessageKey.SHEET_DAMAGED, sheet=ws.title)))
                    pages.append(Page(number=number, text="",
                                      unreadable=message(MessageKey.DAMAGED_SHEET)))
                    continue
                budget -= read
                blocks = [make_block(BlockKind.HEADING, ws.title, level=1)]
                blocks += table_blocks(grid, 0, origin) if grid else []
                pages.append(page_from_blocks(number, blocks, [grid] if grid else []))
                if budget <= 0:
                    errors.append(ErrorItem(
                        component="xlsx", category=ErrorCategory.LIMIT, page=number,
                        message=message(MessageKey.CELLS_CUT, cells=MAX_CELLS)))
                    break
        finally:
            wb.close()
        if not pages and not errors:
            raise ExtractionError(ErrorCategory.CORRUPT, message(MessageKey.EXCEL_NO_SHEETS))
        if pages and all(p.unreadable for p in pages):
            raise ExtractionError(ErrorCategory.CORRUPT, message(MessageKey.EXCEL_NO_SHEET_READ))
        return Document(path=record.path, format=FileFormat.XLSX,
                        status=Status.PARTIAL if errors else Status.SUCCESS, errors=errors,
                        pages=pages, producer=office_producer(record.path))


def _open_error(exc: Exception) -> str:
    """A one-line reason for a workbook openpyxl cannot open.

    >>> _open_error(KeyError("There is no item named 'xl/workbook.xml' in the archive"))
    'ไฟล์ Excel เสียหาย (ส่วนประกอบที่จำเป็นขาดหายไป) \
[not a valid Excel file (a required part is missing)]'
    """
    text = str(exc)
    if isinstance(exc, KeyError) or "no item named" in text:
        return message(MessageKey.OFFICE_PART_MISSING, label="Excel")
    if "CRC" in text or "Error -3" in text:
        return message(MessageKey.OFFICE_ZIP_DAMAGED, label="Excel")
    if type(exc).__name__ in ("XMLSyntaxError", "ParseError"):
        return message(MessageKey.EXCEL_XML_DAMAGED)
    first = (text.splitlines() or [type(exc).__name__])[0]
    return message(MessageKey.OFFICE_INVALID, label="Excel", detail=first)
