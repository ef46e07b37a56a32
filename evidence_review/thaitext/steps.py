"""The repair steps of :mod:`thaitext.chain`, each one small pure function: a regular
expression plus a replacement (:class:`thaitext.tracked.Step`), and the line-wrap step that
asks the dictionary (:class:`WrapStep`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from evidence_review.thaitext.chars import (
    ABOVE_VOWELS,
    BELOW_VOWELS,
    MARKS,
    PUA_MAP,
    SIGNS_ABOVE,
    TONE_MARKS,
)
from evidence_review.thaitext.tracked import Step, Tracked, _sub


def _cls(chars: str) -> str:
    return "[" + re.escape(chars) + "]"


_MARK = _cls(MARKS)
_VOWEL_AB = _cls(ABOVE_VOWELS + BELOW_VOWELS)
_TONE_SIGN = _cls(TONE_MARKS + SIGNS_ABOVE)
_CONS = "[\u0e01-\u0e2e]"
_THAI_LETTER = "[\u0e01-\u0e4e]"
_PUA_TABLE = str.maketrans(PUA_MAP)

# Acrobat/Distiller-family Thai fonts with a broken Unicode map (the PDF backend maps these
# from the font first; these are the text-only fallback): raised ่ ้ ์ come out as the Latin-1
# capitals É Ê Í next to Thai, and ๐..๙ as the ten Latin Extended-A letters U+0158..U+0161.
_LATIN1_MARK = {"\u00c9": "\u0e48", "\u00ca": "\u0e49", "\u00cd": "\u0e4c"}
LATIN1_MARKS = Step(
    "latin1_marks",
    re.compile(f"(?<={_THAI_LETTER})[ \n]?[\u00c9\u00ca\u00cd]"
               f"|[\u00c9\u00ca\u00cd](?={_THAI_LETTER})"),
    lambda m: _LATIN1_MARK[m.group(0)[-1]],
    guard=re.compile("[\u00c9\u00ca\u00cd]"),
)
LATIN_EXT_DIGITS = Step(
    "latin_ext_digits",
    # a run of the stand-ins with no other Latin letter touching it (a name like Škoda stays)
    re.compile("(?<![A-Za-z\u00c0-\u017f])[\u0158-\u0161]+(?![A-Za-z\u00c0-\u017f])"),
    lambda m: "".join(chr(0x0E50 + ord(c) - 0x0158) for c in m.group(0)),
    guard=re.compile("[\u0158-\u0161]"),
)
NEWLINES = Step("newlines", re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c]"), "\n")
INVISIBLE = Step(
    "invisible",
    # zero-width chars, BOM, soft hyphen, C0/C1 controls (not \t \n), lone surrogates, nonchars
    re.compile("[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"),
    "",
)
PUA = Step("pua", re.compile("[\uf700-\uf71a]"), lambda m: m.group(0).translate(_PUA_TABLE))
# U+FFFD where a font had no map for a glyph: between a consonant and า it stood for ํ
# (ประจ�า = ประจำ); after a mark it is a leftover of a composite glyph and carries nothing.
_HAS_FFFD = re.compile("\ufffd")
FFFD_AM = Step("fffd_am", re.compile(f"({_CONS}{_TONE_SIGN}?)\ufffd(?=\u0e32)"), "\\1\u0e4d",
               guard=_HAS_FFFD)
FFFD_AFTER_MARK = Step("fffd_after_mark", re.compile(f"(?<={_MARK})\ufffd+"), "",
                       guard=_HAS_FFFD)
SPACE_BEFORE_MARK = Step(
    "space_before_mark", re.compile(f"(?<={_THAI_LETTER})[ \t\n\u00a0]+(?={_MARK}|\u0e33)"), "",
    guard=re.compile(f"[ \t\n\u00a0](?:{_MARK}|\u0e33)"),
)
def _sara_am(m: re.Match[str]) -> str:
    if m.group(1) is None:  # an explicit nikhahit: always ำ
        return "\u0e33"
    from evidence_review.thaitext.words import lost_nikhahit

    # "ท า": Word lost the nikhahit of ทำ -- or a justified line spaced out หน้า as "หน้ า".
    # The dictionary decides which reading the surrounding Thai run is made of.
    text, s, e = m.string, m.start(), m.end()
    i = s
    while i > 0 and s - i < 20 and "\u0e01" <= text[i - 1] <= "\u0e4e":
        i -= 1
    j = e
    while j < len(text) and j - e < 20 and "\u0e01" <= text[j] <= "\u0e4e":
        j += 1
    left, right = text[i:s] + m.group(1), text[e:j]
    return m.group(1) + ("\u0e33" if lost_nikhahit(left, right) else "\u0e32")


SARA_AM = Step(
    "sara_am",
    re.compile(
        "\u0e4d[ \t]*\u0e32|\u0e32\u0e4d"  # ํ+า (Tesseract, old fonts) and า+ํ (Word glyph order)
        f"|({_CONS}{_TONE_SIGN}?)[ \u00a0]+\u0e32"  # "ท า": lost nikhahit, or a spaced-out หน้ า
    ),
    _sara_am,
    guard=re.compile("\u0e4d|[ \u00a0]\u0e32"),  # every alternative needs one of these
)
# ํ, a tone mark, then า: the tone was written between the two halves of ำ (นํ้า, Distiller)
NIKHAHIT_TONE = Step("nikhahit_tone", re.compile("\u0e4d([\u0e48-\u0e4b])\u0e32"), "\\1\u0e33",
                     guard=re.compile("\u0e4d[\u0e48-\u0e4b]"))
DOUBLED_MARKS = Step("doubled_marks",
                     re.compile(f"({_MARK})\\1+|\u0e4d*\u0e33[\u0e32\u0e33]*(?<=[\u0e4d\u0e32\u0e33]{{2}})"),
                     lambda m: m.group(1) or "\u0e33")
_VOWEL_MARKS = frozenset(ABOVE_VOWELS + BELOW_VOWELS)


def _order(m: re.Match[str]) -> str:
    if m.group(2):
        return m.group(2) + "\u0e33"
    return "".join(sorted(m.group(1), key=lambda c: c not in _VOWEL_MARKS))


MARK_ORDER = Step(
    "mark_order",
    # a run of marks changes only where some mark precedes a vowel mark it should follow (then
    # the run, matched whole from its first mark, is sorted); runs in order are not matched
    re.compile(f"({_MARK}*{_cls(TONE_MARKS + SIGNS_ABOVE)}{_VOWEL_AB}{_MARK}*)"
               f"|\u0e33({_TONE_SIGN}+)"),
    _order,
    guard=re.compile(f"{_cls(TONE_MARKS + SIGNS_ABOVE)}{_VOWEL_AB}|\u0e33{_TONE_SIGN}"),
)
SARA_AE = Step("sara_ae", re.compile("\u0e40\u0e40"), "\u0e41")
TRAILING_SPACE = Step("trailing_space", re.compile(r"[ \t]+(?=\n)|[ \t]+\Z"), "")


@dataclass(frozen=True)
class WrapStep(Step):
    """Line breaks between Thai letters, decided together: the text with every candidate break
    removed is tokenized ONCE, and a break is dropped where it falls inside a dictionary word
    whose two halves are not words themselves (ผลกระ|ทบ, but not ระบบ|ข้อมูล). One tokenizer call
    per text instead of one per line keeps PDF pages fast."""

    def __call__(self, t: Tracked) -> Tracked:
        spans = [m.span() for m in self.pattern.finditer(t.text)]
        if not spans:
            return t
        joins, tokens = _wrap_joins(t.text, spans)
        if joins:
            t = _sub(Step(self.name, self.pattern,
                          lambda m: "" if m.start() in joins else m.group(0)), t)
        return replace(t, tokens=tuple(tokens))


def _wrap_joins(text: str, spans: list[tuple[int, int]]) -> tuple[set[int], list[str]]:
    """Starts of the candidate breaks that split one word and should be removed, and the
    tokens of the text with every candidate break removed."""
    from bisect import bisect_right
    from itertools import accumulate

    from evidence_review.thaitext.words import segment_all, thai_words, vocabulary

    words, vocab = thai_words(), vocabulary()

    def is_word(token: str) -> bool:  # words.is_word without two cache calls per test
        return token in words or token in vocab

    pieces: list[str] = []
    where: list[int] = []  # each break's position in the joined text
    pos = length = 0
    for s, e in spans:
        pieces.append(text[pos:s])
        length += s - pos
        where.append(length)
        pos = e
    pieces.append(text[pos:])
    joined = "".join(pieces)
    tokens = segment_all(joined)
    starts = [0, *accumulate(map(len, tokens))]
    starts.pop()
    joins: set[int] = set()
    for (s, e), p in zip(spans, where, strict=True):
        if (s > 0 and text[s - 1] in "เแโใไ") or (e < len(text) and text[e] in "ะาำๅ"):
            joins.add(s)  # a leading vowel never ends a word, a following vowel never starts one
            continue
        k = bisect_right(starts, p) - 1
        if k < 0 or starts[k] == p:
            continue  # the break already falls between tokens
        tok = tokens[k]
        cut = p - starts[k]
        if is_word(tok) and not (is_word(tok[:cut]) and is_word(tok[cut:])):
            joins.add(s)
    return joins, tokens


# A line break (or a space after a mark, as Distiller leaves in "จำ แนก") between Thai letters.
WRAPPED_WORDS = WrapStep(
    "wrapped_words",
    re.compile("(?:(?<=[\u0e01-\u0e4e]) ?\n|(?<=[\u0e31\u0e33-\u0e3a\u0e47-\u0e4e]) )"
               "(?=[\u0e01-\u0e2e\u0e40-\u0e44])"),
    "",
)
