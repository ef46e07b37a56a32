"""Tables of contents: shown to the reviewer, never counted."""

from __future__ import annotations

import itertools
import re

from evidence_review.classifiers.matcher import CompiledRubric
from evidence_review.classifiers.numbering import HEADING_MAX, parse_number
from evidence_review.classifiers.text import key_of
from evidence_review.classifiers.units import Unit

_PAGE_REF = re.compile(r"(?:\.{3,}|…{2,}|_{3,}|\t|\s{3,})\s*[0-9๐-๙]{1,3}\s*$")
_DIGITS = frozenset("0123456789๐๑๒๓๔๕๖๗๘๙")
_TRAILING_PAGE = re.compile(r"[\s.…_\-]*[0-9๐-๙]{1,3}\s*$")
#: A contents table's page cell: a page number, a range, or a front-matter page (ก, ข / i, ii).
_PAGE_CELL = re.compile(r"^(?:[0-9๐-๙]{1,3}(?:\s*[-–]\s*[0-9๐-๙]{1,3})?|[ก-ฮ]|[ivxlc]{1,5})$",
                        re.IGNORECASE)
_PAGE_HEADERS = ("หน้า", "page")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _page_ref(text: str) -> bool:
    r"""``text`` ends like a contents entry: a leader (dots, a tab, spaces) and a page number.
    A line of three or more tab-separated fields is a table row typed with tabs (a leader of
    two tabs is still a leader), and an earlier line ending
    in a number that is no page reference makes the block a table row too (a totals line
    "รวม\t100" after an activity row, an OCRed row "... 350,000 / ... 6").

    >>> _page_ref("3.1 การสำรองข้อมูล ........ 12"), _page_ref("การสำรองข้อมูล\t\t12")
    (True, True)
    >>> _page_ref("ระบบสำรอง\tกองแผนงาน\t12")
    False
    >>> _page_ref("8\tอบรมเจ้าหน้าที่\t10\tร้อยละ 100\tบรรลุ\nรวม\t100")
    False
    >>> _page_ref("การสำรองและกู้คืนข้อมูลของ\nระบบสารสนเทศ ........ 12")  # a wrapped entry
    True
    """
    if text.rstrip()[-1:] not in _DIGITS:  # (the cheap test first)
        return False
    lines = [ln.rstrip() for ln in text.split("\n") if ln.strip()]
    if not _PAGE_REF.search(lines[-1]) or any(
            ln.count("\t") > 1 and sum(1 for f in ln.split("\t") if f.strip()) > 2
            for ln in lines):
        return False
    return not any(ln[-1] in _DIGITS and not _PAGE_REF.search(ln) for ln in lines[:-1])


def _page_number(cell: str) -> int | None:
    """The (first) page number of a page cell; ``None`` for ก or ii."""
    digits = re.match(r"[0-9๐-๙]+", cell)
    return int(digits.group(0).translate(_THAI_DIGITS)) if digits else None


