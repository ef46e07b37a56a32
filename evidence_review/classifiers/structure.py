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

from evidence_review.classifiers.lists import (
    OVERVIEW_CHARS,
    mark_empty_rows,
    mark_inline_lists,
    mark_put_off_lines,
)
from evidence_review.classifiers.matcher import CompiledRubric, Hit, verifier
from evidence_review.classifiers.numbering import _PART, HEADING_MAX, parse_number, strip_number
from evidence_review.classifiers.orders import mark_orders
from evidence_review.classifiers.placeholders import (
    mark_placeholder_columns,
    mark_placeholder_rows,
    table_cells,
)
from evidence_review.classifiers.text import key_of
from evidence_review.classifiers.titles import (
    anchor_sids,
    mark_pasted_runs,
    mark_title_lists,
    may_name,
    restated,
    title_match,
    word_sids,
)
from evidence_review.classifiers.toc import mark_toc
from evidence_review.classifiers.units import (
    _KEY,
    _START,
    Section,
    Structure,
    Unit,
    paragraphs,
    placeholder_keys,
    residue,
    units_of,
)
from evidence_review.extractors.model import Document

#: How far before the first restated title of a pasted list its first item may start.
LIST_LEAD = 120
#: An unnumbered heading longer than this is a document title, not a sub-issue heading.
SHORT_HEADING = 80


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
    tables = table_cells(units)
    mark_toc(units, comp, tables)
    words_of = comp.word_sids
    _find_headings(units, titles, verified, words_of, sids)
    trusts = _trusts_numbering(units, sids, verified, words_of)
    _map_headings(units, comp, sids, trusts, verified, words_of)
    placeholders = placeholder_keys(comp)
    sections = _sections(units, comp, placeholders)
    mark_empty_rows(units, placeholders, sids, titles, rubric.matching.min_body_chars,
                    verified, words_of)
    mark_placeholder_rows(tables, comp, placeholders, verified, words_of)
    mark_placeholder_columns(tables, placeholders, verified, words_of)
    mark_orders(units, comp)
    need = rubric.matching.overview_min_subissues
    _mark_overviews(units, comp, titles, need)
    mark_title_lists(units, sections, titles, need)
    mark_pasted_runs(units, sections, titles, need)
    mark_inline_lists(units, sids, need)
    mark_put_off_lines(units, comp, placeholders)
    return Structure(units=units, key=key, sections=sections, trusts_numbering=trusts,
                     bases=bases)


def _find_headings(units: list[Unit], titles: dict[str, str], verified,
                   words_of: dict[str, tuple[str, ...]], sids: set[str]) -> None:
    """Flag headings: heading blocks, official titles restated, short numbered lines, and long
    numbered paragraphs whose words agree with their number (heading and body in one)."""
    longest_title = 1.5 * max(len(t) for t in titles.values())
    for u in units:
        if u.toc or u.kind == "table":
            continue
        num, prefixed = parse_number(u.text)
        # the unit's checked words (word_sids) are worked out only where they decide
        # something: checking a word may tokenize its whole Thai run
        if len(u.text) <= longest_title and may_name(u, words_of):
            u.title_sid = title_match(u, titles, verified, words_of)  # None without words
        numbered = num is not None and ("." in num or prefixed)
        if u.kind == "heading" or u.title_sid or (numbered and len(u.text) <= HEADING_MAX):
            u.heading = True
        elif numbered and num in sids and num in word_sids(u, verified, words_of):
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


def _trusts_numbering(units: list[Unit], sids: set[str], verified,
                      words_of: dict[str, tuple[str, ...]]) -> bool:
    """The document follows the official numbering: at least three distinct sub-issue numbers
    whose words agree, and most "N.M" headings are such."""
    validated = [u for u in units if u.heading and u.number in sids
                 and (u.number in word_sids(u, verified, words_of) or u.title_sid == u.number
                      or u.prefixed)]
    numbered_subs = [u for u in units if u.heading and u.number and u.number.count(".") == 1
                     and u.number.split(".")[0] in {"1", "2", "3"}]
    return len({u.number for u in validated}) >= 3 and (
        len(validated) >= 0.6 * max(1, len(numbered_subs)))


