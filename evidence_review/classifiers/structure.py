"""Document structure for the classifier: units, headings, sections, tables of contents.

A document becomes a list of :class:`Unit` (one per block, or per line when a page has no
blocks), joined into one key text (:mod:`classifiers.text`) so phrase hits can be placed in a
unit. Then:

* **headings** are heading blocks, short numbered lines ("3.1 ...", "๓.๑ ...", "ประเด็นย่อยที่
  3.1"), and lines that restate an official sub-issue title;
* a heading **maps to a sub-issue** by its number when its words agree (or when the document
  demonstrably follows the official numbering), else by its words alone when they point at one
  sub-issue only;
* a **section** runs from a heading to the next heading of the same or a higher level; it is
  *empty* when its body, once placeholders ("-", "ไม่มี", "อยู่ระหว่างดำเนินการ") are removed, is
  shorter than ``matching.min_body_chars``;
* a **table of contents** (a "สารบัญ" marker and the entry-like lines after it, or any line with a
  dot leader and a page number) is shown but never counted.
"""

from __future__ import annotations

import bisect
import difflib
import operator
import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz.distance.LCSseq import similarity as lcs_length

from evidence_review.classifiers.matcher import CompiledRubric, Hit, TermKind, verifier
from evidence_review.classifiers.text import Keyed, key_of, match_keys
from evidence_review.extractors.model import BlockKind, Document
from evidence_review.thaitext.chars import MARK_RE

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_NUMBER = re.compile(
    r"^\s*(?:(?P<prefix>ประเด็นย่อยที่|ประเด็นย่อย|ประเด็นที่|ข้อที่|ข้อ)\s*)?\(?"
    r"(?P<num>[0-9๐-๙]{1,2}(?:\s?\.\s?[0-9๐-๙]{1,2}){0,3})\s?[.)]?(?=\s|[^\s0-9๐-๙.])"
)
#: What a text matching ``_NUMBER`` can start with (besides whitespace).
_NUMBER_START = frozenset("0123456789๐๑๒๓๔๕๖๗๘๙(ปข")
_PART = re.compile(r"^\s*(?:ส่วนที่|บทที่|หมวดที่|ภาคผนวก|ตอนที่)")
_PAGE_REF = re.compile(r"(?:\.{3,}|…{2,}|_{3,}|\t|\s{3,})\s*[0-9๐-๙]{1,3}\s*$")
_DIGITS = frozenset("0123456789๐๑๒๓๔๕๖๗๘๙")
_TRAILING_PAGE = re.compile(r"[\s.…_\-]*[0-9๐-๙]{1,3}\s*$")
# (compiled once: these run for every numbered line and table cell)
_SPACE = re.compile(r"\s")
_LEADING_NUMBER = re.compile(r"^(?:ประเด็นย่อยที่|ประเด็นย่อย|ประเด็นที่|ข้อ)?[0-9.()]*")
_START = operator.itemgetter(0)  # a Hit's start
_KEY = operator.itemgetter(2)  # a Hit's key
_NUMBER_KEY_START = frozenset("ปข0123456789.()")  # what _LEADING_NUMBER can start with
_NOT_SAID = re.compile(r"[\s\-–—.,:;()\[\]\"'/|*•…_0-9]")

def _ALL(h: Hit) -> bool:  # every hit counts (hits checked when found)
    return True


