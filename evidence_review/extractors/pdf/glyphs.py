"""Glyph-level reading of a pypdfium2 text page: the page's chars, their boxes (lazy), and the
positional fixes of Word and Acrobat PDFs (a combining mark written after the wrong letter goes
back over the letter its box sits on; Word's nikhahit drawn as a floating "space" becomes ํ;
spaces pdfium generates between touching glyphs of one word are dropped)."""

from __future__ import annotations

import ctypes
import re
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
#: How many letters after a mark may hold the letter it was written for.
_AHEAD = 12
#: How many letters before a mark are looked at (a mark written words later).
_BEHIND = 40
#: Raised Thai marks a Thai font of the Acrobat/Distiller family maps to Latin-1 capitals.
_FONT_MARKS = {"\u00c9": "\u0e48", "\u00ca": "\u0e49", "\u00cd": "\u0e4c"}
#: Its Thai digits ๐..๙ come out as the ten Latin Extended-A letters U+0158..U+0161.
#: How far either side of a suspect letter a Thai letter of its font is looked for first.
_NEAR = 6
_FONT_SUSPECT = re.compile("[\u00c9\u00ca\u00cd\u0158-\u0161]")
#: A Latin letter that is not one of those digit stand-ins.
_LATIN = re.compile("[A-Za-z\u00c0-\u0157\u0162-\u017f]")


def is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


_UNTYPED: dict[tuple[int, Any], Any] = {}


def untyped(fn: Any, restype: Any = ctypes.c_int) -> Any:
    """The C function behind a pypdfium2 binding, called without ctypes' per-argument
    conversions: half the cost of a call, which counts for the per-char box calls (a table
    page asks for thousands). Callers pass exactly what C expects: pointers as ctypes
    pointers, ``c_void_p`` or ``byref``; ints as Python ints. ``restype``: what it returns
    (``c_void_p`` gives a pointer's address, an int, or None)."""
    address = ctypes.cast(fn, ctypes.c_void_p).value or 0
    key = (address, restype)
    fast: Any = _UNTYPED.get(key)
    if fast is None:
        fast = _UNTYPED[key] = ctypes.CFUNCTYPE(restype)(address)
        fast.argtypes = None  # no conversions: the caller passes C's own types
    return fast


class Boxes:
    """Lazy, cached char boxes of one text page (most chars never need one)."""

    def __init__(self, raw_mod: Any, textpage: Any) -> None:
        self._raw = raw_mod
        self._tp = textpage
        self._cache: dict[int, tuple[float, float, float, float]] = {}
        self._l, self._r = ctypes.c_double(), ctypes.c_double()
        self._b, self._t = ctypes.c_double(), ctypes.c_double()
        self._get_box = untyped(raw_mod.FPDFText_GetCharBox)
        self._args = (ctypes.cast(textpage, ctypes.c_void_p), ctypes.byref(self._l),
                      ctypes.byref(self._r), ctypes.byref(self._b), ctypes.byref(self._t))
        self._is_generated = untyped(raw_mod.FPDFText_IsGenerated)
        self._font_size = untyped(raw_mod.FPDFText_GetFontSize, ctypes.c_double)
        self._flags = ctypes.c_int()
        self._name = ctypes.create_string_buffer(128)
        self._fonts: dict[bytes, bool] = {}

    def __call__(self, i: int) -> tuple[float, float, float, float]:
        box = self._cache.get(i)
        if box is None:
            tp, left, right, bottom, top = self._args
            ok = self._get_box(tp, i, left, right, bottom, top)
            box = ((self._l.value, self._b.value, self._r.value, self._t.value) if ok
                   else (0.0, 0.0, 0.0, 0.0))
            self._cache[i] = box
        return box

    def generated(self, i: int) -> bool:
        return bool(self._is_generated(self._args[0], i) == 1)

    def font_size(self, i: int) -> float:
        return float(self._font_size(self._args[0], i))

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


