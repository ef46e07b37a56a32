"""Text that names sub-issues without covering them: empty table rows, inline lists of the
sub-issues, labelled lines whose answer is a placeholder or puts the topic off."""

from __future__ import annotations

import re

from evidence_review.classifiers.matcher import CompiledRubric, TermKind
from evidence_review.classifiers.numbering import parse_number
from evidence_review.classifiers.text import key_of
from evidence_review.classifiers.titles import NAMING, Verified, WordsOf, may_name, title_match
from evidence_review.classifiers.units import Unit, residue

#: A block naming many sub-issues in fewer than this many characters each is a list.
OVERVIEW_CHARS = 50


def mark_empty_rows(units: list[Unit], placeholders: list[str], sids: set[str],
                    titles: dict[str, str], min_chars: int, verified: Verified,
                    words_of: WordsOf) -> None:
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
            # (title_match finds no title without the unit's words: word_sids, lazily)
            if num in sids or (len(c.text) <= 200 and may_name(c, words_of)
                               and title_match(c, titles, verified, words_of)):
                label = c
                break
        if label is None:
            continue
        rest = "".join(c.key.text for c in cells if c is not label)
        if len(residue(rest, placeholders)) < min_chars:
            for c in cells:
                c.overview = True
                c.why = c.why or "placeholder"



#: A sub-issue number written inside a line ("... ได้แก่ 1.1 ระบบงาน ... 1.2 ...").
_INLINE_NUMBER = re.compile(r"(?<![0-9.])([1-9])\.([0-9])(?![0-9])")
#: How far after the last listed number its item may run.
LIST_ITEM_CHARS = 80
#: Share of listed numbers followed by words of their own sub-issue for the line to be a list.
LIST_AGREEMENT = 0.75


def mark_inline_lists(units: list[Unit], sids: set[str], need: int) -> None:
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
            agree += any(lo <= h.start < hi and any(t.subissue == sid and t.kind in NAMING
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
        u.why = u.why or "list"


#: What may separate a topic from its answer on one line.
_SEPARATORS = frozenset(":：-–—=\t")
#: "<topic> : <answer>" (or "<topic> - <answer>", or a row typed with tabs) on one line.
_LABELLED = re.compile(
    r"^(?P<label>[^:：\n]{4,120}?)(?:\s*[:：]|\s+[-–—=]+|\t+)\s*(?P<rest>.*)$")


def mark_put_off_lines(units: list[Unit], comp: CompiledRubric,
                        placeholders: list[str]) -> None:
    """A line "<topic> : <answer>" whose topic names a sub-issue and whose answer is only a
    placeholder ("-", "อยู่ระหว่างดำเนินการ"), or puts it off (a rubric deferral: "รอข้อมูลจาก
    ศูนย์ฯ") without a word of that sub-issue, is an empty heading written inline: excluded.
    An answer with a figure in it (a status: "อยู่ระหว่างดำเนินการ ร้อยละ 60") is left alone,
    and a gap stated with the topic's words ("อยู่ระหว่างจัดทำแผนรองรับภัยพิบัติ") still counts."""
    min_chars = comp.rubric.matching.min_body_chars
    deferrals = tuple(k for k in (key_of(d) for d in comp.rubric.deferrals) if k)
    for u in units:
        if u.toc or u.kind == "table" or not u.hits or not _SEPARATORS.intersection(u.text):
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
                     if t.subissue and t.kind in NAMING}
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
                u.why = u.why or "placeholder"