def _map_headings(units: list[Unit], comp: CompiledRubric, sids: set[str], trusts: bool,
                  verified, words_of: dict[str, tuple[str, ...]]) -> None:
    """The sub-issue each heading maps to: by its number when its words agree (or the
    numbering is trusted), else by the official title it restates, else by its anchor words
    when they point at one sub-issue only."""
    for u in units:
        if not u.heading:
            continue
        words = anchor_sids(u, comp.anchor_sids)
        if u.number in sids and (u.number in word_sids(u, verified, words_of)
                                 or u.title_sid == u.number
                                 or u.prefixed or trusts):
            u.sid = u.number
        elif u.title_sid:
            u.sid = u.title_sid
        elif (len(words) == 1 and len(u.text) <= SHORT_HEADING
              and (u.number is None or u.number.count(".") != 1 or not trusts)):
            u.sid = next(iter(words))


def _sections(units: list[Unit], comp: CompiledRubric, placeholders: list[str]
              ) -> list[Section]:
    """Sections: from a heading to the next heading of the same or a higher level (or of
    another sub-issue); each measured for substance once placeholders are removed."""
    rubric = comp.rubric
    put_off = tuple(k for k in {*placeholders, *map(key_of, rubric.gap_markers),
                                *map(key_of, rubric.deferrals)} if k and k[0] not in "-–—.…(")
    sections: list[Section] = []
    open_stack: list[int] = []  # indexes of open sections
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
            text = strip_number(text)
            head = units[s.heading]
            if head.title_sid:
                text = text.replace(key_of(rubric.subissue(head.title_sid).title_th), "")
        rest = residue(text, placeholders)
        s.body_chars = len(rest)
        s.substantive = len(rest) >= rubric.matching.min_body_chars
        if s.substantive and _put_off(s, units, text, put_off):
            s.substantive = False
        s.placeholder = bool(text) and not s.substantive
    return sections


#: A section body longer than this (key characters) says more than that it is put off.
PUT_OFF_CHARS = 80


def _put_off(s: Section, units: list[Unit], text: str, markers: tuple[str, ...]) -> bool:
    """The body only says the work is not done or put off ("ยังไม่ได้ดำเนินการ เนื่องจาก...",
    "จะดำเนินการในปีงบประมาณ 2551"): short, opening with a placeholder or a gap marker, and
    naming nothing of its sub-issue (a gap stated in the topic's words is coverage)."""
    if s.sid is None or len(text) > PUT_OFF_CHARS or not text.startswith(markers):
        return False
    return not any(t.subissue == s.sid for i in s.body for h in units[i].hits for t in h.terms)


def _mark_overviews(units: list[Unit], comp: CompiledRubric, titles: dict[str, str],
                    need: int) -> None:
    """Official titles restated in a list (an introduction), or a short block naming many
    sub-issues, are not evidence; only the listing part of a block is excluded."""
    phrase_sids = comp.phrase_sids
    phrase_keys = frozenset(phrase_sids)
    for u in units:
        if u.heading or u.toc or not u.hits:  # no hits: names nothing
            continue
        named = {sid for k in phrase_keys.intersection(map(_KEY, u.hits))
                 for sid in phrase_sids[k]}
        if len(named) >= need and len(u.key.text) <= OVERVIEW_CHARS * len(named):
            u.overview = True
            u.why = u.why or "list"
            continue
        if len(named) >= 3:
            spans = list(restated(u.key.text, titles).values())
            if len(spans) >= 3:
                # (the list's first item may be in other words: up to LIST_LEAD before it)
                u.excluded.append((u.base + max(0, min(a for a, _ in spans) - LIST_LEAD),
                                   u.base + max(b for _, b in spans)))
                u.why = u.why or "pasted"


__all__ = ["Section", "Structure", "Unit", "analyse", "paragraphs", "parse_number", "residue",
           "units_of"]