def _over(mark: Box, base: Box) -> float:
    """How well a mark's box sits over a base letter's box: 2 when the mark's anchor (a
    quarter of its width in from its left edge) lies inside the letter across, else the width
    they share (0 when none, or when the mark is more than about one letter height above or
    below). Thai fonts draw an upper mark from over its letter's right part to past its
    right edge, so the mark's centre may fall in the gap after its letter (measured on
    DilleniaUPC, Angsana New, the TLWG fonts)."""
    left, bottom, right, top = mark
    cl, cb, cr, ct = base
    height = max(ct - cb, 1.0)
    if not cb - 1.2 * height <= (bottom + top) / 2 <= ct + 1.2 * height:
        return 0.0
    if cl <= left + 0.25 * (right - left) <= cr:
        return 2.0 + (right - left)
    return max(0.0, min(right, cr) - max(left, cl))


def _mark_target(boxes: Boxes, chs: list[str], idx: list[int], at: int, mark_idx: int) -> int:
    """The letter a combining mark sits over (its position in ``chs``, the letters read so
    far, with ``idx`` their char indices): among the consonants near where it was written
    (before it, then up to :data:`_AHEAD` after it on the same line: Acrobat and Excel PDFs
    may write a mark words later or earlier than its letter), the one it sits over best
    (:func:`_over`; the nearest before it on a tie); -1 when the boxes do not tell.
    Consonants of a line run left to right, so each search stops once they lie wholly past
    the mark."""
    mark = boxes(mark_idx)
    left, right = mark[0], mark[2]
    if right <= left:
        return -1
    best = -1
    most = 0.0
    for k in range(at - 1, max(-1, at - 1 - _BEHIND), -1):
        if chs[k] in _CONSONANTS:
            base = boxes(idx[k])
            if base[2] < left - 1.0:
                break
            o = _over(mark, base)
            if o > most:
                best, most = k, o
                if o >= 2.0:
                    return k
    for k in range(at, min(len(chs), at + _AHEAD)):
        ch = chs[k]
        if ch == "\n":
            break
        if ch in _CONSONANTS:
            base = boxes(idx[k])
            if base[0] > right + 1.0:
                break
            o = _over(mark, base)
            if o > most:
                best, most = k, o
                if o >= 2.0:
                    return k
    return best


def fix_chars(boxes: Boxes, text: str, indices: range | list[int],
              geometry: bool = True, fired: set[str] | None = None,
              where: list[int] | None = None) -> str:
    """Stream text of some chars (a line, a cell) with marks moved onto their letters,
    Word's floating nikhahit restored and run-split spaces dropped; line breaks inside become
    ``\\n`` (or vanish before a mark, which pdfium sometimes puts on a line of its own).
    The names of the fixes that changed something are added to ``fired``
    (:data:`GLYPH_REPAIRS`); ``where``, when given, gets the char index each output char was
    read from (-1 for a line break made here)."""
    segment = text[indices.start:indices.stop] if isinstance(indices, range) and \
        indices.step == 1 else "".join([text[i] for i in indices])
    if not geometry or _THAI_CHAR.search(segment) is None or \
            _MARK_OR_SPACE.search(segment) is None:
        if where is not None:
            if "\r" not in segment and "\n" not in segment:
                where.extend(indices)
            else:
                where.extend(-1 if text[i] == "\n" else i for i in indices
                             if text[i] != "\r" or text[i + 1:i + 2] != "\n")
        return segment.replace("\r\n", "\n").replace("\r", "\n")
    n = len(text)
    chs: list[str] = []  # the letters (marks aside), "\n" for a line break inside
    idx: list[int] = []  # the char index of each (-1 for a line break)
    marks: list[tuple[str, int, int]] = []  # (mark, char index, letters written before it)
    prev = -2
    for i in indices:
        ch = text[i]
        if ch == "\r" or ch == "\n":
            continue
        if chs and i != prev + 1 and ch not in _MARKS and "\n" in text[prev + 1:i]:
            chs.append("\n")
            idx.append(-1)
        prev = i
        if ch == " ":
            if _floating_space(boxes, text, i):
                ch = "\u0e4d"
                _note(fired, "floating_nikhahit")
            elif _spurious_space(boxes, text, i, n):
                _note(fired, "run_split_space")
                continue
        if ch in _MARKS and chs:
            marks.append((ch, i, len(chs)))
            continue
        chs.append(ch)
        idx.append(i)
    attached: dict[int, list[tuple[str, int]]] = {}  # letter position -> its marks
    last = -1  # where the previous mark went, if it came right before
    prev_at = -1
    for ch, i, at in marks:
        k = _mark_target(boxes, chs, idx, at, i)
        if k < 0:  # boxes do not tell: a tone stacks on the mark before it
            k = last if last >= 0 and at == prev_at and ch in _STACKED else at - 1
        elif k != at - 1:
            _note(fired, "mark_positions")
        attached.setdefault(k, []).append((ch, i))
        last, prev_at = k, at
    out: list[str] = []
    pos = 0
    for k in sorted(attached):
        out.append("".join(chs[pos:k + 1]))
        if where is not None:
            where.extend(idx[pos:k + 1])
        for m, j in attached[k]:
            out.append(m)
            if where is not None:
                where.append(j)
        pos = k + 1
    out.append("".join(chs[pos:]))
    if where is not None:
        where.extend(idx[pos:])
    return "".join(out)


