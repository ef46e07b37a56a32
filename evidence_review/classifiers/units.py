"""Units: a document as a list of blocks (or lines, or paragraphs), placed in one key text.

A document becomes a list of :class:`Unit` (one per block, or per line when a page has no
blocks), joined into one key text (:mod:`classifiers.text`) so phrase hits can be placed in a
unit. :class:`Section` and :class:`Structure` hold what :mod:`classifiers.structure` finds.
"""

from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass, field

from evidence_review.classifiers.matcher import CompiledRubric, Hit
from evidence_review.classifiers.text import Keyed, key_of, match_keys
from evidence_review.extractors.model import BlockKind, Document
from evidence_review.thaitext.chars import MARK_RE

_START = operator.itemgetter(0)  # a Hit's start
_KEY = operator.itemgetter(2)  # a Hit's key
_NOT_SAID = re.compile(r"[\s\-–—.,:;()\[\]\"'/|*•…_0-9]")

#: A line shorter than this share of its block's longest line ends a paragraph.
SHORT_LINE = 0.6


@dataclass(slots=True)
class Unit:
    """One block (or line) of the document, placed in the document's key text."""

    index: int
    page: int
    text: str
    kind: str  # heading | body | table | list
    level: int | None
    key: Keyed
    base: int  # offset of this unit's key in the document key text
    table: int | None = None
    row: int | None = None
    col: int | None = None
    toc: bool = False
    heading: bool = False
    heading_level: int = 0
    number: str | None = None  # "3.1" when numbered
    prefixed: bool = False  # "ประเด็นย่อยที่ ..."
    title_sid: str | None = None
    sid: str | None = None  # the sub-issue this heading maps to
    inline_body: bool = False  # a long numbered paragraph: heading and body in one
    overview: bool = False
    excluded: list[tuple[int, int]] = field(default_factory=list)  # key spans not counted
    why: str | None = None  # why (some of) it is not counted: a key of confidence._REASONS
    section: int | None = None  # index into Structure.sections (innermost)
    hits: list[Hit] = field(default_factory=list)
    word_sids: set[str] | None = None  # cache of word_sids
    # where ``text`` starts in its page's text, or each of its characters' offsets there when
    # the page holds it with other whitespace (None: not found)
    page_start: int | list[int] | None = None

    @property
    def end(self) -> int:
        return self.base + len(self.key.text)


@dataclass
class Section:
    heading: int  # unit index
    sid: str | None
    level: int
    body: list[int] = field(default_factory=list)  # unit indexes (non-heading)
    substantive: bool = False
    placeholder: bool = False  # body is only a placeholder
    body_chars: int = 0


@dataclass
class Structure:
    units: list[Unit]
    key: str
    sections: list[Section]
    trusts_numbering: bool
    bases: list[int] = field(default_factory=list)  # units' bases, for binary search

    rows: dict[tuple, list[Unit]] | None = None  # table rows' units (made when first asked)

    def row_units(self, unit: Unit) -> list[Unit]:
        """The units of ``unit``'s table row (``unit`` alone when it is in no table)."""
        if unit.kind != "table" or unit.row is None:
            return [unit]
        if self.rows is None:
            self.rows = {}
            for u in self.units:
                if u.kind == "table" and u.row is not None:
                    self.rows.setdefault((u.page, u.table, u.row), []).append(u)
        return self.rows.get((unit.page, unit.table, unit.row), [unit])

    def unit_at(self, offset: int) -> Unit:
        """The unit whose key text holds ``offset``."""
        return self.units[max(0, bisect.bisect_right(self.bases, offset) - 1)]


_KINDS = {BlockKind.HEADING: "heading", BlockKind.TABLE_CELL: "table",
          BlockKind.LIST_ITEM: "list"}


def _kind(kind: BlockKind) -> str:
    return _KINDS.get(kind, "body")


