"""Thai text repair: a chain of small pure functions, each fixing one thing extractors get wrong.

Every step is a regular expression plus a replacement, so the chain can carry a map from each
repaired character back to the raw character it came from (:func:`repair_with_map`). The order
matters: spacing is fixed before marks are recomposed (a mark after a space would otherwise be
lost, as ``pythainlp.util.normalize`` loses it), and duplicates are collapsed before reordering.

>>> run("ประจ\\ufffdาปีงบประมาณ วิิสััยทััศน์์ ท าได้ เเละ สื ่อ").text
'ประจำปีงบประมาณ วิสัยทัศน์ ทำได้ และ สื่อ'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from evidence_review.thaitext.chars import (
    ABOVE_VOWELS,
    BELOW_VOWELS,
    MARKS,
    PUA_MAP,
    SIGNS_ABOVE,
    TONE_MARKS,
)

Repl = str | Callable[[re.Match[str]], str]


@dataclass(frozen=True)
class Tracked:
    """Text plus, for each character, its index in the raw text it was repaired from.

    ``tokens``: the word tokens the line-wrap step made of this text with its candidate breaks
    removed (None when it made none or a later step changed the text), for callers that want
    a known-word estimate without tokenizing again (:func:`thaitext.metrics.quality`)."""

    text: str
    offsets: tuple[int, ...]
    tokens: tuple[str, ...] | None = field(default=None, compare=False, repr=False)
    #: Names of the steps that changed the text, in the order they first did.
    fired: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def start(cls, raw: str) -> Tracked:
        return cls(raw, tuple(range(len(raw))))


@dataclass(frozen=True)
class Step:
    """One repair: every match of ``pattern`` is replaced by ``repl``."""

    name: str
    pattern: re.Pattern[str]
    repl: Repl
    #: A cheap pattern found in every text the step can change (None: always run). Pages are
    #: mostly clean, so most steps are skipped by one fast scan instead of one call per match.
    guard: re.Pattern[str] | None = None

    def __call__(self, t: Tracked) -> Tracked:
        if self.guard is not None and self.guard.search(t.text) is None:
            return t
        return _sub(self, t)


def _align(old: str, new: str) -> list[int | None]:
    """For each char of ``new``, its index in ``old`` when ``new`` keeps it in order, else None.

    >>> _align("abc", "ac"), _align("ab", "ba")
    ([0, 2], [1, None])
    """
    out: list[int | None] = []
    j = 0
    for ch in new:
        k = old.find(ch, j)
        if k < 0:
            out.append(None)
        else:
            out.append(k)
            j = k + 1
    return out


def _sub(step: Step, t: Tracked) -> Tracked:
    text, offs = t.text, t.offsets
    pieces: list[str] = []
    new_offs: list[int] = []
    pos = 0
    changed = False
    for m in step.pattern.finditer(text):
        s, e = m.span()
        r = step.repl(m) if callable(step.repl) else m.expand(step.repl)
        if r == m.group(0):
            continue
        changed = True
        pieces.append(text[pos:s])
        new_offs.extend(offs[pos:s])
        anchor = offs[s] if s < len(offs) else (offs[-1] if offs else 0)
        for i, k in enumerate(_align(m.group(0), r)):
            if k is not None:
                new_offs.append(offs[s + k])
            else:
                new_offs.append(offs[min(s + i, e - 1)] if e > s else anchor)
        pieces.append(r)
        pos = e
    if not changed:
        return t
    pieces.append(text[pos:])
    new_offs.extend(offs[pos:])
    fired = t.fired if step.name in t.fired else (*t.fired, step.name)
    return Tracked("".join(pieces), tuple(new_offs), fired=fired)


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

    from evidence_review.thaitext.words import is_word, segment_all

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
    starts: list[int] = []
    at = 0
    tokens = segment_all(joined)
    for tok in tokens:
        starts.append(at)
        at += len(tok)
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

#: The chain, in order. Each step is a pure function Tracked -> Tracked.
CHAIN: tuple[Step, ...] = (
    NEWLINES, INVISIBLE, LATIN1_MARKS, LATIN_EXT_DIGITS, PUA, FFFD_AM, FFFD_AFTER_MARK,
    SPACE_BEFORE_MARK, NIKHAHIT_TONE, SARA_AM,
    DOUBLED_MARKS, MARK_ORDER, MARK_ORDER,
    # ordering marks can bring two equal ones together (ก่ั่ -> กั่่)
    DOUBLED_MARKS, SARA_AM, SARA_AE, TRAILING_SPACE, WRAPPED_WORDS,
    # joining lines can bring pieces together that the local steps fix (เ|เ, ทำ|า)
    SARA_AM, DOUBLED_MARKS, SARA_AE,
)


#: Local steps repeated after the chain until the text stops changing: one fix can make
#: another necessary on broken input (a collapsed ำา brings a tone mark next to ำ, whose
#: reordering makes two marks meet), and repairing repaired text must change nothing.
SETTLE: tuple[Step, ...] = (SPACE_BEFORE_MARK, MARK_ORDER, DOUBLED_MARKS, SARA_AM, SARA_AE)
SETTLE_ROUNDS = 4


def run(raw: str, chain: tuple[Step, ...] = CHAIN) -> Tracked:
    """Apply ``chain`` to ``raw``, keeping the offset map (the full chain then settles).

    >>> run("\u0e33\u0e48\u0e32\u0e48").text == run(run("\u0e33\u0e48\u0e32\u0e48").text).text
    True
    """
    t = Tracked.start(raw)
    for step in chain:
        t = step(t)
    if chain is CHAIN:
        for _ in range(SETTLE_ROUNDS):
            before = t.text
            for step in SETTLE:
                t = step(t)
            if t.text == before:
                break
            # the text changed after the line breaks were decided: decide them again
            # (rare: broken input only, so the tokenizer call is not paid on normal text)
            t = WRAPPED_WORDS(t)
    return t


def _one(step: Step, text: str) -> str:
    return step(Tracked.start(text)).text


def normalize_newlines(text: str) -> str:
    """CR LF, CR, form feed and Unicode separators become ``\\n``.

    >>> normalize_newlines("a\\r\\nb\\rc\\x0cd")
    'a\\nb\\nc\\nd'
    """
    return _one(NEWLINES, text)


def drop_invisible(text: str) -> str:
    """Remove zero-width characters, BOMs, soft hyphens, control characters, lone surrogates.

    >>> drop_invisible("\\ufeffข้อ\\u200bมูล\\ud800")
    'ข้อมูล'
    """
    return _one(INVISIBLE, text)


def map_latin1_marks(text: str) -> str:
    """``É Ê Í`` beside Thai letters are the raised ่ ้ ์ of a broken Thai font.

    >>> map_latin1_marks("ทีÉ นํÊา ผลสัมฤทธิ Í CAFÉ")
    'ที่ นํ้า ผลสัมฤทธิ์ CAFÉ'
    """
    return _one(LATIN1_MARKS, text)


def map_latin_ext_digits(text: str) -> str:
    """Runs of U+0158..U+0161 (Ř..š) are the Thai digits ๐..๙ of a broken Thai font; a Latin
    word they touch keeps its letters.

    >>> map_latin_ext_digits("ปีงบประมาณ ŚŝŞŝ Škoda")
    'ปีงบประมาณ ๒๕๖๕ Škoda'
    """
    return _one(LATIN_EXT_DIGITS, text)


def map_pua(text: str) -> str:
    """Map legacy-font glyph variants U+F700..U+F71A back to standard Thai.

    >>> map_pua("ที\\uf70b") == "ที้", map_pua("\\uf70fาณ")
    (True, 'ญาณ')
    """
    return _one(PUA, text)


def fix_replacement_chars(text: str) -> str:
    """U+FFFD for a lost nikhahit becomes ํ; U+FFFD left after a mark is dropped.

    >>> fix_replacement_chars("ส\\ufffdานัก ที่\\ufffd") == "ส\\u0e4dานัก ที่"
    True
    """
    return _one(FFFD_AFTER_MARK, _one(FFFD_AM, text))


def join_marks(text: str) -> str:
    """Remove spaces and line breaks that separate a combining mark from its letter.

    >>> join_marks("สื ่อ ผู\\n้")
    'สื่อ ผู้'
    """
    return _one(SPACE_BEFORE_MARK, text)


def compose_sara_am(text: str) -> str:
    """ํ+า and า+ํ become ำ; so does the lost nikhahit "ท า" (no Thai word starts with า),
    unless the dictionary reads the run better with the space simply dropped (หน้ า = หน้า).

    >>> compose_sara_am("ท\\u0e4d\\u0e32 บ ารุง")
    'ทำ บำรุง'
    >>> compose_sara_am("สรุปหน้ าเดียว เจ้าหน้ าที่ น้ าท่วม การท างาน")
    'สรุปหน้าเดียว เจ้าหน้าที่ น้ำท่วม การทำงาน'
    """
    return _one(SARA_AM, text)


def split_sara_am(text: str) -> str:
    """ํ, a tone mark, then า is the tone mark and ำ.

    >>> split_sara_am("นํ้า") == "น้ำ"
    True
    """
    return _one(NIKHAHIT_TONE, text)


def collapse_doubled_marks(text: str) -> str:
    """A mark repeated (Excel -> Distiller fake bold) is one mark; ``ำา`` is ``ำ``.

    >>> collapse_doubled_marks("วิิสััยทััศน์์ จำำ ทำา จํำแนก")
    'วิสัยทัศน์ จำ ทำ จำแนก'
    """
    return _one(DOUBLED_MARKS, text)


def order_marks(text: str) -> str:
    """Vowel marks come before tone marks, tone marks before ำ (Unicode order).

    >>> order_marks("ท\\u0e48\\u0e35 น\\u0e33\\u0e49") == "ที่ น้ำ"
    True
    """
    return _one(MARK_ORDER, text)


def fold_sara_ae(text: str) -> str:
    """Two sara e typed for sara ae become one แ.

    >>> fold_sara_ae("เเผน")
    'แผน'
    """
    return _one(SARA_AE, text)


def rejoin_wrapped_words(text: str) -> str:
    """Remove a line break that splits a Thai word (dictionary guided); keep breaks between words.

    >>> rejoin_wrapped_words("ผลกระ\\nทบต่อระบบ\\nข้อมูล")
    'ผลกระทบต่อระบบ\\nข้อมูล'
    """
    return _one(WRAPPED_WORDS, text)