def contents_table(rows: list[list[str]], after_marker: bool) -> bool:
    """A table of contents typed as a table: most rows end in a page cell whose numbers never
    go down, with short entries before it; and a "หน้า" header, a "สารบัญ" line just before
    it, or enough distinct pages to tell it from a column of figures.

    >>> contents_table([["เรื่อง", "หน้า"], ["คำนำ", "ก"], ["ส่วนที่ ๑ บทนำ", "๑"],
    ...                 ["๖.๑ การสำรองข้อมูล", "๑๒"], ["๖.๒ การทดสอบ", "๑๓"]], False)
    True
    >>> contents_table([["กิจกรรม", "ร้อยละ"], ["สำรองข้อมูล", "100"], ["อบรม", "100"],
    ...                 ["ทดสอบระบบ", "100"]], False)
    False
    >>> contents_table([["๖.๑", "การสำรองข้อมูล"], ["๖.๒", "การทดสอบ"], ["๖.๓", "สิทธิ"]], True)
    True
    """
    rows = [[c.strip() for c in r if c.strip()] for r in rows]
    rows = [r for r in rows if r]
    if len(rows) < 3 or any(len(r) > 3 for r in rows):
        return False
    if after_marker and all(len(c) <= HEADING_MAX for r in rows for c in r):
        return True  # right under "สารบัญ": short entries, with or without pages
    header = any(h in rows[0][-1].lower() for h in _PAGE_HEADERS)
    body = rows[1:] if header or not _PAGE_CELL.match(rows[0][-1]) else rows
    paged = [r for r in body if len(r) >= 2 and _PAGE_CELL.match(r[-1])
             and len(r[0]) <= HEADING_MAX]
    if len(paged) < 3 or len(paged) < 0.7 * len(body):
        return False
    numbers = [n for n in (_page_number(r[-1]) for r in paged) if n is not None]
    if any(b < a for a, b in itertools.pairwise(numbers)):
        return False
    return header or after_marker or len(set(numbers)) >= 4


def _mark_toc_tables(units: list[Unit], markers: set[str],
                     tables: dict[tuple[int, int | None], dict[int, list[Unit]]]) -> None:
    """Flag every cell of a table that :func:`contents_table` calls a table of contents."""
    for rows in tables.values():
        if len(rows) < 3:
            continue
        first = min(c.index for r in rows.values() for c in r)
        before = units[first - 1] if first > 0 else None
        after_marker = before is not None and before.key.text in markers
        if not after_marker and not any(  # (the cheap test first: a page cell ends a row)
                _PAGE_CELL.match(max(r, key=lambda c: c.col or 0).text.strip())
                for r in list(rows.values())[1:4]):
            continue
        grid = [[c.text for c in sorted(r, key=lambda c: c.col or 0)]
                for _, r in sorted(rows.items())]
        if contents_table(grid, after_marker):
            for r in rows.values():
                for u in r:
                    u.toc = True


def mark_toc(units: list[Unit], comp: CompiledRubric,
             tables: dict[tuple[int, int | None], dict[int, list[Unit]]] | None = None) -> None:
    """Flag table-of-contents units: lines with a dot leader and a page number anywhere, and
    the entry-like lines after a "สารบัญ" marker. The region ends at a line that is not an
    entry, at a page break, at an entry seen before (the body's first heading), or, once its
    entries carry page numbers, at the first line without one. A table is one when
    :func:`contents_table` says so (``tables``: the document's, gathered once)."""
    markers = {key_of(m) for m in comp.rubric.toc_markers}
    if tables is None:
        from evidence_review.classifiers.placeholders import table_cells

        tables = table_cells(units)
    _mark_toc_tables(units, markers, tables)
    starts = tuple(markers)
    in_toc = False
    toc_page = -1
    numbered_entries = 0
    seen: set[str] = set()
    paged = len({x.page for x in units}) > 1
    for u in units:
        k = u.key.text
        page_ref = u.kind != "table" and _page_ref(u.text)
        if page_ref:
            u.toc = True
        if k in markers or (k.startswith(starts) and any(
                k.startswith(m) and len(k) <= len(m) + 6 for m in markers)):
            u.toc = True
            in_toc, toc_page, seen, numbered_entries = True, u.page, set(), 0
            continue
        if not in_toc:
            continue
        entry = _TRAILING_PAGE.sub("", k)
        has_page = page_ref or bool(_TRAILING_PAGE.search(u.text.rstrip()))
        num, _ = parse_number(u.text)
        entry_like = (len(u.text) <= HEADING_MAX and u.kind != "table"
                      and (has_page or u.kind == "heading" or num is not None))
        if (not entry_like or (paged and u.page != toc_page) or entry in seen
                or (numbered_entries >= 2 and not has_page)):
            in_toc = False
            continue
        numbered_entries += has_page
        seen.add(entry)
        u.toc = True