def paragraphs(text: str) -> list[str]:
    r"""Split a multi-line block (PDF text often comes as one block per page) into paragraphs:
    a line much shorter than the block's median line ends a paragraph (a heading, or the last
    line of a wrapped paragraph). Widths are printed widths: marks above and below a letter
    take no column.

    >>> paragraphs("หัวข้อ\nบรรทัดยาวมากมากมากมากมาก\nต่อท้ายยาวมากมากมากมากมาก\nจบ")
    ['หัวข้อ', 'บรรทัดยาวมากมากมากมากมาก\nต่อท้ายยาวมากมากมากมากมาก\nจบ']
    >>> len(paragraphs("ยาวมากมากมากมาก\nยาวมากมากมากมาก\nยาวมากมากมากมาก"))
    1
    >>> paragraphs("ที่นี่ที่นี่ที่นี่ที่\nที่นี่ที่นี่ที่นี่ที่\nabcdefg")  # 7 columns: not short
    ['ที่นี่ที่นี่ที่นี่ที่\nที่นี่ที่นี่ที่นี่ที่\nabcdefg']
    """
    if "\n" not in text:  # one line (most DOCX paragraphs)
        return [text] if text.strip() else []
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if len(lines) < 3:
        return ["\n".join(lines)] if lines else []
    # every line's width with one regex pass over the block: its stripped length less its
    # marks (marks are never whitespace: stripping keeps them all)
    widths = [len(ln.strip()) - len(ln) + len(um)
              for ln, um in zip(text.split("\n"), MARK_RE.sub("", text).split("\n"),
                                strict=True) if ln.strip()]
    typical = sorted(widths)[len(widths) // 2]
    out: list[str] = []
    cur: list[str] = []
    for ln, w in zip(lines, widths, strict=True):
        cur.append(ln)
        if w < SHORT_LINE * typical:
            out.append("\n".join(cur))
            cur = []
    if cur:
        out.append("\n".join(cur))
    return out


def units_of(doc: Document) -> tuple[list[Unit], str]:
    """The document's units and its key text (units joined by newlines). Each unit knows where
    its text starts in its page's text (``page_start``; None where the page text does not hold
    it as it stands, e.g. a table cell a format does not put in the page text)."""
    items: list[tuple[str, str, int | None, int | None, int | None, int | None, int,
                      int | list[int] | None]] = []
    for page in doc.pages:
        if page.unreadable and not page.text:
            continue
        number = page.number
        locate = _Locator(page.text)
        if page.blocks:
            for b in page.blocks:
                kind = _KINDS.get(b.kind, "body")
                if kind in ("body", "list"):
                    for piece in paragraphs(b.text):
                        items.append((piece, kind, b.level, b.table, b.row, b.col, number,
                                      locate(piece)))
                elif b.text.strip():
                    items.append((b.text, kind, b.level, b.table, b.row, b.col, number,
                                  locate(b.text)))
        else:
            for piece in paragraphs(page.text):
                items.append((piece, "body", None, None, None, None, number, locate(piece)))
    # (every item has text: paragraphs are made of non-blank lines)
    keys = match_keys([it[0] for it in items])
    units: list[Unit] = []
    parts: list[str] = []
    base = 0
    for (text, kind, level, table, row, col, number, at), k in zip(items, keys, strict=True):
        if not k.text:
            continue
        units.append(Unit(len(units), number, text, kind, level, k, base, table, row, col,
                          page_start=at))
        parts.append(k.text)
        base += len(k.text) + 1
    return units, "\n".join(parts)


class _Locator:
    r"""Finds pieces of a page's text in order (from where the last one ended; from the start
    when a piece is out of order). A piece the page text holds only with other whitespace (a
    table cell whose lines a PDF page wraps) is found ignoring whitespace: then the answer is
    each of the piece's characters' offsets in the page text.

    >>> at = _Locator("หัวข้อ\nเนื้อหา ก\nเนื้อหา ข\nสำรอง\nข้อมูล")
    >>> at("เนื้อหา ข"), at("หัวข้อ"), at("ไม่มีในหน้า")
    (17, 0, None)
    >>> at("สำรอง ข้อมูล")
    [27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38]
    """

    __slots__ = ("bare", "cursor", "text", "where")

    def __init__(self, text: str) -> None:
        self.text = text
        self.cursor = 0
        self.bare: str | None = None  # the text without whitespace (made when first needed)
        self.where: list[int] = []  # offset in ``text`` of each character of ``bare``

    def __call__(self, piece: str) -> int | list[int] | None:
        pos = self.text.find(piece, self.cursor)
        if pos < 0:
            pos = self.text.find(piece)
        if pos >= 0:
            self.cursor = pos + len(piece)
            return pos
        return self._loose(piece)

    def _loose(self, piece: str) -> list[int] | None:
        if self.bare is None:
            self.where = [i for i, c in enumerate(self.text) if not c.isspace()]
            self.bare = "".join(self.text[i] for i in self.where)
        bare_piece = "".join(piece.split())
        if not bare_piece:
            return None
        at = self.bare.find(bare_piece)
        if at < 0:
            return None
        out: list[int] = []
        j = at
        for c in piece:
            if c.isspace():
                out.append(out[-1] + 1 if out else self.where[at])
            else:
                out.append(self.where[j])
                j += 1
        self.cursor = out[-1] + 1
        return out


def placeholder_keys(comp: CompiledRubric) -> list[str]:
    keys = {key_of(p) for p in comp.rubric.placeholders}
    return sorted((k for k in keys if k), key=len, reverse=True)


def residue(text_key: str, placeholders: list[str]) -> str:
    """``text_key`` without placeholders, punctuation and numbering: what is really said."""
    out = text_key
    for p in placeholders:
        out = out.replace(p, "")
    return _NOT_SAID.sub("", out)

