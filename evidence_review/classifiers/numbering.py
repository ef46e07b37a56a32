"""Section numbers at the start of a line ("3.1", "๓.๑", "ประเด็นย่อยที่ 2.3", "ข้อ 2")."""

from __future__ import annotations

import re

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_NUMBER = re.compile(
    r"^\s*(?:(?P<prefix>ประเด็นย่อยที่|ประเด็นย่อย|ประเด็นที่|ข้อที่|ข้อ)\s*)?\(?"
    r"(?P<num>[0-9๐-๙]{1,2}(?:\s?\.\s?[0-9๐-๙]{1,2}){0,3})\s?[.)]?(?=\s|[^\s0-9๐-๙.])"
)
#: What a text matching ``_NUMBER`` can start with (besides whitespace).
_NUMBER_START = frozenset("0123456789๐๑๒๓๔๕๖๗๘๙(ปข")
_PART = re.compile(r"^\s*(?:ส่วนที่|บทที่|หมวดที่|ภาคผนวก|ตอนที่)")
_SPACE = re.compile(r"\s")
_LEADING_NUMBER = re.compile(r"^(?:ประเด็นย่อยที่|ประเด็นย่อย|ประเด็นที่|ข้อ)?[0-9.()]*")
_NUMBER_KEY_START = frozenset("ปข0123456789.()")  # what _LEADING_NUMBER can start with

#: A numbered line longer than this is a paragraph that starts with a number (heading + body).
HEADING_MAX = 150


def parse_number(text: str) -> tuple[str | None, bool]:
    """The section number at the start of ``text`` ("3.1", Thai digits converted) and whether
    it is introduced by "ประเด็นย่อยที่".

    >>> parse_number("๓.๑ การสำรองข้อมูล"), parse_number("ประเด็นย่อยที่ 2.3 การรณรงค์")
    (('3.1', False), ('2.3', True))
    >>> parse_number("2550 เป็นปี"), parse_number("ข้อมูล")
    ((None, False), (None, False))
    """
    first = text[:1]
    if first not in _NUMBER_START and not first.isspace():  # (most lines: no regex run)
        return None, False
    m = _NUMBER.match(text)
    if not m:
        return None, False
    num = _SPACE.sub("", m.group("num").translate(_THAI_DIGITS))
    if any(len(n) > 2 for n in num.split(".")) or num.startswith("0"):
        return None, False
    if "." not in num and not m.group("prefix") and len(num) > 1:
        return None, False
    return num, bool(m.group("prefix") and "ประเด็น" in m.group("prefix"))


def strip_number(key: str) -> str:
    """``key`` without a leading number ("3.1", "ข้อ 2", "(๑)": keys hold Arabic digits).

    >>> strip_number("3.1การสำรองข้อมูล"), strip_number("การสำรองข้อมูล")
    ('การสำรองข้อมูล', 'การสำรองข้อมูล')
    """
    if key[:1] not in _NUMBER_KEY_START:  # nothing to strip (most keys): no regex run
        return key
    return _LEADING_NUMBER.sub("", key)

