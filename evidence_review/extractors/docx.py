"""Word (.docx) backend: body paragraphs and tables in document order.

* Headings: a paragraph style named "Heading N" / "หัวเรื่อง N" (or based on one), "Title"
  (level 1), or an outline level set on the paragraph or its style.
* List items: numbering (``w:numPr``) on the paragraph or its style, or a "List..." style;
  ``level`` is the list depth from 1.
* Tables: one TABLE_CELL block per distinct cell, and a :class:`Table` whose rows repeat a
  merged cell's text in every grid position it spans (``gridSpan``, ``vMerge``, ``gridBefore``).
  Nested tables are flattened into their cell's text.
* Text boxes are read after the paragraph that anchors them (the VML fallback copy is
  skipped); deleted revisions and field codes are not text; headers, footers and footnotes
  are not body text and are left out.
* Pages: a DOCX has no pages until Word lays it out. Pages are numbered from EXPLICIT breaks
  only (``w:br w:type="page"``, ``pageBreakBefore``, section breaks that start a new page);
  ``lastRenderedPageBreak`` (Word's layout hint) is ignored, so a file without explicit
  breaks is one page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

from evidence_review.extractors.base import ExtractionError, Extractor
from evidence_review.extractors.model import Block, BlockKind, Document, ErrorCategory, Status
from evidence_review.extractors.structure import (
    check_zip,
    clean_cell,
    cut_to_page_limit,
    make_block,
    office_producer,
    page_from_blocks,
    table_blocks,
)
from evidence_review.intake import FileFormat, IntakeRecord, Limits
from evidence_review.messages import MessageKey, message

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, TBL, TR, TC, SDT, SDT_CONTENT, CUSTOM_XML = (
    _w("p"), _w("tbl"), _w("tr"), _w("tc"), _w("sdt"), _w("sdtContent"), _w("customXml"))
PPR, RPR, TCPR, TRPR, SECTPR = _w("pPr"), _w("rPr"), _w("tcPr"), _w("trPr"), _w("sectPr")
T, TAB, BR, CR, NB_HYPHEN = _w("t"), _w("tab"), _w("br"), _w("cr"), _w("noBreakHyphen")
TXBX_CONTENT = _w("txbxContent")
#: Subtrees whose text is not body text at the place they occur.
_SKIP = frozenset({PPR, RPR, _w("del"), _w("moveFrom"), f"{{{MC}}}Fallback", TXBX_CONTENT,
                   _w("footnoteReference"), _w("endnoteReference"), _w("commentReference")})
_CONTAINERS = frozenset({SDT_CONTENT, CUSTOM_XML, _w("smartTag"), _w("hyperlink"), _w("ins"),
                         _w("moveTo"), _w("fldSimple"), _w("dir"), _w("bdo")})

_HEADING_NAME = re.compile(r"^(?:heading|หัวเรื่อง)\s*([1-9])$", re.I)
_PAGE_BREAK = "\f"


@dataclass
class _Style:
    name: str
    based_on: str | None
    outline: int | None
    numbered: bool


@dataclass
class _PageBuilder:
    blocks: list[Block] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)


def _attr(el: Any, tag: str, name: str = "val") -> str | None:
    """The ``w:<name>`` attribute of child ``w:<tag>`` of ``el``, if present."""
    if el is None:
        return None
    child = el.find(_w(tag))
    return None if child is None else child.get(_w(name))


def _read_styles(document: Any) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    for el in document.styles.element.findall(_w("style")):
        ppr = el.find(PPR)
        outline = _attr(ppr, "outlineLvl")
        styles[el.get(_w("styleId")) or ""] = _Style(
            name=(_attr(el, "name") or "").strip(),
            based_on=_attr(el, "basedOn"),
            outline=int(outline) if outline and outline.isdigit() else None,
            numbered=ppr is not None and ppr.find(_w("numPr")) is not None,
        )
    return styles


class _Reader:
    """Walks one document body into pages of blocks and tables."""

    def __init__(self, styles: dict[str, _Style], section_starts: list[str]) -> None:
        self.styles = styles
        self.section_starts = section_starts  # how each section after the first begins
        self.section = 0
        self.pages: list[_PageBuilder] = [_PageBuilder()]

    # -- styles ---------------------------------------------------------------------------
    def _chain(self, style_id: str | None) -> list[_Style]:
        chain, seen = [], set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            chain.append(self.styles[style_id])
            style_id = self.styles[style_id].based_on
        return chain

    def _classify(self, p: Any) -> tuple[BlockKind, int | None]:
        ppr = p.find(PPR)
        chain = self._chain(_attr(ppr, "pStyle"))
        for style in chain:
            match = _HEADING_NAME.match(style.name)
            if match:
                return BlockKind.HEADING, int(match.group(1))
            if style.name.lower() == "title":
                return BlockKind.HEADING, 1
        outline = _attr(ppr, "outlineLvl")
        levels = [int(outline)] if outline and outline.isdigit() else []
        levels += [s.outline for s in chain if s.outline is not None]
        if levels and levels[0] < 9:
            return BlockKind.HEADING, levels[0] + 1
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        if numpr is not None and _attr(numpr, "numId") not in (None, "0"):
            ilvl = _attr(numpr, "ilvl")
            return BlockKind.LIST_ITEM, (int(ilvl) + 1) if ilvl and ilvl.isdigit() else 1
        if numpr is None and any(s.numbered or s.name.lower().startswith(("list", "รายการ"))
                                 for s in chain):
            return BlockKind.LIST_ITEM, 1
        return BlockKind.PARAGRAPH, None

    # -- text -----------------------------------------------------------------------------
    def _runs_text(self, el: Any, out: list[str], boxes: list[Any]) -> None:
        for child in el:
            tag = child.tag
            if tag == T:
                out.append(child.text or "")
            elif tag == TAB:
                out.append("\t")
            elif tag == BR:
                out.append(_PAGE_BREAK if child.get(_w("type")) == "page" else "\n")
            elif tag == CR:
                out.append("\n")
            elif tag == NB_HYPHEN:
                out.append("-")
            elif tag == TXBX_CONTENT:
                boxes.append(child)
            elif tag in _SKIP or not isinstance(tag, str):
                continue
            else:
                self._runs_text(child, out, boxes)

    def paragraph_text(self, p: Any) -> tuple[str, list[Any]]:
        """The text of paragraph ``p`` (page breaks as form feeds) and its text boxes."""
        out: list[str] = []
        boxes: list[Any] = []
        self._runs_text(p, out, boxes)
        return "".join(out), boxes

    def cell_text(self, tc: Any) -> str:
        parts: list[str] = []
        for el in _iter_content(tc):
            if el.tag == P:
                text, boxes = self.paragraph_text(el)
                parts.append(text.replace(_PAGE_BREAK, "\n"))
                parts.extend(self.cell_text(box) for box in boxes)
            else:
                grid, _ = self.table_grid(el)
                parts.extend("\t".join(dict.fromkeys(c for c in row if c)) for row in grid)
        return clean_cell("\n".join(parts))

    # -- tables ---------------------------------------------------------------------------
    def table_grid(self, tbl: Any) -> tuple[list[list[str]], list[list[tuple[int, int]]]]:
        """Rows of cell texts with merges resolved, and each position's originating cell."""
        grid: list[list[str]] = []
        origin: list[list[tuple[int, int]]] = []
        for r, tr in enumerate(el for el in _iter_content(tbl, TR)):
            row: list[str] = []
            row_origin: list[tuple[int, int]] = []
            before = _attr(tr.find(TRPR), "gridBefore")
            for _ in range(int(before) if before and before.isdigit() else 0):
                row_origin.append((r, len(row)))
                row.append("")
            for tc in _iter_content(tr, TC):
                tcpr = tc.find(TCPR)
                span_attr = _attr(tcpr, "gridSpan")
                span = max(1, int(span_attr)) if span_attr and span_attr.isdigit() else 1
                vmerge = tcpr.find(_w("vMerge")) if tcpr is not None else None
                continues = vmerge is not None and vmerge.get(_w("val")) in (None, "continue")
                col = len(row)
                if continues and r > 0 and col < len(grid[r - 1]):
                    text, start = grid[r - 1][col], origin[r - 1][col]
                else:
                    text, start = self.cell_text(tc), (r, col)
                for _ in range(span):
                    row.append(text)
                    row_origin.append(start)
            grid.append(row)
            origin.append(row_origin)
        width = max((len(row) for row in grid), default=0)
        for r, row in enumerate(grid):
            while len(row) < width:
                origin[r].append((r, len(row)))
                row.append("")
        return grid, origin

    # -- body -----------------------------------------------------------------------------
    def new_page(self) -> None:
        self.pages.append(_PageBuilder())

    def add_paragraph(self, p: Any) -> None:
        ppr = p.find(PPR)
        if ppr is not None and ppr.find(_w("pageBreakBefore")) is not None and (
                _attr(ppr, "pageBreakBefore") not in ("0", "false")):
            self._break_unless_empty()
        kind, level = self._classify(p)
        text, boxes = self.paragraph_text(p)
        for i, piece in enumerate(text.split(_PAGE_BREAK)):
            if i:
                self.new_page()
            if piece.strip():
                self.pages[-1].blocks.append(make_block(kind, piece.strip(), level))
        for box in boxes:
            self.add_body(box)
        if ppr is not None and ppr.find(SECTPR) is not None:
            self.section += 1
            start = (self.section_starts[self.section - 1]
                     if self.section - 1 < len(self.section_starts) else "nextPage")
            if start != "continuous":
                self.new_page()

    def _break_unless_empty(self) -> None:
        if self.pages[-1].blocks or self.pages[-1].tables:
            self.new_page()

    def add_table(self, tbl: Any) -> None:
        grid, origin = self.table_grid(tbl)
        if not grid:
            return
        page = self.pages[-1]
        page.blocks.extend(table_blocks(grid, len(page.tables), origin))
        page.tables.append(grid)

    def add_body(self, container: Any) -> None:
        for el in _iter_content(container):
            if el.tag == P:
                self.add_paragraph(el)
            else:
                self.add_table(el)


