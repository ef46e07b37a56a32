"""Thai text repair: a chain of small pure functions, each fixing one thing extractors get wrong.

Every step is a regular expression plus a replacement (:mod:`thaitext.steps`), so the chain can
carry a map from each repaired character back to the raw character it came from
(:mod:`thaitext.tracked`, :func:`repair_with_map`). The order matters: spacing is fixed before
marks are recomposed (a mark after a space would otherwise be lost, as
``pythainlp.util.normalize`` loses it), and duplicates are collapsed before reordering.

>>> run("ประจ\\ufffdาปีงบประมาณ วิิสััยทััศน์์ ท าได้ เเละ สื ่อ").text
'ประจำปีงบประมาณ วิสัยทัศน์ ทำได้ และ สื่อ'
"""

from __future__ import annotations

from evidence_review.thaitext.steps import (
    DOUBLED_MARKS,
    FFFD_AFTER_MARK,
    FFFD_AM,
    INVISIBLE,
    LATIN1_MARKS,
    LATIN_EXT_DIGITS,
    MARK_ORDER,
    NEWLINES,
    NIKHAHIT_TONE,
    PUA,
    SARA_AE,
    SARA_AM,
    SPACE_BEFORE_MARK,
    TRAILING_SPACE,
    WRAPPED_WORDS,
)
from evidence_review.thaitext.tracked import Step, Tracked

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
