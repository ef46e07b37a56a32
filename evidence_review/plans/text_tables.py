"""Tables recovered from plain text: columns laid out with tabs or spaces (text files, PDFs
without ruling, OCR), and tables whose ruling was lost on the way to text (an OCR'd scan), read
from a header line naming the activity columns. They become :class:`extractors.model.Table`s
that :mod:`plans.tables` reads like any other.
"""

from __future__ import annotations

import re

from evidence_review.extractors.model import Document, Table
from evidence_review.plans.cells import Column, classify_header, join_cell
from evidence_review.thaitext.chars import printed_width

_CELL_GAP = re.compile(r"\t+|\s{2,}")
MIN_TEXT_ROWS = 2


def split_line(line: str) -> list[str]:
    """A text line's cells: split at tabs or runs of two or more spaces.

    >>> split_line("1\tจัดทำฐานข้อมูล\t20\tร้อยละ 100")
    ['1', 'จัดทำฐานข้อมูล', '20', 'ร้อยละ 100']
    >>> split_line("3. EIS รายวัน        15      80%     ไม่บรรลุ")
    ['3. EIS รายวัน', '15', '80%', 'ไม่บรรลุ']
    """
    return [c.strip() for c in _CELL_GAP.split(line.strip()) if c.strip()]


def _header_from_words(line: str, width: int) -> list[str] | None:
    """A header line whose words are not aligned with the data (single spaces between
    labels): its labels in order, if there are as many as the data has columns."""
    cells: list[str] = []
    kinds: list[Column] = []
    for word in line.split():
        kind = classify_header(word)
        if kind is None:
            continue
        if kinds and kinds[-1] is kind:
            cells[-1] += " " + word
            continue
        cells.append(word)
        kinds.append(kind)
    return cells if len(cells) == width else None


def text_tables(doc: Document) -> list[Table]:
    """Tables laid out with tabs or spaces in plain text (text files, PDFs without ruling,
    OCR): runs of lines with the same number (≥ 3) of cells, with the line above as header
    when its cells or its labels line up."""
    tables: list[Table] = []
    for page in doc.pages:
        lines = [ln for ln in page.text.splitlines() if ln.strip()]
        rows = [split_line(ln) for ln in lines]
        i = 0
        while i < len(rows):
            width = len(rows[i])
            j = i
            while j < len(rows) and len(rows[j]) == width:
                j += 1
            if width >= 3 and j - i >= MIN_TEXT_ROWS:
                body = rows[i:j]
                if i > 0 and (head := _header_from_words(lines[i - 1], width)):
                    body = [head, *body]
                # a totals row often lacks a cell: keep it (it is recognised and left out)
                tables.append(Table(page=page.number, rows=body))
                i = j
            else:
                i += 1
    return tables


_RULED_GAP = re.compile(r"\t+|\s{2,}|\s*[|│]\s*")
#: A word of at least four letters (Thai with its marks, or Latin), not OCR's scattered marks.
_WORD = re.compile(r"[\u0e01-\u0e4e]{4,}|[A-Za-z]{4,}")
_FIGURE = re.compile(r"[0-9๐-๙]")
#: Lines that close a table in Thai official forms: signatures, notes, sources.
_AFTER_TABLE = re.compile(r"^\(?\s*(?:ลงชื่อ|ลงนาม|หมายเหตุ|ที่มา|ผู้เสนอ|ผู้อนุมัติ|ผู้จัดทำ|ผู้รายงาน"
                          r"|signed|note)", re.IGNORECASE)
#: A one-cell line this much wider than the widest first cell is text below the table.
_WIDER = 1.25


def split_cells(line: str) -> list[str]:
    """A line's cells where a ruled table was read as text (OCR): gaps of two or more spaces,
    tabs, and ruling lines read as ``|``.

    >>> split_cells("เปิดรับสมัครฝึกอาชีพ | ก.พ.-มิ.ย. 50      ศูนย์สารสนเทศ")
    ['เปิดรับสมัครฝึกอาชีพ', 'ก.พ.-มิ.ย. 50', 'ศูนย์สารสนเทศ']
    """
    return [c.strip() for c in _RULED_GAP.split(line.strip()) if c.strip()]


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[0-9๐-๙]{1,3}[.)]?", text.strip()))


def _text_header(cells: list[str], wanted: set[Column]) -> bool:
    kinds = {k for c in cells if (k := classify_header(c))}
    return Column.NAME in kinds and len(kinds) >= 3 and bool(kinds & wanted)


def header_text_tables(doc: Document, wanted: set[Column]) -> list[Table]:
    """Tables whose ruling was lost on the way to text (an OCR'd scan): a header line naming
    an activity column and ``wanted`` ones, then rows whose cells wrap over several lines.

    Each line after the header is one of: a row (a first cell of words and at least two
    more cells with words or figures); the rest of the row above (a first cell of words and
    nothing else of substance: its text joins the row's first text cell); or noise (OCR of
    ruling and stray marks: no word at its start), skipped. The table ends at a new header,
    a signature or note line, or a one-cell line wider than any first cell (text below the
    table). A first column (ที่, ลำดับ) whose numbers OCR lost is left empty.
    """
    tables: list[Table] = []
    for page in doc.pages:
        lines = [split_cells(ln) for ln in page.text.splitlines() if ln.strip()]
        i = 0
        while i < len(lines):
            if not _text_header(lines[i], wanted):
                i += 1
                continue
            header = lines[i]
            first, second = (classify_header(c) for c in header[:2])
            numbered = len(header) > 3 and (
                first is Column.NUMBER or (first is None and second is Column.NAME))
            rows: list[list[str]] = []
            widest = 0
            i += 1
            while i < len(lines):
                cells = lines[i]
                if _text_header(cells, wanted) or _AFTER_TABLE.match(cells[0]):
                    break
                number = ""
                if _is_number(cells[0]) and len(cells) > 1:
                    number, cells = cells[0], cells[1:]
                substance = [c for c in cells[1:] if _WORD.search(c) or _FIGURE.search(c)]
                if not _WORD.search(cells[0]):
                    i += 1
                    continue  # noise
                if len(substance) >= 2:
                    row = ([number] if numbered else []) + cells
                    rows.append(row + [""] * (len(header) - len(row)))
                    widest = max(widest, printed_width(cells[0]))
                elif rows and not any(_WORD.search(c) for c in cells[1:]):
                    if len(cells) == 1 and printed_width(cells[0]) > _WIDER * widest:
                        break
                    col = 1 if numbered else 0
                    rows[-1][col] = join_cell(rows[-1][col], cells[0])
                elif rows:
                    break
                i += 1
            if rows:
                tables.append(Table(page=page.number, rows=[header, *rows]))
    return tables