#: A numbered line longer than this is a paragraph that starts with a number (heading + body).
HEADING_MAX = 150
#: A line is (part of) an official title when this share of its characters stand in it.
TITLE_LINE = 0.85
#: Term kinds that name a sub-issue (for lists and labelled lines).
_NAMING = frozenset({TermKind.PHRASE, TermKind.HEADING, TermKind.CONCEPT})
#: An unnumbered heading longer than this is a document title, not a sub-issue heading.
SHORT_HEADING = 80
#: A title-like line must be at least this similar to an official title (difflib ratio).
TITLE_RATIO = 0.75
#: A line shorter than this share of its block's longest line ends a paragraph.
SHORT_LINE = 0.6
#: A common run this long with an official title means the title is restated.
TITLE_RUN = 25
#: A block naming many sub-issues in fewer than this many characters each is a list.
OVERVIEW_CHARS = 50


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
    section: int | None = None  # index into Structure.sections (innermost)
    hits: list[Hit] = field(default_factory=list)
    word_sids: set[str] | None = None  # cache of _word_sids

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
    """The document's units and its key text (units joined by newlines)."""
    items: list[tuple[str, str, int | None, int | None, int | None, int | None, int]] = []
    for page in doc.pages:
        if page.unreadable and not page.text:
            continue
        number = page.number
        if page.blocks:
            for b in page.blocks:
                kind = _KINDS.get(b.kind, "body")
                if kind in ("body", "list"):
                    for piece in paragraphs(b.text):
                        items.append((piece, kind, b.level, b.table, b.row, b.col, number))
                elif b.text.strip():
                    items.append((b.text, kind, b.level, b.table, b.row, b.col, number))
        else:
            for piece in paragraphs(page.text):
                items.append((piece, "body", None, None, None, None, number))
    # (every item has text: paragraphs are made of non-blank lines)
    keys = match_keys([it[0] for it in items])
    units: list[Unit] = []
    parts: list[str] = []
    base = 0
    for (text, kind, level, table, row, col, number), k in zip(items, keys, strict=True):
        if not k.text:
            continue
        units.append(Unit(len(units), number, text, kind, level, k, base, table, row, col))
        parts.append(k.text)
        base += len(k.text) + 1
    return units, "\n".join(parts)


def parse_number(text: str) -> tuple[str | None, bool]:
    """The section number at the start of ``text`` ("3.1", Thai digits converted) and whether
    it is introduced by "ประเด็นย่อยที่".

    >>> parse_number("๓.๑ การสำรองข้อมูล"), parse_number("ประเด็นย่อยที่ 2.3 การรณรงค์")
    (('3.1', False), ('2.3', True))
    >>> parse_number("2550 เป็นปี"), parse_number("ข้อมูล")
    ((None, False), (None, False))
    """
    first = text[:1]
    if first not in _NUMBER_START and not first.isspace():  # (most lines: no regex run)
        return None, False
    m = _NUMBER.match(text)
    if not m:
        return None, False
    num = _SPACE.sub("", m.group("num").translate(_THAI_DIGITS))
    if any(len(n) > 2 for n in num.split(".")) or num.startswith("0"):
        return None, False
    if "." not in num and not m.group("prefix") and len(num) > 1:
        return None, False
    return num, bool(m.group("prefix") and "ประเด็น" in m.group("prefix"))


def _strip_number(key: str) -> str:
    """``key`` without a leading number ("3.1", "ข้อ 2", "(๑)": keys hold Arabic digits).

    >>> _strip_number("3.1การสำรองข้อมูล"), _strip_number("การสำรองข้อมูล")
    ('การสำรองข้อมูล', 'การสำรองข้อมูล')
    """
    if key[:1] not in _NUMBER_KEY_START:  # nothing to strip (most keys): no regex run
        return key
    return _LEADING_NUMBER.sub("", key)


def _placeholder_keys(comp: CompiledRubric) -> list[str]:
    keys = {key_of(p) for p in comp.rubric.placeholders}
    return sorted((k for k in keys if k), key=len, reverse=True)


def residue(text_key: str, placeholders: list[str]) -> str:
    """``text_key`` without placeholders, punctuation and numbering: what is really said."""
    out = text_key
    for p in placeholders:
        out = out.replace(p, "")
    return _NOT_SAID.sub("", out)


_MATCHERS: dict[str, difflib.SequenceMatcher] = {}


def _matcher(tkey: str) -> difflib.SequenceMatcher:
    """A SequenceMatcher with the title as its second sequence (indexed once, reused)."""
    sm = _MATCHERS.get(tkey)
    if sm is None:
        sm = difflib.SequenceMatcher(None, autojunk=False)
        sm.set_seq2(tkey)
        _MATCHERS[tkey] = sm
    return sm


