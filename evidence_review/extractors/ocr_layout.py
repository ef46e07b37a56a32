"""Tesseract's TSV output made into a page: words with boxes and confidences, noise dropped,
lines and paragraphs, an honest quality score.

Tesseract reads Thai as one "word" per letter cluster, each with a confidence (0-100). On a
noisy scan the noise shows up as words it is unsure of: specks read as ``: | . '`` and Latin
letters, and rows of tone marks it took for a line of their own. Those are dropped here
(:func:`keep`), and the page's quality is the confidence of what was read, weighted by length
(:func:`confidence`), so a page Tesseract could not read scores low instead of 1.0.
"""

from __future__ import annotations

import csv
import io
import re
import statistics
from dataclasses import dataclass, field

#: A word below this confidence is dropped whatever it is.
MIN_CONF = 30.0
#: A word with no Thai letter and no digit (punctuation, stray Latin) below this is dropped.
MIN_CONF_OTHER = 65.0
#: A line whose length-weighted confidence is below this is dropped (a row of specks, a row
#: of tone marks read apart from their letters).
MIN_LINE_CONF = 60.0
_THAI_OR_DIGIT = re.compile("[\u0e01-\u0e2e\u0e50-\u0e590-9]")
_CONSONANT = re.compile("[\u0e01-\u0e2e]")
_THAI_LETTER_OR_MARK = re.compile("[\u0e01-\u0e4f]")
_DIGITS = re.compile("[\u0e50-\u0e590-9]+")
#: A digit shorter than this share of its line's letters is a speck read as a digit (digits
#: stand at least as tall as Thai consonants in every Thai font).
DIGIT_HEIGHT = 0.6
#: Other writing with no Thai consonant (punctuation, a stray Latin letter) smaller than this
#: share of its line's letters every way is a speck.
SPECK_SIZE = 0.5
_WORDLIKE = re.compile("[\u0e01-\u0e2e\u0e50-\u0e59A-Za-z0-9]")


@dataclass
class Word:
    """One Tesseract word: its text, confidence and box (pixels, from the top left)."""

    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int
    key: tuple[int, int, int] = (0, 0, 0)  # (block, paragraph, line)


@dataclass
class OcrLine:
    words: list[Word] = field(default_factory=list)

    @property
    def box(self) -> tuple[int, int, int, int]:
        """(left, top, right, bottom) in pixels."""
        return (min(w.left for w in self.words), min(w.top for w in self.words),
                max(w.left + w.width for w in self.words),
                max(w.top + w.height for w in self.words))

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]

    def text(self) -> str:
        """The words joined, with a space where the gap is wider than a third of the line's
        typical letter height (Thai letters of one word touch or nearly)."""
        heights = [w.height for w in self.words if _THAI_OR_DIGIT.search(w.text)]
        unit = statistics.median(heights) if heights else max(self.height, 1)
        out = [self.words[0].text]
        for a, b in zip(self.words, self.words[1:], strict=False):
            gap = b.left - (a.left + a.width)
            out.append((" " if gap > unit / 3 else "") + b.text)
        return "".join(out)


def parse_tsv(tsv: str) -> list[Word]:
    """The words of Tesseract's TSV output (level 5 rows with text).

    >>> head = "\\t".join("level page block par line word left top width height conf text"
    ...                   .split())
    >>> rows = head + "\\n" + "\\t".join("5 1 1 1 1 1 10 20 30 40 96.5 งาน".split()) + "\\n"
    >>> parse_tsv(rows)[0]
    Word(text='งาน', conf=96.5, left=10, top=20, width=30, height=40, key=(1, 1, 1))
    """
    words: list[Word] = []
    reader = csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    next(reader, None)
    for row in reader:
        if len(row) < 12 or row[0] != "5" or not row[11].strip():
            continue
        try:
            words.append(Word(text=row[11].strip(), conf=float(row[10]), left=int(row[6]),
                              top=int(row[7]), width=int(row[8]), height=int(row[9]),
                              key=(int(row[2]), int(row[3]), int(row[4]))))
        except ValueError:
            continue
    return words


def confidence(words: list[Word]) -> float | None:
    """Length-weighted mean confidence of ``words``, 0..1 (None when there are none).

    >>> confidence([Word("งาน", 90, 0, 0, 1, 1), Word("x", 30, 0, 0, 1, 1)])
    0.75
    """
    total = sum(len(w.text) for w in words)
    if not total:
        return None
    return round(sum(w.conf * len(w.text) for w in words) / total / 100.0, 3)


def keep(word: Word) -> bool:
    """A word worth keeping: confident enough, or Thai/digits confident enough for them.

    >>> keep(Word("ข้อ", 91, 0, 0, 1, 1)), keep(Word("ZY)", 29, 0, 0, 1, 1))
    (True, False)
    >>> keep(Word(":", 50, 0, 0, 1, 1)), keep(Word(".", 90, 0, 0, 1, 1))
    (False, True)
    """
    if word.conf < MIN_CONF:
        return False
    return bool(_THAI_OR_DIGIT.search(word.text)) or word.conf >= MIN_CONF_OTHER


