"""Where each evidence item is drawn on its page, computed once when a document is screened.

An evidence item names its page and the character range ``[start, end)`` of the matched text in
that page's repaired text. On a PDF text layer the extractor keeps, per char of the page text,
the pdfium char it was read from (``Page.offsets``): the range's pdfium chars are looked up in
the file with pypdfium2, which gives one rectangle per line they cover. On an OCRed page the
word boxes (``Page.spans``) the range overlaps are joined line by line. Other pages (DOCX, XLSX,
text; a scan without OCR) have no positions: ``boxes`` stays ``None``.

Boxes are fractions of the page's width and height, origin top left (:class:`PageBox`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from evidence_review.extractors.model import Document, Page
from evidence_review.models.proposals import DocumentProposals, Evidence, PageBox

log = logging.getLogger(__name__)

#: pdfium chars further apart than this (in char indices) start a new run of rectangles: the
#: text's reading order may join pieces pdfium keeps apart (table cells, repaired marks).
_RUN_GAP = 4


def _evidence(proposals: DocumentProposals) -> Iterator[Evidence]:
    for p in proposals.subissues.values():
        yield from p.evidence
    if proposals.improvement_vs_2549 is not None:
        yield from proposals.improvement_vs_2549.evidence


def place_evidence(doc: Document, proposals: DocumentProposals, path: Path) -> None:
    """Set ``boxes`` on every evidence item of ``proposals`` that can be placed on its page
    of ``doc`` (read from the file at ``path`` for a PDF text layer)."""
    pages = {p.number: p for p in doc.pages}
    wanted = [e for e in _evidence(proposals)
              if e.start is not None and e.end is not None and e.page in pages]
    if not wanted:
        return
    text_layer = doc.format.value == "pdf" and any(pages[e.page].offsets for e in wanted)
    with _pdf(path if text_layer else None) as pdf:
        done: dict[tuple[int, int, int], list[PageBox] | None] = {}
        for e in wanted:
            assert e.start is not None and e.end is not None
            key = (e.page, e.start, e.end)
            if key not in done:
                done[key] = _place(pages[e.page], e.start, e.end, pdf) or None
            e.boxes = done[key]


@contextmanager
def _pdf(path: Path | None) -> Iterator[Any]:
    if path is None:
        yield None
        return
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(path)
    except (pdfium.PdfiumError, OSError) as exc:  # read before, so not the user's mistake
        log.info("evidence boxes: %s not reopened: %s", path, exc)
        yield None
        return
    try:
        yield pdf
    finally:
        pdf.close()


def _place(page: Page, start: int, end: int, pdf: Any) -> list[PageBox]:
    if page.offsets:
        return _from_text_layer(page, start, end, pdf) if pdf is not None else []
    return _from_spans(page, start, end)


def _runs(indices: list[int]) -> list[tuple[int, int]]:
    """Sorted char indices as (first, count) runs, split where they jump.

    >>> _runs([3, 4, 5, 7, 20, 21])
    [(3, 5), (20, 2)]
    """
    out: list[tuple[int, int]] = []
    for i in indices:
        if out and i - (out[-1][0] + out[-1][1] - 1) <= _RUN_GAP:
            out[-1] = (out[-1][0], i - out[-1][0] + 1)
        else:
            out.append((i, 1))
    return out


def _from_text_layer(page: Page, start: int, end: int, pdf: Any) -> list[PageBox]:
    indices = sorted({k for k in page.offsets[start:end] if k >= 0})
    if not indices or not 1 <= page.number <= len(pdf):
        return []
    pdf_page = pdf[page.number - 1]
    width, height = page.size or pdf_page.get_size()
    tp = pdf_page.get_textpage()
    try:
        rects: list[tuple[float, float, float, float]] = []
        for first, count in _runs(indices):
            for i in range(tp.count_rects(first, count)):
                left, bottom, right, top = tp.get_rect(i)
                rects.append((left, height - top, right, height - bottom))
    finally:
        tp.close()
    return [_fraction(r, width, height) for r in _join(rects)]


def _join(rects: list[tuple[float, float, float, float]]
          ) -> list[tuple[float, float, float, float]]:
    """Rectangles of one line that touch (pdfium cuts a line where the font or the glyph
    order changes) joined into one, so a phrase is boxed once.

    >>> _join([(0, 10, 20, 20), (20.5, 9, 40, 21), (0, 30, 10, 40)])
    [(0, 9, 40, 21), (0, 30, 10, 40)]
    """
    out: list[list[float]] = []
    for left, top, right, bottom in rects:
        last = out[-1] if out else None
        if (last is not None and _same_line(last, top, bottom)
                and left <= last[2] + 0.5 * (bottom - top) and right >= last[0]):
            last[:] = [min(last[0], left), min(last[1], top), max(last[2], right),
                       max(last[3], bottom)]
        else:
            out.append([left, top, right, bottom])
    return [(a, b, c, d) for a, b, c, d in out]


def _from_spans(page: Page, start: int, end: int) -> list[PageBox]:
    """The word (or line) boxes the range overlaps, joined into one rectangle per line.

    >>> from evidence_review.extractors.model import Span
    >>> p = Page(number=1, text="ab cd ef", size=(100.0, 200.0), spans=[
    ...     Span(start=0, end=2, box=(10, 20, 20, 30)), Span(start=3, end=5, box=(22, 21, 30, 30)),
    ...     Span(start=6, end=8, box=(10, 40, 18, 50))])
    >>> [(b.left, b.top, b.width) for b in _from_spans(p, 0, 8)]
    [(0.1, 0.1, 0.2), (0.1, 0.2, 0.08)]
    """
    if page.size is None:
        return []
    lines: list[list[float]] = []
    for s in page.spans:
        if not (s.start < end and start < s.end):
            continue
        left, top, right, bottom = s.box
        last = lines[-1] if lines else None
        if last is not None and _same_line(last, top, bottom):
            last[:] = [min(last[0], left), min(last[1], top), max(last[2], right),
                       max(last[3], bottom)]
        else:
            lines.append([left, top, right, bottom])
    return [_fraction((a, b, c, d), *page.size) for a, b, c, d in lines]


def _same_line(line: list[float], top: float, bottom: float) -> bool:
    overlap = min(line[3], bottom) - max(line[1], top)
    return overlap > 0.5 * min(line[3] - line[1], bottom - top)


def _fraction(box: tuple[float, float, float, float], width: float, height: float) -> PageBox:
    """A (left, top, right, bottom) box in points as fractions of the page, kept on it."""
    def clamp(v: float) -> float:
        return round(min(max(v, 0.0), 1.0), 5)

    left, top = clamp(box[0] / width), clamp(box[1] / height)
    right, bottom = clamp(box[2] / width), clamp(box[3] / height)
    return PageBox(left=left, top=top, width=round(right - left, 5),
                   height=round(bottom - top, 5))