def _title_match(unit: Unit, titles: dict[str, str], verified=_ALL,
                 words_of: dict[str, tuple[str, ...]] | None = None) -> str | None:
    """The sub-issue whose official title this unit restates (only titles of sub-issues whose
    words occur in the unit are compared)."""
    body = _strip_number(unit.key.text)
    if len(body) < 8:
        return None
    best, best_ratio = None, 0.0
    # the sub-issues the unit's words name: first unchecked (cheap, a superset), checked
    # (_word_sids: checking a word may tokenize its Thai run) only where a title could match
    named = None
    candidates = None
    n = len(body)
    for sid, tkey in titles.items():
        if n > 1.4 * len(tkey) + 10:
            continue
        if named is None:
            if words_of is None or unit.word_sids is not None:  # checked already, or no map
                named = candidates = _word_sids(unit, verified, words_of)
            else:
                named = {s for k in map(_KEY, unit.hits) for s in words_of.get(k, ())}
        if sid not in named:
            continue
        if body in tkey and len(body) >= 0.5 * len(tkey):
            if candidates is None:
                candidates = _word_sids(unit, verified, words_of)
            if sid in candidates:
                return sid
            continue
        if 2 * min(len(body), len(tkey)) / (len(body) + len(tkey)) < TITLE_RATIO:
            continue
        # an upper bound of difflib's ratio: difflib's matching blocks are one common
        # subsequence, so they are never longer than the longest one (rapidfuzz, in C)
        bound = 2.0 * lcs_length(body, tkey) / (len(body) + len(tkey))
        if bound < TITLE_RATIO or bound <= best_ratio:  # cannot reach the threshold or win
            continue
        if candidates is None:
            candidates = _word_sids(unit, verified, words_of)
        if sid not in candidates:
            continue
        sm = _matcher(tkey)
        sm.set_seq1(body)
        r = sm.ratio()
        if r > best_ratio:
            best, best_ratio = sid, r
    return best if best_ratio >= TITLE_RATIO else None


def _word_sids(unit: Unit, verified=_ALL,
               words_of: dict[str, tuple[str, ...]] | None = None) -> set[str]:
    """Sub-issues whose heading keys or phrases occur in the unit (worked out once);
    ``words_of`` is :attr:`CompiledRubric.word_sids` (the same answer, faster)."""
    out = unit.word_sids
    if out is None and words_of is not None:
        out = set()
        for h in unit.hits:
            got = words_of.get(h.key)
            # a hit adding no new sub-issue need not be checked (its check tokenizes)
            if got and not out.issuperset(got) and verified(h):
                out.update(got)
        unit.word_sids = out
    elif out is None:
        out = unit.word_sids = {
            t.subissue for h in unit.hits for t in h.terms
            if t.kind in (TermKind.HEADING, TermKind.PHRASE) and t.subissue and verified(h)}
    return out


def _may_name(unit: Unit, words_of: dict[str, tuple[str, ...]] | None) -> bool:
    """The unit holds a heading key or phrase, unchecked (else :func:`_word_sids` is empty)."""
    if words_of is None or unit.word_sids is not None:
        return True
    return any(map(words_of.__contains__, map(_KEY, unit.hits)))  # (C-level loops)


def _anchor_sids(unit: Unit, anchors_of: dict[str, tuple[str, ...]]) -> set[str]:
    """Sub-issues whose anchor phrases occur in the unit (enough to map an unnumbered heading;
    heading keys alone are too broad: "ส่งเสริม" is in many agency names)."""
    return {sid for h in unit.hits for sid in anchors_of.get(h.key, ())}


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


def _mark_toc(units: list[Unit], comp: CompiledRubric) -> None:
    """Flag table-of-contents units: lines with a dot leader and a page number anywhere, and
    the entry-like lines after a "สารบัญ" marker. The region ends at a line that is not an
    entry, at a page break, at an entry seen before (the body's first heading), or, once its
    entries carry page numbers, at the first line without one."""
    markers = {key_of(m) for m in comp.rubric.toc_markers}
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


