"""One file binding several documents (a review, a plan and a progress report in one PDF):
its parts, found by the title at the top of a page (the rubric's ``part_titles``), so that each
part can be screened as its own document, named ``FILE#pages=A-B``.

``pipeline.document.screen_parts`` wires it: after extraction, :func:`bound_parts` (or the
reviewer's page ranges, :func:`parse_split` / :func:`given_parts`); when it gives more than one
part, each :func:`part_document` is classified and named :func:`part_name`. The review page
shows a part's pages by :func:`part_range`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from evidence_review.classifiers.model import Role
from evidence_review.classifiers.text import key_of, match_keys
from evidence_review.extractors.model import Document
from evidence_review.messages import MessageKey, message
from evidence_review.rubric.model import Rubric

#: The title of a part starts within this many key characters of its page's top (after a
#: label such as "เอกสารหมายเลข 2"), on one of the page's first ``TOP_LINES`` lines.
TOP_CHARS = 40
TOP_LINES = 2


@dataclass(frozen=True, slots=True)
class Part:
    """Pages ``first``..``last`` (1-based, inclusive) read as one document of ``role``."""

    first: int
    last: int
    role: Role | None
    title: str


def _top(page_text: str) -> str:
    """The key text of a page's first lines (its title, if it has one)."""
    lines = [ln for ln in page_text.split("\n") if ln.strip()][:TOP_LINES]
    return "".join(k.text for k in match_keys(lines)) if lines else ""


def bound_parts(doc: Document, rubric: Rubric) -> list[Part]:
    """The parts of ``doc``: a new part starts on a page whose top names another role's title
    than the part before (a review, then a plan, then a progress report). One part (the whole
    file) when there is nothing to split."""
    titles = [(Role(r), k) for r, words in rubric.part_titles.items()
              for k in map(key_of, words) if k]
    parts: list[Part] = []
    for page in doc.pages:
        top = _top(page.text)
        found = [(top.find(k), -len(k), role, k) for role, k in titles
                 if 0 <= top.find(k) <= TOP_CHARS]
        if found:
            _, _, role, k = min(found)
            if not parts or parts[-1].role is not role:
                if parts:
                    parts[-1] = Part(parts[-1].first, page.number - 1, parts[-1].role,
                                     parts[-1].title)
                parts.append(Part(page.number, page.number, role, k))
                continue
        if not parts:
            parts.append(Part(page.number, page.number, None, ""))
    if not parts:
        return []
    last_page = doc.pages[-1].number
    parts[-1] = Part(parts[-1].first, last_page, parts[-1].role, parts[-1].title)
    if len(parts) > 1 and parts[0].role is None:  # a cover or a letter before the first part
        parts[1] = Part(parts[0].first, parts[1].last, parts[1].role, parts[1].title)
        parts.pop(0)
    return parts


def part_document(doc: Document, part: Part) -> Document:
    """The pages of ``part`` as a document of their own (tables stay with their pages)."""
    pages = [p for p in doc.pages if part.first <= p.number <= part.last]
    return doc.model_copy(update={"pages": pages})


def part_name(path: str, part: Part) -> str:
    """The name a part is screened and stored under.

    >>> part_name("s01/bound.pdf", Part(3, 7, Role.PLAN, "แผนปฏิบัติการ"))
    's01/bound.pdf#pages=3-7'
    """
    return f"{path}#pages={part.first}-{part.last}"


_RANGE = re.compile(r"^\s*(\d{1,5})\s*(?:-\s*(\d{1,5}))?\s*$")
_FRAGMENT = re.compile(r"#pages=(\d+)-(\d+)$")


class SplitError(ValueError):
    """A reviewer's page ranges that do not split the file (the message says why)."""


def parse_split(ranges: list[str], pages: int | None = None) -> list[tuple[int, int]]:
    """A reviewer's split of a bound file: page ranges ``"A-B"`` (or one page ``"A"``), in
    order, not overlapping, within the file's ``pages`` when known.

    >>> parse_split(["1-3", "4-6", "7"])
    [(1, 3), (4, 6), (7, 7)]
    >>> parse_split(["1-3", "3-5"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    evidence_review.classifiers.parts.SplitError: 3-5: ทับซ้อน... [3-5: overlaps or comes before 1-3]
    """
    out: list[tuple[int, int]] = []
    for text in ranges:
        m = _RANGE.match(text)
        if m is None:
            raise SplitError(message(MessageKey.SPLIT_NOT_RANGE, text=repr(text)))
        first, last = int(m[1]), int(m[2] or m[1])
        if first < 1 or last < first:
            raise SplitError(message(MessageKey.SPLIT_EMPTY, text=text))
        if pages is not None and last > pages:
            raise SplitError(message(MessageKey.SPLIT_BEYOND_FILE, text=text, pages=pages))
        if out and first <= out[-1][1]:
            raise SplitError(message(MessageKey.SPLIT_OVERLAPS, text=text,
                                     previous=f"{out[-1][0]}-{out[-1][1]}"))
        out.append((first, last))
    return out


def given_parts(doc: Document, ranges: list[tuple[int, int]]) -> list[Part]:
    """The parts a reviewer gave (their roles left to the classifier), cut to ``doc``'s
    pages; pages outside every range are not screened."""
    numbers = [p.number for p in doc.pages]
    if not numbers:
        return []
    top = max(numbers)
    return [Part(first, min(last, top), None, "") for first, last in ranges if first <= top]


def part_range(name: str) -> tuple[int, int] | None:
    """The pages a part's name (``FILE#pages=A-B``) holds; ``None`` for a whole file.

    >>> part_range("s01/bound.pdf#pages=3-7"), part_range("s01/plan.pdf")
    ((3, 7), None)
    """
    m = _FRAGMENT.search(name)
    return (int(m[1]), int(m[2])) if m else None


def file_of(name: str) -> str:
    """The file a document name refers to (a part's name without its ``#pages=A-B``).

    >>> file_of("s01/bound.pdf#pages=3-7"), file_of("s01/plan.pdf")
    ('s01/bound.pdf', 's01/plan.pdf')
    """
    return _FRAGMENT.sub("", name)