def _note(fired: set[str] | None, name: str) -> None:
    if fired is not None:
        fired.add(name)


#: Names of the glyph-level repairs (``Page.repairs``), documented in README.
GLYPH_REPAIRS = ("font_latin1_marks", "font_latin_digits", "mark_positions",
                 "floating_nikhahit", "run_split_space")


class _FontNames:
    """The font name of a char of a text page (cached buffers)."""

    def __init__(self, raw_mod: Any, textpage: Any) -> None:
        self._raw, self._tp = raw_mod, textpage
        self._buf = ctypes.create_string_buffer(128)
        self._flags = ctypes.c_int()
        self._cache: dict[int, bytes] = {}

    def __call__(self, i: int) -> bytes:
        got = self._cache.get(i)
        if got is None:
            size = self._raw.FPDFText_GetFontInfo(self._tp, i, self._buf, 128, self._flags)
            got = self._cache[i] = self._buf.raw[: max(size - 1, 0)]
        return got


def font_remap(raw_mod: Any, textpage: Any, text: str, fired: set[str] | None = None) -> str:
    """Latin letters that a Thai font of the Acrobat/Distiller family draws Thai glyphs with,
    mapped back, char for char (indices and boxes stay valid).

    The mapping is decided from the font: a char among ``É Ê Í`` (raised ่ ้ ์) or U+0158..U+0161
    (๐..๙) is remapped only when its font is one that also gives Thai letters on this page --
    the code points that font uses show it is a Thai font with a broken Unicode map. The same
    letters from a Latin font stay as they are. (pdfium has no glyph-name API; the text-only
    fallback for the same patterns is in :mod:`thaitext.chain`.)
    """
    suspects = [m.start() for m in _FONT_SUSPECT.finditer(text)]
    if not suspects:
        return text
    name = _FontNames(raw_mod, textpage)
    page_fonts: set[bytes] | None = None  # fonts of every Thai letter: only if needed

    def thai_font(i: int) -> bool:
        nonlocal page_fonts
        font = name(i)
        near = [k for k in range(max(0, i - _NEAR), min(len(text), i + _NEAR + 1))
                if "\u0e01" <= text[k] <= "\u0e4e"]
        if any(name(k) == font for k in near):
            return True
        if page_fonts is None:
            page_fonts = {name(k) for k, c in enumerate(text) if "\u0e01" <= c <= "\u0e4e"}
        return font in page_fonts

    chars = list(text)
    for i in suspects:
        ch = text[i]
        if not thai_font(i):
            continue
        if (i and _LATIN.match(text, i - 1)) or _LATIN.match(text, i + 1):
            continue  # a Latin word in that font (CAFÉ, Škoda) keeps its letters
        if ch in _FONT_MARKS:
            chars[i] = _FONT_MARKS[ch]
            _note(fired, "font_latin1_marks")
        else:
            chars[i] = chr(0x0E50 + ord(ch) - 0x0158)
            _note(fired, "font_latin_digits")
    return "".join(chars)


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