def _title_spans(text: str, titles: dict[str, str]) -> list[tuple[int, int]]:
    """Spans of ``text`` that restate an official title: a run of at least ``TITLE_RUN``
    characters (or 60% of a short title) in common, found by probing the title's chunks (every
    4th offset; the first chunk of a title that occurs, at its first occurrence).

    >>> titles = {"3.1": key_of("กระบวนการหรือระบบในการสำรองและกู้คืนข้อมูล")}
    >>> _title_spans(key_of("มีระบบในการสำรองและกู้คืนข้อมูลทุกวัน"), titles)
    [(5, 30)]
    """
    chunks, needs, automaton = _title_chunks(tuple(titles.values()))
    best: dict[int, tuple[int, int]] = {}  # title -> (chunk offset, start in text)
    for end, chunk in automaton.iter(text):  # by end: a title's chunks are all one length,
        start = end - len(chunk) + 1  # so its first occurrence comes first
        for ti, i in chunks[chunk]:
            got = best.get(ti)
            if got is None or i < got[0]:
                best[ti] = (i, start)
    return [(pos, pos + needs[ti]) for ti, (_, pos) in sorted(best.items())]


_Chunks = tuple[dict[str, list[tuple[int, int]]], list[int], Any]  # Any: ahocorasick.Automaton
_TITLE_CHUNKS: dict[tuple[str, ...], _Chunks] = {}


def _title_chunks(tkeys: tuple[str, ...]) -> _Chunks:
    """The chunks :func:`_title_spans` probes, per chunk its (title, offset) pairs, each
    title's chunk length, and one Aho-Corasick automaton over the chunks (one pass over a text
    instead of a search per chunk)."""
    got = _TITLE_CHUNKS.get(tkeys)
    if got is None:
        import ahocorasick

        chunks: dict[str, list[tuple[int, int]]] = {}
        needs = [min(TITLE_RUN, int(0.6 * len(tkey))) for tkey in tkeys]
        for ti, (tkey, need) in enumerate(zip(tkeys, needs, strict=True)):
            for i in range(0, max(1, len(tkey) - need + 1), 4):
                chunks.setdefault(tkey[i:i + need], []).append((ti, i))
        automaton = ahocorasick.Automaton()
        for chunk in chunks:
            if chunk:
                automaton.add_word(chunk, chunk)
        automaton.make_automaton()
        got = _TITLE_CHUNKS[tkeys] = (chunks, needs, automaton)
    return got


def _mark_empty_rows(units: list[Unit], placeholders: list[str], sids: set[str],
                     titles: dict[str, str], min_chars: int, verified=_ALL,
                     words_of: dict[str, tuple[str, ...]] | None = None) -> None:
    """A table row naming a sub-issue whose other cells are empty or placeholders ("3.2 ... | - |
    -") is an empty heading: none of its words count."""
    rows: dict[tuple[int, int | None, int | None], list[Unit]] = {}
    for u in units:
        if u.kind == "table" and u.row is not None:
            rows.setdefault((u.page, u.table, u.row), []).append(u)
    for cells in rows.values():
        label = None
        for c in cells:
            num, _ = parse_number(c.text)
            # (_title_match finds no title without the unit's words: _word_sids, lazily)
            if num in sids or (len(c.text) <= 200 and _may_name(c, words_of)
                               and _title_match(c, titles, verified, words_of)):
                label = c
                break
        if label is None:
            continue
        rest = "".join(c.key.text for c in cells if c is not label)
        if len(residue(rest, placeholders)) < min_chars:
            for c in cells:
                c.overview = True


def _place_hits(hits: list[Hit], units: list[Unit], bases: list[int]) -> None:
    """Append each hit to the unit holding its start (the last unit whose base is at or
    before it; the first unit for any before every base)."""
    starts = list(map(_START, hits))
    if starts != sorted(starts):  # not in order (find_hits sorts them): one search per hit
        for h in hits:
            units[max(0, bisect.bisect_right(bases, h.start) - 1)].hits.append(h)
        return
    # in order: each unit takes a slice (one search per unit instead of one per hit)
    lo = 0
    n = len(units)
    for i in range(n):
        hi = bisect.bisect_left(starts, bases[i + 1], lo) if i + 1 < n else len(starts)
        if hi > lo:
            units[i].hits = hits[lo:hi]
            lo = hi
        if lo == len(starts):
            break