def speck(word: Word, letter: float) -> bool:
    """A word that is toner dust Tesseract was sure of (a ``+``, ``'``, ``๑`` of a few
    pixels): no Thai letter or mark (a tone mark read on its own is small and real) and much
    smaller than the line's letters (``letter``: their typical height, pixels) -- digits
    shorter than :data:`DIGIT_HEIGHT` of it, anything else smaller than :data:`SPECK_SIZE`
    of it both ways.

    >>> speck(Word("๑", 86, 0, 0, 24, 16), 42), speck(Word("๑๐", 90, 0, 0, 50, 40), 42)
    (True, False)
    >>> speck(Word("+", 77, 0, 0, 3, 3), 42), speck(Word("-", 90, 0, 0, 30, 4), 42)
    (True, False)
    >>> speck(Word("ก", 90, 0, 0, 3, 3), 42), speck(Word("\u0e48", 90, 0, 0, 8, 8), 42)
    (False, False)
    """
    if _THAI_LETTER_OR_MARK.search(word.text):
        return False
    if _DIGITS.fullmatch(word.text.rstrip(".,%")):
        return word.height < DIGIT_HEIGHT * letter
    return max(word.width, word.height) < SPECK_SIZE * letter


#: A line's leading number (๓., ๕.๒, 2)) is real when at least this share of its line's
#: letters tall: a word box of Thai letters holds upper and lower vowels and tone marks, so a
#: digit stands well below the box (measured about half of it at 200-300 dpi).
NUMBERING_HEIGHT = 0.35
_NUMBERING = re.compile("[\u0e50-\u0e590-9]{1,3}(?:[.)][\u0e50-\u0e590-9]{1,3})*[.)]?")


def numbering(word: Word, letter: float) -> bool:
    """The number a line starts with (a heading's or a list item's), not a speck.

    >>> numbering(Word("๓.", 88, 0, 0, 20, 22), 42), numbering(Word("๕.๒", 88, 0, 0, 40, 22), 42)
    (True, True)
    >>> numbering(Word("๑", 86, 0, 0, 6, 8), 42), numbering(Word("+", 86, 0, 0, 20, 22), 42)
    (False, False)
    """
    return bool(_NUMBERING.fullmatch(word.text)) and word.height >= NUMBERING_HEIGHT * letter


def _stop(before: Word | None, word: Word, letter: float) -> bool:
    """A full stop or comma right after a word (พ.ศ., ม.ค.): small, and real.

    >>> _stop(Word("พ", 90, 0, 0, 30, 40), Word(".", 80, 34, 36, 4, 4), 40)
    True
    >>> _stop(Word("พ", 90, 0, 0, 30, 40), Word(".", 80, 90, 36, 4, 4), 40)
    False
    """
    if before is None or word.text.strip(".,") or not word.text:
        return False
    return 0 <= word.left - (before.left + before.width) <= 0.6 * letter


def _letter_height(line: OcrLine, page: float) -> float:
    """The typical height of the line's words that hold a Thai consonant (``page``'s when
    it has none)."""
    heights = [w.height for w in line.words if _CONSONANT.search(w.text)]
    return statistics.median(heights) if heights else page


def lines(words: list[Word]) -> list[OcrLine]:
    """Lines of the kept words, in Tesseract's reading order, without noise lines: a line of
    low confidence, or one whose words are mostly not word-like (specks, marks alone); and
    without specks read as words (:func:`speck`)."""
    grouped: dict[tuple[int, int, int], OcrLine] = {}
    for w in words:
        grouped.setdefault(w.key, OcrLine()).words.append(w)
    heights = [w.height for w in words if _CONSONANT.search(w.text)]
    page = statistics.median(heights) if heights else 0.0
    out: list[OcrLine] = []
    for line in grouped.values():
        conf = confidence(line.words) or 0.0
        wordlike = sum(len(w.text) for w in line.words if _WORDLIKE.search(w.text))
        if conf * 100 < MIN_LINE_CONF or wordlike < 0.5 * sum(len(w.text) for w in line.words):
            continue
        letter = _letter_height(line, page)
        line.words = [w for k, w in enumerate(line.words) if keep(w) and not (
            speck(w, letter) and not _stop(line.words[k - 1] if k else None, w, letter)
            and not (k == 0 and numbering(w, letter)))]
        if line.words:
            out.append(line)
    return out


def paragraphs(page_lines: list[OcrLine]) -> list[list[OcrLine]]:
    """Lines grouped by Tesseract's (block, paragraph)."""
    out: dict[tuple[int, int], list[OcrLine]] = {}
    for line in page_lines:
        out.setdefault(line.words[0].key[:2], []).append(line)
    return list(out.values())