def _iter_content(el: Any, want: str | None = None) -> Any:
    """Children of ``el`` that are paragraphs and tables (or ``want``), looking through
    content controls and custom XML wrappers."""
    for child in el:
        tag = child.tag
        if (want is None and tag in (P, TBL)) or tag == want:
            yield child
        elif tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _iter_content(content, want)
        elif tag in (CUSTOM_XML, SDT_CONTENT):
            yield from _iter_content(child, want)


def _section_starts(body: Any) -> list[str]:
    """For each section after the first, how it begins ("continuous", "nextPage", ...)."""
    sects = [p_sect for p_sect in body.iter(SECTPR)]
    return [(_attr(s, "type") or "nextPage") for s in sects[1:]]


class DocxExtractor(Extractor):
    """Reads .docx with python-docx after the zip safety checks."""

    formats: ClassVar[tuple[FileFormat, ...]] = (FileFormat.DOCX,)

    def extract(self, record: IntakeRecord, limits: Limits) -> Document:
        check_zip(record.path, limits, "Word")
        import docx

        try:
            document = docx.Document(str(record.path))
            styles = _read_styles(document)
            body = document.element.body
        except Exception as exc:
            raise ExtractionError(ErrorCategory.CORRUPT, _open_error(exc)) from exc
        reader = _Reader(styles, _section_starts(body))
        reader.add_body(body)
        builders = reader.pages
        while len(builders) > 1 and not (builders[-1].blocks or builders[-1].tables):
            builders.pop()
        builders, errors = cut_to_page_limit(builders, limits, "docx")
        status = Status.PARTIAL if errors else Status.SUCCESS
        pages = [page_from_blocks(i, b.blocks, b.tables) for i, b in enumerate(builders, 1)]
        return Document(path=record.path, format=FileFormat.DOCX, status=status,
                        errors=errors, pages=pages, producer=office_producer(record.path))


def _open_error(exc: Exception) -> str:
    """A one-line reason for a DOCX python-docx cannot open.

    >>> _open_error(ValueError("file 'x.docm' is not a Word file, content type is "
    ...                        "'application/vnd.ms-word.document.macroEnabled.main+xml'"))
    'ไฟล์ Word ชนิดนี้อ่านไม่ได้ (เป็นไฟล์ที่มีแมโครหรือแม่แบบ ไม่ใช่ .docx ปกติ) \
[not a valid Word file (a macro-enabled or template document, not a plain .docx)]'
    """
    text = str(exc)
    if "macroEnabled" in text or "template" in text:
        return message(MessageKey.WORD_MACRO)
    if "CRC" in text or "zlib" in type(exc).__module__ or "Error -3" in text:
        return message(MessageKey.OFFICE_ZIP_DAMAGED, label="Word")
    if type(exc).__name__ == "XMLSyntaxError":
        return message(MessageKey.WORD_XML_DAMAGED)
    if isinstance(exc, KeyError) or "no item named" in text:
        return message(MessageKey.OFFICE_PART_MISSING, label="Word")
    first = (text.splitlines() or [type(exc).__name__])[0]
    return message(MessageKey.OFFICE_INVALID, label="Word", detail=first)