def analyse(doc: Document, comp: CompiledRubric, hits: list[Hit], units: list[Unit],
            key: str) -> Structure:
    """Place ``hits`` in units and find headings, sections and tables of contents."""
    verified = verifier(hits)
    bases = [u.base for u in units]
    if units:
        _place_hits(hits, units, bases)
    rubric = comp.rubric
    sids = set(rubric.subissue_ids)
    titles = {s.id: key_of(s.title_th) for s in rubric.subissues}
    _mark_toc(units, comp)
    words_of = comp.word_sids
    phrase_sids = comp.phrase_sids
    longest_title = 1.5 * max(len(t) for t in titles.values())

    # headings
    for u in units:
        if u.toc or u.kind == "table":
            continue
        num, prefixed = parse_number(u.text)
        # the unit's checked words (_word_sids) are worked out only where they decide
        # something: checking a word may tokenize its whole Thai run
        if len(u.text) <= longest_title and _may_name(u, words_of):
            u.title_sid = _title_match(u, titles, verified, words_of)  # None without words
        numbered = num is not None and ("." in num or prefixed)
        if u.kind == "heading" or u.title_sid or (numbered and len(u.text) <= HEADING_MAX):
            u.heading = True
        elif numbered and num in sids and num in _word_sids(u, verified, words_of):
            u.heading = True
            u.inline_body = True
        if not u.heading:
            continue
        u.number, u.prefixed = (num if numbered else None), prefixed
        if u.number:
            u.heading_level = u.number.count(".") + 1
        elif u.title_sid:
            u.heading_level = 2
        else:
            u.heading_level = u.level or (1 if _PART.match(u.text) else 2)

    validated = [u for u in units if u.heading and u.number in sids
                 and (u.number in _word_sids(u, verified, words_of) or u.title_sid == u.number
                      or u.prefixed)]
    numbered_subs = [u for u in units if u.heading and u.number and u.number.count(".") == 1
                     and u.number.split(".")[0] in {"1", "2", "3"}]
    trusts = len({u.number for u in validated}) >= 3 and (
        len(validated) >= 0.6 * max(1, len(numbered_subs)))

    for u in units:
        if not u.heading:
            continue
        words = _anchor_sids(u, comp.anchor_sids)
        if u.number in sids and (u.number in _word_sids(u, verified, words_of)
                                 or u.title_sid == u.number
                                 or u.prefixed or trusts):
            u.sid = u.number
        elif u.title_sid:
            u.sid = u.title_sid
        elif (len(words) == 1 and len(u.text) <= SHORT_HEADING
              and (u.number is None or u.number.count(".") != 1 or not trusts)):
            u.sid = next(iter(words))

    # sections
    sections: list[Section] = []
    open_stack: list[int] = []  # indexes of open sections
    placeholders = _placeholder_keys(comp)
    for u in units:
        if u.heading:
            while open_stack:
                s = sections[open_stack[-1]]
                if u.heading_level <= s.level or (u.sid and s.sid and u.sid != s.sid
                                                  and s.sid is not None):
                    open_stack.pop()
                else:
                    break
            sections.append(Section(heading=u.index, sid=u.sid, level=u.heading_level))
            open_stack.append(len(sections) - 1)
            u.section = len(sections) - 1
            if u.inline_body:
                sections[-1].body.append(u.index)
            continue
        if u.toc:
            continue
        if open_stack:
            u.section = open_stack[-1]
            for si in open_stack:
                sections[si].body.append(u.index)
    for s in sections:
        text = "".join(units[i].key.text for i in s.body)
        if s.body and units[s.body[0]].inline_body:
            text = _strip_number(text)
            head = units[s.heading]
            if head.title_sid:
                text = text.replace(key_of(rubric.subissue(head.title_sid).title_th), "")
        rest = residue(text, placeholders)
        s.body_chars = len(rest)
        s.substantive = len(rest) >= rubric.matching.min_body_chars
        s.placeholder = bool(text) and not s.substantive

    _mark_empty_rows(units, placeholders, sids, titles, rubric.matching.min_body_chars,
                     verified, words_of)

    # overview: official titles restated in a list (an introduction), or a short block naming
    # many sub-issues, are not evidence; only the listing part of a block is excluded
    need = rubric.matching.overview_min_subissues
    phrase_keys = frozenset(phrase_sids)
    for u in units:
        if u.heading or u.toc or not u.hits:  # no hits: names nothing
            continue
        named = {sid for k in phrase_keys.intersection(map(_KEY, u.hits))
                 for sid in phrase_sids[k]}
        if len(named) >= need and len(u.key.text) <= OVERVIEW_CHARS * len(named):
            u.overview = True
            continue
        if len(named) >= 3:
            spans = _title_spans(u.key.text, titles)
            if len(spans) >= 3:
                u.excluded.append((u.base + min(a for a, _ in spans),
                                   u.base + max(b for _, b in spans)))
    _mark_title_lists(units, sections, titles, need)
    _mark_inline_lists(units, sids, need)
    _mark_put_off_lines(units, comp, placeholders)
    return Structure(units=units, key=key, sections=sections, trusts_numbering=trusts,
                     bases=bases)


