"""A document's pages for the review page: PDF pages as PNG images (pypdfium2), the evidence
snippets' positions on them, and the text of documents without pages (DOCX, XLSX, text).

An evidence snippet is the repaired display text; the PDF text layer is the text as laid out.
The snippet is found in the page's text layer with whitespace ignored (exactly, else the best
fuzzy alignment), and that character range's rectangles (PDF points, origin bottom-left) are
turned into percentages of the page, origin top-left, for the browser.
"""

from __future__ import annotations

import atexit
import threading
import unicodedata
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

#: Resolution of page images: an A4 page is 827 x 1169 pixels.
DPI = 100
#: Lowest fuzzy match (0-100) accepted as the snippet's place on the page.
MIN_SCORE = 70.0

_pdfium_lock = threading.Lock()  # pdfium is not thread-safe


class Box(BaseModel):
    """A highlight rectangle in percent of the page (origin top-left)."""

    left: float
    top: float
    width: float
    height: float


class Highlight(BaseModel):
    page: int
    boxes: list[Box]
    found: bool


def _norm(text: str) -> tuple[str, list[int]]:
    """The text without whitespace (NFKC per char, so ำ and ํา agree) and, per kept char, its
    index in ``text``."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace() or ch in "\u200b\ufeff\u00ad":
            continue
        for c in unicodedata.normalize("NFKC", ch):
            out.append(c)
            index.append(i)
    return "".join(out), index


def locate(snippet: str, page_text: str) -> tuple[int, int] | None:
    """The [start, end) character range of ``snippet`` in ``page_text``, or None.

    >>> locate("การดำเนิน งาน", "หัวข้อ\\r\\nการดำเนินงานของกรม")
    (8, 20)
    >>> locate("ไม่มีในหน้า", "หัวข้อ") is None
    True
    """
    needle, _ = _norm(snippet.strip("…. "))
    hay, index = _norm(page_text)
    if not needle or not hay:
        return None
    at = hay.find(needle)
    if at >= 0:
        return index[at], index[at + len(needle) - 1] + 1
    from rapidfuzz import fuzz

    if len(needle) > len(hay):
        return None
    m = fuzz.partial_ratio_alignment(needle, hay, score_cutoff=MIN_SCORE)
    if m is None or m.dest_end <= m.dest_start:
        return None
    return index[m.dest_start], index[m.dest_end - 1] + 1


class _Docs:
    """A few open PDFs, most recently used kept."""

    def __init__(self, size: int = 4) -> None:
        self.size = size
        self.open: OrderedDict[str, Any] = OrderedDict()
        self.registered = False

    def get(self, path: str) -> Any:
        import pypdfium2 as pdfium

        if path in self.open:
            self.open.move_to_end(path)
            return self.open[path]
        if not self.registered:  # after pypdfium2's own exit hook, so it runs first
            atexit.register(self.close_all)
            self.registered = True
        pdf = pdfium.PdfDocument(path)
        self.open[path] = pdf
        while len(self.open) > self.size:
            _, old = self.open.popitem(last=False)
            old.close()
        return pdf


    def close_all(self) -> None:
        with _pdfium_lock:
            while self.open:
                self.open.popitem()[1].close()


_docs = _Docs()


def page_count(path: str) -> int:
    with _pdfium_lock:
        return len(_docs.get(path))


@lru_cache(maxsize=64)
def page_png(path: str, sha256: str, number: int) -> bytes:
    """Page ``number`` (from 1) of the PDF at ``path`` as a PNG at :data:`DPI`.
    (``sha256`` keys the cache: a changed file is rendered again.)"""
    import io

    with _pdfium_lock:
        pdf = _docs.get(path)
        if not 1 <= number <= len(pdf):
            raise IndexError(number)
        image = pdf[number - 1].render(scale=DPI / 72).to_pil()
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=False, compress_level=1)
    return buf.getvalue()


@lru_cache(maxsize=256)
def page_text(path: str, sha256: str, number: int) -> str:
    """The PDF page's text layer (what a reviewer may select as evidence)."""
    with _pdfium_lock:
        pdf = _docs.get(path)
        if not 1 <= number <= len(pdf):
            raise IndexError(number)
        tp = pdf[number - 1].get_textpage()
        try:
            return tp.get_text_range()
        finally:
            tp.close()


def highlights(path: str, evidence: list[tuple[int, str]]) -> list[Highlight]:
    """Where each (page, snippet) stands on its PDF page."""
    out: list[Highlight] = []
    with _pdfium_lock:
        pdf = _docs.get(path)
        for number, snippet in evidence:
            if not 1 <= number <= len(pdf):
                continue
            page = pdf[number - 1]
            width, height = page.get_size()
            tp = page.get_textpage()
            try:
                span = locate(snippet, tp.get_text_range())
                boxes: list[Box] = []
                if span is not None:
                    n = tp.count_rects(span[0], span[1] - span[0])
                    for i in range(n):
                        left, bottom, right, top = tp.get_rect(i)
                        boxes.append(Box(left=100 * left / width,
                                         top=100 * (height - top) / height,
                                         width=100 * (right - left) / width,
                                         height=100 * (top - bottom) / height))
            finally:
                tp.close()
            out.append(Highlight(page=number, boxes=boxes, found=bool(boxes)))
    return out


_text_cache: OrderedDict[str, list[str]] = OrderedDict()
_text_lock = threading.Lock()


def document_texts(path: str, sha256: str) -> list[str]:
    """The repaired text of each page (sheet) of a document without page images."""
    with _text_lock:
        if sha256 in _text_cache:
            return _text_cache[sha256]
    from evidence_review.extractors import extract
    from evidence_review.settings import get_settings

    doc = extract(Path(path), get_settings().extract_options())  # the web edge reads settings
    texts = [p.text for p in doc.pages]
    with _text_lock:
        _text_cache[sha256] = texts
        while len(_text_cache) > 16:
            _text_cache.popitem(last=False)
    return texts


def marked(text: str, snippets: list[str],
           spans: list[tuple[int, int]] | None = None) -> list[tuple[str, bool]]:
    """``text`` cut into (part, highlighted) runs: the given character ``spans`` (evidence
    offsets into this very text) and every snippet found in it.

    >>> marked("หนึ่ง สอง สาม", ["สอง"])
    [('หนึ่ง ', False), ('สอง', True), (' สาม', False)]
    >>> marked("abcdef", [], [(1, 3)])
    [('a', False), ('bc', True), ('def', False)]
    >>> marked("abcdef", ["bcd"], [(2, 5)])
    [('a', False), ('bcde', True), ('f', False)]
    """
    found = [s for s in (locate(sn, text) for sn in snippets) if s is not None]
    found += [(a, b) for a, b in spans or [] if 0 <= a < b <= len(text)]
    joined: list[list[int]] = []  # overlapping or touching ranges as one (never cut a word)
    for start, end in sorted(found):
        if joined and start <= joined[-1][1]:
            joined[-1][1] = max(joined[-1][1], end)
        else:
            joined.append([start, end])
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in joined:
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return out
