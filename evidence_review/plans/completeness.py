"""Action-plan completeness: does every activity name who, when, a measurable objective and
an expected result? (The form asks for all four; each miss is a finding for the reviewer.)"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from evidence_review.extractors.model import Document
from evidence_review.plans.cells import Column, activity_name, arabic_digits, is_placeholder, squash
from evidence_review.plans.tables import find_activity_rows

PLAN_COLUMNS = {Column.RESPONSIBLE, Column.PERIOD, Column.MONTH, Column.OBJECTIVE,
                Column.TARGET, Column.RESULT}

#: What each check is called in findings (Thai first).
CHECKS: dict[str, str] = {
    "responsible": "ผู้รับผิดชอบ (responsible person or unit)",
    "period": "ช่วงเวลาดำเนินการ (period)",
    "measurable_objective": "วัตถุประสงค์ที่วัดได้ (measurable objective: a number, percent or count)",
    "expected_result": "ผลลัพธ์ที่คาดว่าจะได้รับ (expected result)",
}

_YEAR = re.compile(r"(?:พ\.?\s?ศ\.?\s*)?\b25\d\d\b|\b(?:19|20)\d\d\b")
_NUMBERING = re.compile(r"(?m)^\s*\(?(?:\d+(?:\.\d+)+\.?|\d+[.)])\s+")
#: A number, a percent, or a whole-population target (ทุกคน, ทุกวัน, ครบทุก...): all measurable.
_MEASURE = re.compile(r"\d|ร้อยละ|%|ครบ|ทุก\s*\S|ทั้งหมด|100")
_UNIT = re.compile(r"กอง|สำนัก|ศูนย์|ฝ่าย|กลุ่ม|แผนก|คณะทำงาน|คณะกรรมการ|นาย|นาง|เจ้าหน้าที่|ผู้อำนวยการ"
                   r"|หัวหน้า|CIO", re.IGNORECASE)
_WHEN = re.compile(r"ต\.ค\.|พ\.ย\.|ธ\.ค\.|ม\.ค\.|ก\.พ\.(?!ร)|มี\.ค\.|เม\.ย\.|พ\.ค\.|มิ\.ย\.|ก\.ค\.|"
                   r"ส\.ค\.|ก\.ย\.|ไตรมาส|ตุลาคม|พฤศจิกายน|ธันวาคม|มกราคม|กุมภาพันธ์|มีนาคม|"
                   r"เมษายน|พฤษภาคม|มิถุนายน|กรกฎาคม|สิงหาคม|กันยายน|ตลอดปี|\b25\d\d\b")


def is_measurable(text: str | None) -> bool:
    """An objective or target with a number, percent or count (years and list numbers
    do not count).

    >>> is_measurable("ร้อยละ ๘๐ ของบุคลากรผ่านการอบรม"), is_measurable("1. เพื่อพัฒนาระบบ")
    (True, False)
    >>> is_measurable("ระบบแล้วเสร็จภายในปี พ.ศ. 2550"), is_measurable("จำนวน 2 ระบบ")
    (False, True)
    >>> is_measurable("24 จังหวัดบันทึกได้เอง"), is_measurable("1.2 เพื่อให้ผู้ใช้พอใจ")
    (True, False)
    >>> is_measurable("ผู้ใช้ทุกคนมีรหัสของตนเอง"), is_measurable("ป้องกันข้อมูลสูญหาย")
    (True, False)
    """
    if is_placeholder(text):
        return False
    clean = _NUMBERING.sub(" ", arabic_digits(text or ""))
    clean = _YEAR.sub(" ", clean)
    return bool(_MEASURE.search(clean))


_INDICATOR = ("ตัวชี้วัด", "kpi", "indicator")
_TARGET_VALUE = ("เป้าหมาย", "ค่าเป้าหมาย", "target")


def target_value_columns(labels: dict[int, str], target_cols: list[int]) -> list[int]:
    """The columns holding target values when a plan gives them apart from its indicators
    (ตัวชี้วัด | เป้าหมาย): a row must fill one of them for its objective to be measurable.
    Empty when indicator and target share a column (ตัวชี้วัด/เป้าหมาย) or one is missing.

    >>> target_value_columns({3: "ตัวชี้วัด", 4: "เป้าหมาย"}, [3, 4])
    [4]
    >>> target_value_columns({3: "ตัวชี้วัด/เป้าหมาย"}, [3]), target_value_columns({4: "เป้าหมาย"}, [4])
    ([], [])
    """
    def has(col: int, words: tuple[str, ...]) -> bool:
        label = squash(labels.get(col, ""))
        return any(w in label for w in words)

    values = [c for c in target_cols if has(c, _TARGET_VALUE) and not has(c, _INDICATOR)]
    indicators = [c for c in target_cols if has(c, _INDICATOR)]
    return values if values and indicators else []


class PlanActivity(BaseModel):
    """The four checks for one plan activity (True = stated)."""

    name: str
    page: int
    responsible: bool
    period: bool
    measurable_objective: bool
    expected_result: bool

    @property
    def missing(self) -> list[str]:
        return [k for k in CHECKS if not getattr(self, k)]


class PlanCompleteness(BaseModel):
    """Findings for an action plan. ``table_found`` False means no activity table was seen."""

    table_found: bool
    activities: list[PlanActivity] = Field(default_factory=list)
    columns: dict[str, str] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.table_found and all(not a.missing for a in self.activities)

    def findings(self) -> list[str]:
        """One line per gap, Thai first, naming the activity."""
        if not self.table_found:
            return ["ไม่พบตารางกิจกรรมในแผนปฏิบัติการ (no activity table found in the plan)"]
        return [f"'{a.name}' (หน้า {a.page}): ไม่ระบุ{CHECKS[m]}"
                for a in self.activities for m in a.missing]


def check_plan(doc: Document) -> PlanCompleteness:
    """Check every activity of an action plan's activity table.

    A check is met by a non-empty cell in its column (responsible, period or a marked month
    column, objective/target with a number, expected result); when the plan has no such
    column the activity's other cells are searched for a unit name, a month or year.
    """
    found = find_activity_rows(doc, PLAN_COLUMNS, min_wanted=2)
    if found is None:
        return PlanCompleteness(table_found=False,
                                notes=["no activity table with responsible/period/objective "
                                       "columns found"])
    layout = found.layout
    name_col = layout.first(Column.NAME)
    value_cols = target_value_columns(layout.labels, layout.all(Column.TARGET))
    out: list[PlanActivity] = []
    for row in found.rows:
        cells = row.cells

        def cell(col: int | None, cells: list[str] = cells, words: bool = True) -> str | None:
            """The cell's text; None when empty, a placeholder or (``words``) only stray
            punctuation, as OCR reads a dash."""
            if col is None or col >= len(cells) or is_placeholder(cells[col]):
                return None
            if words and not any(ch.isalnum() for ch in cells[col]):
                return None
            return cells[col]

        name = cell(name_col)
        if not name or sum(not is_placeholder(c) for c in cells) < 2:
            continue  # no activity, or a line of the row above spilled over (PDF tables)
        whole = " ".join(c for i, c in enumerate(cells) if i != name_col)
        resp_cols = layout.all(Column.RESPONSIBLE)
        responsible = (any(cell(c) for c in resp_cols) if resp_cols
                       else bool(_UNIT.search(whole)))
        period_cols = layout.all(Column.PERIOD) + layout.all(Column.MONTH)
        period = (any(cell(c, words=False) for c in period_cols) if period_cols
                  else bool(_WHEN.search(whole)))
        measure_cols = layout.all(Column.TARGET) + layout.all(Column.OBJECTIVE)
        measurable = any(is_measurable(cell(c)) for c in measure_cols)
        if value_cols and not any(cell(c) for c in value_cols):
            measurable = False  # an indicator without its target value measures nothing yet
        result_cols = layout.all(Column.RESULT) or measure_cols
        expected = any(cell(c) for c in result_cols)
        out.append(PlanActivity(name=activity_name(name), page=row.page,
                                responsible=responsible, period=period,
                                measurable_objective=measurable, expected_result=expected))
    notes = list(found.skipped)
    if Column.RESPONSIBLE not in layout.kinds:
        notes.append("no responsible column in the plan's table: unit names searched in the row")
    if Column.RESULT not in layout.kinds:
        notes.append("no expected-result column (ผลผลิต/ผลลัพธ์): the objective/target column "
                     "was read as the expected result")
    if not (layout.kinds & {Column.OBJECTIVE, Column.TARGET}):
        notes.append("no objective or target column in the plan's table")
    columns = {layout.columns[c].value: lab for c, lab in layout.labels.items()
               if c in layout.columns}
    return PlanCompleteness(table_found=True, activities=out, columns=columns, notes=notes)