def _title_like(u: Unit, titles: dict[str, str], longest: int) -> str | None:
    """The sub-issue whose official title this unit is (a part of): at least ``TITLE_LINE`` of
    its characters, number stripped, stand in that title in order (a wrapped half of a title
    line is one too)."""
    if u.toc or u.kind == "table":
        return None
    body = _strip_number(u.key.text)
    n = len(body)
    if n < 6 or TITLE_LINE * n > longest:  # the common subsequence is no longer than a title
        return None
    best, cover = None, 0.0
    for sid, tkey in titles.items():
        if len(tkey) < TITLE_LINE * n:
            continue
        c = lcs_length(body, tkey) / n
        if c > cover:
            best, cover = sid, c
    return (u.title_sid or best) if cover >= TITLE_LINE else None


def _mark_title_lists(units: list[Unit], sections: list[Section], titles: dict[str, str],
                      need: int) -> None:
    """Consecutive lines that each restate an official title ("(1) ระบบงาน/กระบวนงาน...",
    "(2) ...", one per line, often wrapped) are a list of the sub-issues, as an introduction
    quotes them: not headings and not coverage. Needs ``need`` lines naming as many sub-issues."""
    longest = max(len(t) for t in titles.values())
    n = len(units)
    like: dict[int, str | None] = {}

    def title_of(i: int) -> str | None:
        if i not in like:
            like[i] = _title_like(units[i], titles, longest)
        return like[i]

    # a run of ``need`` lines holds one of every ``need``-th unit: only those are tried first
    i = need - 1
    while i < n:
        if title_of(i) is None:
            i += need
            continue
        lo = hi = i
        while lo > 0 and title_of(lo - 1) is not None:
            lo -= 1
        while hi + 1 < n and title_of(hi + 1) is not None:
            hi += 1
        run = units[lo:hi + 1]
        if len(run) >= need and len({like[j] for j in range(lo, hi + 1)}) >= need:
            for v in run:
                v.overview = True
                if v.heading and v.section is not None and sections[v.section].heading == v.index:
                    sections[v.section].sid = None
                    v.sid = None
        i = hi + 1 + need  # the next run starts after hi + 1, which is no title


#: A sub-issue number written inside a line ("... ได้แก่ 1.1 ระบบงาน ... 1.2 ...").
_INLINE_NUMBER = re.compile(r"(?<![0-9.])([1-9])\.([0-9])(?![0-9])")
#: How far after the last listed number its item may run.
LIST_ITEM_CHARS = 80
#: Share of listed numbers followed by words of their own sub-issue for the line to be a list.
LIST_AGREEMENT = 0.75


