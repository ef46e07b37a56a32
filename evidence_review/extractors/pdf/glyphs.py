"""Glyph-level reading of a pypdfium2 text page: the page's chars, their boxes (lazy), and the
positional fixes of Word and Acrobat PDFs (a combining mark written after the wrong letter goes
back over the letter its box sits on; Word's nikhahit drawn as a floating "space" becomes ํ;
spaces pdfium generates between touching glyphs of one word are dropped)."""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field
from typing import Any

from evidence_review.thaitext.chars import CONSONANTS, MARKS

_MARKS = frozenset(MARKS)
_STACKED = frozenset("\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d")
_CONSONANTS = frozenset(CONSONANTS)
Box = tuple[float, float, float, float]
_THAI_CHAR = re.compile("[\u0e00-\u0e7f]")
_MARK_OR_SPACE = re.compile("[" + "".join(sorted(_MARKS)) + " \r\n]")
#: A generated space narrower than this share of the font size is a run split, not a space.
_SPACE_GAP = 0.15


def is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


class Boxes:
    """Lazy, cached char boxes of one text page (most chars never need one)."""

    def __init__(self, raw_mod: Any, textpage: Any) -> None:
        self._raw = raw_mod
        self._tp = textpage
        self._cache: dict[int, tuple[float, float, float, float]] = {}
        self._l, self._r = ctypes.c_double(), ctypes.c_double()
        self._b, self._t = ctypes.c_double(), ctypes.c_double()
        self._flags = ctypes.c_int()
        self._name = ctypes.create_string_buffer(128)
        self._fonts: dict[bytes, bool] = {}

    def __call__(self, i: int) -> tuple[float, float, float, float]:
        box = self._cache.get(i)
        if box is None:
            ok = self._raw.FPDFText_GetCharBox(self._tp, i, self._l, self._r, self._b, self._t)
            box = ((self._l.value, self._b.value, self._r.value, self._t.value) if ok
                   else (0.0, 0.0, 0.0, 0.0))
            self._cache[i] = box
        return box

    def inside(self, text: str, bbox: Box) -> list[tuple[int, float, float]]:
        """(index, x, y) of the chars of ``text`` (line breaks aside) whose box centre lies in
        ``bbox``, in stream order: the loop of ``__call__`` inlined (it runs for every char of
        a page with a table)."""
        get, tp, cache = self._raw.FPDFText_GetCharBox, self._tp, self._cache
        cl, cr, cb, ct = self._l, self._r, self._b, self._t
        x0, y0, x1, y1 = bbox
        out = []
        for i, ch in enumerate(text):
            if ch == "\r" or ch == "\n":
                continue
            box = cache.get(i)
            if box is None:
                box = ((cl.value, cb.value, cr.value, ct.value) if get(tp, i, cl, cr, cb, ct)
                       else (0.0, 0.0, 0.0, 0.0))
                cache[i] = box
            x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            if x0 <= x <= x1 and y0 <= y <= y1:
                out.append((i, x, y))
        return out

    def generated(self, i: int) -> bool:
        return bool(self._raw.FPDFText_IsGenerated(self._tp, i) == 1)

    def font_size(self, i: int) -> float:
        return float(self._raw.FPDFText_GetFontSize(self._tp, i))

    def bold(self, i: int) -> bool:
        """Bold by weight or, when the PDF does not say, by the font's name."""
        if self._raw.FPDFText_GetFontWeight(self._tp, i) >= 600:
            return True
        size = self._raw.FPDFText_GetFontInfo(self._tp, i, self._name, 128, self._flags)
        key = self._name.raw[: max(size - 1, 0)]
        flag = bool(self._flags.value & (1 << 18))
        by_name = self._fonts.get(key)
        if by_name is None:
            name = key.decode("latin-1", "replace").lower()
            by_name = self._fonts[key] = "bold" in name or "black" in name
        return by_name or flag


@dataclass
class _Item:
    ch: str
    idx: int
    marks: list[str] = field(default_factory=list)


