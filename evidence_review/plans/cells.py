"""Reading one table cell: Thai digits, percents, yes/no marks, header labels.

Small pure functions, each with doctests; :mod:`plans.tables` builds on them.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from enum import StrEnum

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_SPACES = re.compile(r"[\s\u200b\u200c\u200d\ufeff]+")
_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")  # ํ (+ tone) + า, as typed, is ำ
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
PLACEHOLDERS = frozenset({"", "-", "–", "—", "−", "ไม่มี", "ไม่ระบุ", "n/a", "na", "none", "..."})


def arabic_digits(text: str) -> str:
    """Thai digits to Arabic ones.

    >>> arabic_digits("ร้อยละ ๘๕.๕")
    'ร้อยละ 85.5'
    """
    return text.translate(_THAI_DIGITS)


def squash(text: str) -> str:
    """A cell or header label for matching: NFC, no spaces, ํา as ำ, lower case, Arabic digits.

    Spaces go because wrapped Thai cells gain spurious ones (น้ำ หนัก).

    >>> squash(" นํ้า หนัก\\n(ร้อยละ) ")
    'น้ำหนัก(ร้อยละ)'
    """
    text = _SARA_AM.sub("\\1\u0e33", unicodedata.normalize("NFC", text))
    return _SPACES.sub("", arabic_digits(text)).lower()


#: A place in a list at the start of a cell: "1.", "๒.", "(3)", "1.2)".
LIST_NUMBER = re.compile(r"^\(?[0-9๐-๙]{1,2}(?:\.[0-9๐-๙]{1,2})*[.)]")
#: The same with the space that separates it from a name (what activity_name removes).
_LIST_NUMBER = re.compile(LIST_NUMBER.pattern + r"\s+(?=\S)")


def activity_name(text: str) -> str:
    """An activity's name as a cell writes it, without its place in the list ("1.", "๒.",
    "(3)") and with its spaces collapsed.

    >>> activity_name("๑. พัฒนาฐานข้อมูล"), activity_name("(3)  ปรับปรุง\\nเว็บไซต์")
    ('พัฒนาฐานข้อมูล', 'ปรับปรุง เว็บไซต์')
    >>> activity_name("5 ส. ในห้องเครื่อง"), activity_name("2550 ปีแห่งการพัฒนา"), activity_name("1.")
    ('5 ส. ในห้องเครื่อง', '2550 ปีแห่งการพัฒนา', '1.')
    """
    name = " ".join(text.split())
    return _LIST_NUMBER.sub("", name) or name


def is_placeholder(text: str | None) -> bool:
    """True for an empty cell or one saying "nothing" ("-", "ไม่มี").

    >>> is_placeholder(" - "), is_placeholder("ไม่มี"), is_placeholder("กองแผนงาน")
    (True, True, False)
    """
    return text is None or squash(text) in PLACEHOLDERS


def parse_number(text: str | None) -> Decimal | None:
    """The first number in a cell: "85", "85%", "ร้อยละ 85", "๘๕", "1,250.5"; None if none.

    >>> [parse_number(s) for s in ("85", "85 %", "ร้อยละ ๘๕", "1,250.5", "-", "")]
    [Decimal('85'), Decimal('85'), Decimal('85'), Decimal('1250.5'), None, None]
    """
    if text is None:
        return None
    clean = arabic_digits(text).replace(",", "")
    match = _NUMBER.search(clean)
    if match is None:
        return None
    try:
        value = Decimal(match.group())
    except InvalidOperation:  # pragma: no cover - the regex only admits valid numbers
        return None
    return value if value >= 0 else None


_NO = ("ไม่บรรลุ", "ไม่ผ่าน", "ไม่สำเร็จ", "ยังไม่บรรลุ", "ไม่ได้", "ไม่ใช่", "✗", "✘", "×", "❌",
       "☒", "no", "false", "fail", "not achieved")
_YES = ("บรรลุ", "ผ่าน", "สำเร็จ", "ได้", "ใช่", "✓", "✔", "√", "☑", "✅", "yes", "true",
        "achieved", "pass")


def parse_yes_no(text: str | None) -> bool | None:
    """Whether a cell says "achieved": บรรลุ/✓ → True, ไม่บรรลุ/✗ → False, else None.

    >>> [parse_yes_no(s) for s in ("บรรลุ", "ไม่บรรลุ", "✓", "✗", "x", "/", "-", "Yes")]
    [True, False, True, False, False, True, None, True]
    """
    if text is None:
        return None
    s = squash(text)
    if s in {"x", "n"}:
        return False
    if s in {"/", "y"}:
        return True
    if any(w in s for w in _NO):
        return False
    if any(w in s for w in _YES):
        return True
    return None


class Column(StrEnum):
    """What a table column holds, told from its header label."""

    NUMBER = "number"  # ลำดับ / ที่
    NAME = "name"  # กิจกรรม / โครงการ
    WEIGHT = "weight"
    PERCENT = "percent"  # percent implemented
    ACHIEVED = "achieved"  # objective achieved
    OBJECTIVE = "objective"
    TARGET = "target"  # ตัวชี้วัด / เป้าหมาย
    RESULT = "result"  # ผลผลิต / ผลลัพธ์ (expected result)
    PERIOD = "period"
    MONTH = "month"  # one month column of a Gantt-style plan
    RESPONSIBLE = "responsible"
    BUDGET = "budget"
    EVIDENCE = "evidence"


_MONTHS = ("ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.",
           "ส.ค.", "ก.ย.")
_MONTH_RE = re.compile(r"^(?:" + "|".join(re.escape(m) for m in _MONTHS) + r")(?:\d{2,4})?$")

#: Checked in order: the first rule whose any-word is in the squashed label wins.
_RULES: tuple[tuple[Column, tuple[str, ...]], ...] = (
    (Column.ACHIEVED, ("บรรลุ", "achiev", "ผลการประเมิน", "ผ่าน/ไม่ผ่าน")),
    (Column.WEIGHT, ("น้ำหนัก", "หนัก", "weight")),  # น้าหนัก: ำ lost in PDF text/OCR
    (Column.PERCENT, ("ความก้าวหน้า", "progress", "ผลการดำเนินงาน", "ผลการปฏิบัติงาน",
                      "ดำเนินการได้", "ร้อยละการดำเนิน", "implemented")),
    (Column.RESPONSIBLE, ("รับผิดชอบ", "responsib", "ผู้ดำเนินการ", "หน่วยงานดำเนินการ", "owner")),
    (Column.PERIOD, ("ระยะเวลา", "ช่วงเวลา", "กำหนดเวลา", "กำหนดการ", "period", "timeline",
                     "schedule", "ไตรมาส", "start", "finish", "duedate", "duration")),
    (Column.OBJECTIVE, ("วัตถุประสงค์", "objective")),
    (Column.TARGET, ("ตัวชี้วัด", "เป้าหมาย", "kpi", "target", "indicator")),
    (Column.RESULT, ("ผลผลิต", "ผลลัพธ์", "ผลที่คาด", "ผลที่ได้รับ", "expected", "output",
                     "outcome", "deliverable")),
    (Column.PERCENT, ("ร้อยละ", "%", "percent")),
    (Column.BUDGET, ("งบประมาณ", "budget", "บาท")),
    (Column.EVIDENCE, ("หลักฐาน", "evidence", "เอกสารอ้างอิง")),
    (Column.NAME, ("กิจกรรม", "โครงการ", "แผนงาน", "activit", "project", "รายการ", "มาตรการ")),
)


def classify_header(label: str) -> Column | None:
    """The kind of column a header label names, or None.

    >>> [classify_header(s) for s in ("กิจกรรม/โครงการ", "น้ำหนัก (ร้อยละ)",
    ...     "ร้อยละความก้าวหน้า", "ผลการดำเนินงาน (ร้อยละ)", "บรรลุวัตถุประสงค์", "ต.ค. 49",
    ...     "ผู้รับผิดชอบ", "ตัวชี้วัดความสำเร็จ", "ลำดับ", "หมายเหตุ")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [<Column.NAME: 'name'>, <Column.WEIGHT: 'weight'>, <Column.PERCENT: 'percent'>,
     <Column.PERCENT: 'percent'>, <Column.ACHIEVED: 'achieved'>, <Column.MONTH: 'month'>,
     <Column.RESPONSIBLE: 'responsible'>, <Column.TARGET: 'target'>, <Column.NUMBER: 'number'>,
     None]
    """
    s = squash(label)
    if not s:
        return None
    if s in {"ที่", "ลำดับ", "ลำดับที่", "no", "no.", "#", "item"}:
        return Column.NUMBER
    if _MONTH_RE.match(s):
        return Column.MONTH
    for column, words in _RULES:
        if any(w in s for w in words):
            return column
    return None


_TOTAL_PREFIXES = ("รวม", "ผลรวม", "total", "sum", "เฉลี่ย", "ค่าเฉลี่ย", "ร้อยละเฉลี่ย", "average")


def is_total_label(text: str) -> bool:
    """A totals row's label: รวม, ผลรวม, Total, ค่าเฉลี่ย ...

    >>> is_total_label("รวม"), is_total_label(" Total "), is_total_label("รวบรวมข้อมูล")
    (True, True, False)
    """
    s = squash(text)
    if s.startswith("รวบรวม"):
        return False
    return any(s.startswith(p) for p in _TOTAL_PREFIXES)


def join_cell(first: str, second: str) -> str:
    """Two parts of one cell's text (a row split by a page break): Thai joins Thai without a
    space, anything else with one.

    >>> join_cell("เปิดบริการตรวจสอบ", "คิวทางเว็บไซต์"), join_cell("ก.พ. - พ.ค.", "50")
    ('เปิดบริการตรวจสอบคิวทางเว็บไซต์', 'ก.พ. - พ.ค. 50')
    >>> join_cell("กองการเจ้าหน้าที่ /", "กลุ่มสารสนเทศ"), join_cell("-", "ข")
    ('กองการเจ้าหน้าที่ / กลุ่มสารสนเทศ', 'ข')
    """
    a, b = first.strip(), second.strip()
    if is_placeholder(a) or is_placeholder(b):
        return b if is_placeholder(a) and not is_placeholder(b) else a
    thai = "\u0e01" <= a[-1] <= "\u0e4e" and "\u0e01" <= b[0] <= "\u0e4e"
    return a + b if thai else f"{a} {b}"