def _mark_inline_lists(units: list[Unit], sids: set[str], need: int) -> None:
    """A paragraph listing the sub-issues by number with their names ("10 ประเด็น ได้แก่ 1.1
    ระบบงานที่ควรมีฐานข้อมูล 1.2 ... 3.5 การฝึกอบรม") names them; it does not cover them. The
    listing part (first number to the end of the last item) is excluded when at least ``need``
    distinct numbers are listed and most are followed by words of their own sub-issue."""
    for u in units:
        k = u.key.text
        if u.toc or u.overview or k.count(".") < need:
            continue
        found = [m for m in _INLINE_NUMBER.finditer(k) if f"{m[1]}.{m[2]}" in sids]
        if len({m[0] for m in found}) < need:
            continue
        agree = 0
        for i, m in enumerate(found):
            lo = u.base + m.start()
            hi = u.base + (found[i + 1].start() if i + 1 < len(found)
                           else min(len(k), m.end() + LIST_ITEM_CHARS))
            sid = f"{m[1]}.{m[2]}"
            agree += any(lo <= h.start < hi and any(t.subissue == sid and t.kind in _NAMING
                                                    for t in h.terms) for h in u.hits)
        if agree < LIST_AGREEMENT * len(found):
            continue
        last = found[-1]
        last_sid = f"{last[1]}.{last[2]}"
        end = u.base + last.end() + 10
        for h in u.hits:
            if (u.base + last.end() <= h.start < u.base + last.end() + LIST_ITEM_CHARS
                    and any(t.subissue == last_sid for t in h.terms)):
                end = max(end, h.end)
        u.excluded.append((u.base + found[0].start(), end))


#: "<topic> : <answer>" on one line.
_LABELLED = re.compile(r"^(?P<label>[^:：\n]{4,120}?)\s*[:：]\s*(?P<rest>.*)$")


def _mark_put_off_lines(units: list[Unit], comp: CompiledRubric,
                        placeholders: list[str]) -> None:
    """A line "<topic> : <answer>" whose topic names a sub-issue and whose answer is only a
    placeholder ("-", "อยู่ระหว่างดำเนินการ"), or puts it off (a rubric deferral: "รอข้อมูลจาก
    ศูนย์ฯ") without a word of that sub-issue, is an empty heading written inline: excluded.
    An answer with a figure in it (a status: "อยู่ระหว่างดำเนินการ ร้อยละ 60") is left alone,
    and a gap stated with the topic's words ("อยู่ระหว่างจัดทำแผนรองรับภัยพิบัติ") still counts."""
    min_chars = comp.rubric.matching.min_body_chars
    deferrals = tuple(k for k in (key_of(d) for d in comp.rubric.deferrals) if k)
    for u in units:
        if u.toc or u.kind == "table" or not u.hits or (":" not in u.text
                                                       and "：" not in u.text):
            continue
        offsets = None
        pos = 0
        for line in u.text.split("\n"):
            lo, hi = pos, pos + len(line)
            pos = hi + 1
            m = _LABELLED.match(line)
            if not m or any(c.isdigit() for c in m["rest"]):
                continue
            if offsets is None:
                offsets = list(u.key.offsets)
            keys = [i for i, o in enumerate(offsets) if lo <= o < hi]
            if not keys:
                continue
            rest_lo = lo + m.start("rest")
            label_keys = [i for i in keys if offsets[i] < rest_lo]
            rest_keys = [i for i in keys if offsets[i] >= rest_lo]
            a = u.base + (label_keys[0] if label_keys else 0)
            b = u.base + (label_keys[-1] + 1 if label_keys else 0)
            named = {t.subissue for h in u.hits if a <= h.start < b for t in h.terms
                     if t.subissue and t.kind in _NAMING}
            if not named:
                continue
            rest = "".join(u.key.text[i] for i in rest_keys)
            empty = len(residue(rest, placeholders)) < min_chars
            put_off = rest.startswith(deferrals) if deferrals else False
            if put_off and rest_keys:
                r, r_end = u.base + rest_keys[0], u.base + rest_keys[-1] + 1
                said = {t.subissue for h in u.hits if r <= h.start < r_end for t in h.terms
                        if t.subissue and t.kind in (TermKind.PHRASE, TermKind.CONCEPT)}
                put_off = not named & said
            if empty or put_off:
                u.excluded.append((u.base + keys[0], u.base + keys[-1] + 1))