def _floating_space(boxes: Boxes, text: str, i: int) -> bool:
    """A space drawn above the letters: Word's nikhahit glyph mapped to U+0020."""
    if i == 0 or (text[i - 1] != "\u0e32" and text[i - 1] not in _CONSONANTS):
        return False
    left, bottom, right, top = boxes(i)
    if top - bottom < 0.5 or right - left < 0.5:
        return False
    pb = boxes(i - 1)
    height = pb[3] - pb[1]
    return height > 0 and bottom >= pb[1] + 0.8 * height


def _spurious_space(boxes: Boxes, text: str, i: int, n: int) -> bool:
    """A space pdfium generated between two Thai glyphs that nearly touch (a text-run split)."""
    if i == 0 or i + 1 >= n or not (is_thai(text[i - 1]) and is_thai(text[i + 1])):
        return False
    if not boxes.generated(i):
        return False
    lo = max(0, i - 4)
    prev_right = max((boxes(j)[2] for j in range(lo, i) if text[j] not in "\r\n "), default=None)
    if prev_right is None:
        return False
    size = boxes.font_size(i + 1)
    return boxes(i + 1)[0] - prev_right < _SPACE_GAP * size


def _mark_target(boxes: Boxes, items: list[_Item], mark_idx: int) -> _Item | None:
    """The letter a combining mark sits over: the nearest earlier consonant of the line whose box
    spans the mark's centre (Acrobat and Excel PDFs may write marks words later); None when
    the boxes do not tell."""
    left, bottom, right, top = boxes(mark_idx)
    if right <= left:
        return None
    centre, middle = (left + right) / 2, (bottom + top) / 2
    for it in reversed(items):
        if it.ch in _CONSONANTS:
            cl, cb, cr, ct = boxes(it.idx)
            if cl <= centre <= cr and abs(middle - (cb + ct) / 2) < 2.0 * max(ct - cb, 1.0):
                return it
    return None


def fix_chars(boxes: Boxes, text: str, indices: range | list[int],
               geometry: bool = True) -> str:
    """Stream text of some chars (a line, a cell) with marks moved onto their letters,
    Word's floating nikhahit restored and run-split spaces dropped; line breaks inside become
    ``\\n`` (or vanish before a mark, which pdfium sometimes puts on a line of its own)."""
    segment = text[indices.start:indices.stop] if isinstance(indices, range) and \
        indices.step == 1 else "".join([text[i] for i in indices])
    if not geometry or _THAI_CHAR.search(segment) is None or \
            _MARK_OR_SPACE.search(segment) is None:
        return segment.replace("\r\n", "\n").replace("\r", "\n")
    n = len(text)
    items: list[_Item] = []
    last: _Item | None = None  # where the previous char, if a mark, went
    prev = -2
    for i in indices:
        ch = text[i]
        if ch in "\r\n":
            continue
        if items and i != prev + 1 and "\n" in text[prev + 1:i] and text[i] not in _MARKS:
            items.append(_Item("\n", -1))
        prev = i
        if ch == " ":
            if _floating_space(boxes, text, i):
                ch = "\u0e4d"
            elif _spurious_space(boxes, text, i, n):
                continue
        if ch in _MARKS and items:
            target = _mark_target(boxes, items, i)
            if target is None:  # boxes do not tell: a tone stacks on the mark before it
                target = last if last is not None and ch in _STACKED else items[-1]
            target.marks.append(ch)
            last = target
            continue
        last = None
        items.append(_Item(ch, i))
    return "".join(it.ch + "".join(it.marks) for it in items)


def page_text(pdfium_raw: Any, textpage: Any) -> str:
    """All chars of a text page, one Python char per pdfium char index."""
    n = pdfium_raw.FPDFText_CountChars(textpage)
    if n <= 0:
        return ""
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = pdfium_raw.FPDFText_GetText(textpage, 0, n,
                                      ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: max(got - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text) != n:  # surrogate pairs or odd fonts: index by char instead
        text = "".join(chr(pdfium_raw.FPDFText_GetUnicode(textpage, i) or 0xFFFD)
                       for i in range(n))
    return text

