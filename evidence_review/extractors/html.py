"""HTML backend, also for the "Excel" files that are really HTML tables saved as ``.xls``
(typically Windows-874/TIS-620, with the charset in a ``<meta>`` or not at all).

Decoding is :func:`intake.encodings.decode_html` (BOM, declared charset, strict sniffing).
The document is one page. ``h1``-``h6`` are HEADING blocks, ``li`` LIST_ITEM, other
block-level text PARAGRAPH; every outermost ``<table>`` becomes a :class:`Table` with
``rowspan``/``colspan`` resolved (a nested table's text stays inside its cell). Scripts,
styles and the ``<head>`` are not text. Whitespace is collapsed as a browser would, with
``<br>`` kept as a line break.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from evidence_review.extractors.base import Extractor
from evidence_review.extractors.model import Block, BlockKind, Document
from evidence_review.extractors.structure import (
    clean_cell,
    make_block,
    page_from_blocks,
    read_bytes,
    table_blocks,
)
from evidence_review.intake import FileFormat, IntakeRecord, Limits

_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "blockquote",
    "pre", "ul", "ol", "dl", "dt", "dd", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table",
    "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "form", "fieldset", "address",
    "center", "hr", "body", "html", "figure", "figcaption",
})
_SKIP_TAGS = frozenset({"script", "style", "head", "title", "noscript", "template", "xml"})
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")
#: Cap on a span attribute: a hostile colspan=100000 must not allocate a huge grid.
MAX_SPAN = 1000


def _collapse(text: str) -> str:
    """Browser-style whitespace: any run (newlines and no-break spaces too) is one space.

    >>> _collapse("  ส่วน \\u00a0 ราชการ\\n ")
    'ส่วน ราชการ'
    """
    return _SPACES.sub(" ", text).strip()


def _span(tag: Any, name: str) -> int:
    """A row/colspan attribute as a sane int.

    >>> from bs4 import BeautifulSoup
    >>> _span(BeautifulSoup('<td colspan="3">', "html.parser").td, "colspan")
    3
    >>> _span(BeautifulSoup('<td colspan="x">', "html.parser").td, "colspan")
    1
    """
    match = re.match(r"\s*(\d+)", str(tag.get(name) or ""))
    return min(max(int(match.group(1)), 1), MAX_SPAN) if match else 1


def _inline_text(node: Any) -> str:
    """Text of ``node`` with ``<br>`` as line breaks and skipped tags left out."""
    from bs4 import Comment, NavigableString, Tag

    parts: list[str] = []

    def walk(n: Any) -> None:
        for child in n.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                parts.append(str(child))
            elif isinstance(child, Tag):
                name = child.name.lower()
                if name in _SKIP_TAGS:
                    continue
                if name == "br":
                    parts.append("\x00")
                elif name in ("p", "div", "li", "tr", "table", "h1", "h2", "h3", "h4", "h5",
                              "h6"):
                    parts.append("\x00")
                    walk(child)
                    parts.append("\x00")
                elif name in ("td", "th"):
                    walk(child)
                    parts.append(" ")
                else:
                    walk(child)

    walk(node)
    lines = [_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\x00")]
    return "\n".join(line for line in lines if line)


def table_grid(table: Any) -> tuple[list[list[str]], list[list[tuple[int, int]]]]:
    """Rows of cell texts of a ``<table>`` with rowspan/colspan resolved (text repeated in
    every spanned position), and for each position the (row, col) of the cell covering it."""
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    grid: list[list[str | None]] = [[] for _ in rows]
    origin: list[list[tuple[int, int] | None]] = [[] for _ in rows]
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr.find_all(["td", "th"], recursive=False):
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            text = clean_cell(_inline_text(cell))
            rowspan = min(_span(cell, "rowspan"), len(rows) - r)
            colspan = _span(cell, "colspan")
            for dr in range(rowspan):
                row, row_origin = grid[r + dr], origin[r + dr]
                while len(row) < c + colspan:
                    row.append(None)
                    row_origin.append(None)
                for dc in range(colspan):
                    row[c + dc] = text
                    row_origin[c + dc] = (r, c)
            c += colspan
    width = max((len(row) for row in grid), default=0)
    texts = [[cell or "" for cell in row] + [""] * (width - len(row)) for row in grid]
    origins = [[o if o is not None else (r, i)
                for i, o in enumerate(row + [None] * (width - len(row)))]
               for r, row in enumerate(origin)]
    return texts, origins


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.tables: list[list[list[str]]] = []
        self.buffer: list[Any] = []

    def flush(self) -> None:
        """Turn the pending inline content into paragraphs (one per ``<br>`` line)."""
        joined = "".join(_piece_text(n) for n in self.buffer)
        self.buffer = []
        for line in (_collapse(x) for x in joined.split("\x01")):
            if line:
                self.blocks.append(make_block(BlockKind.PARAGRAPH, line))

    def walk(self, node: Any) -> None:
        from bs4 import Comment, Tag

        for child in list(node.children):
            if isinstance(child, Comment):
                continue
            if not isinstance(child, Tag):
                self.buffer.append(child)
                continue
            name = child.name.lower()
            if name in _SKIP_TAGS:
                continue
            if name not in _BLOCK_TAGS:
                self.buffer.append(child)
                continue
            self.flush()
            if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
                text = _inline_text(child)
                if text:
                    self.blocks.append(make_block(BlockKind.HEADING, text, level=int(name[1])))
            elif name == "li":
                text = _inline_text(child)
                if text:
                    self.blocks.append(make_block(BlockKind.LIST_ITEM, text))
            elif name == "table":
                grid, origin = table_grid(child)
                if any(any(cell for cell in row) for row in grid):
                    self.blocks.extend(table_blocks(grid, len(self.tables), origin))
                    self.tables.append(grid)
            else:
                self.walk(child)
                self.flush()


def _piece_text(node: Any) -> str:
    """Inline content as text, with ``<br>`` as a line separator (``\\x01``)."""
    from bs4 import NavigableString, Tag

    if isinstance(node, NavigableString):
        return str(node)
    if isinstance(node, Tag):
        if node.name.lower() == "br":
            return "\x01"
        if node.name.lower() in _SKIP_TAGS:
            return ""
        return "".join(_piece_text(c) for c in node.children)
    return ""


class HtmlExtractor(Extractor):
    """Reads HTML and HTML-disguised .xls files with BeautifulSoup (``html.parser``)."""

    formats: ClassVar[tuple[FileFormat, ...]] = (FileFormat.HTML, FileFormat.XLS_HTML)

    def extract(self, record: IntakeRecord, limits: Limits) -> Document:
        from bs4 import BeautifulSoup

        from evidence_review.intake.encodings import decode_html

        decoded = decode_html(read_bytes(record))
        soup = BeautifulSoup(decoded.text, "html.parser")
        walker = _Walker()
        walker.walk(soup.body or soup)
        walker.flush()
        page = page_from_blocks(1, walker.blocks, walker.tables)
        producer = None
        meta = soup.find("meta", attrs={"name": re.compile("^generator$", re.I)})
        if meta is not None and meta.get("content"):
            producer = str(meta.get("content"))[:200]
        return Document(path=record.path, format=record.format, pages=[page], producer=producer)
