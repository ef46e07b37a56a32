"""``report --all``: one row per agency in the store (criteria scores, total, status), as
XLSX and CSV. Incomplete submissions are listed with what is missing, never scored."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pydantic import BaseModel

from evidence_review.outputs import check_folder, write_bytes
from evidence_review.reports.cells import csv_cell, xlsx_as_text
from evidence_review.review.state import review_state, score_inputs
from evidence_review.rubric.model import Rubric
from evidence_review.scoring import score
from evidence_review.store.db import Store


class SummaryRow(BaseModel):
    submission: str
    status: str  # confirmed | incomplete
    criteria: list[str]  # score texts, "" when incomplete
    score: str
    weighted_score: str
    missing: int
    first_missing: str
    agency: str = ""  # the agency's name (set by hand, else read from the documents)


def summary_rows(store: Store, rubric: Rubric) -> list[SummaryRow]:
    from evidence_review.store.agency import agency_name

    rows: list[SummaryRow] = []
    for sub in store.submissions():
        st = review_state(store, sub.id, rubric)
        agency = agency_name(store.engine, sub.id) or ""
        if st.missing:
            rows.append(SummaryRow(submission=sub.id, status="incomplete",
                                   criteria=[""] * len(rubric.criteria), score="",
                                   weighted_score="", missing=len(st.missing),
                                   first_missing=st.missing[0], agency=agency))
            continue
        i = score_inputs(st)
        r = score(rubric, i.review_count, i.plan_count, i.improvement, i.activities)
        rows.append(SummaryRow(submission=sub.id, status="confirmed",
                               criteria=[r.fmt(c.score) for c in r.criteria],
                               score=r.fmt(r.score), weighted_score=r.fmt(r.weighted_score),
                               missing=0, first_missing="", agency=agency))
    return rows


def header(rubric: Rubric) -> list[str]:
    return (["ส่วนราชการ (submission)", "สถานะ (status)"]
            + [f"เกณฑ์ {c.id} (criterion {c.id})" for c in rubric.criteria]
            + ["ค่าคะแนนที่ได้ (score)", "ค่าคะแนนถ่วงน้ำหนัก (weighted score)",
               "ยังไม่ยืนยัน (unconfirmed items)", "รายการแรกที่ยังไม่ยืนยัน (first missing)",
               "ชื่อส่วนราชการ (agency)"])


def _values(r: SummaryRow) -> list[str | int]:
    return [r.submission, r.status, *r.criteria, r.score, r.weighted_score, r.missing,
            r.first_missing, r.agency]


def write_summary(store: Store, rubric: Rubric, out: Path, *, force: bool = False
                  ) -> tuple[Path, Path, list[SummaryRow]]:
    """Write ``summary.xlsx`` and ``summary.csv`` (UTF-8 with BOM, so Excel reads Thai) to
    ``out``; returns their paths and the rows. Existing summaries are replaced only with
    ``force`` (:class:`~evidence_review.outputs.OutputError` otherwise, before either is
    written); no cell is ever a formula."""
    from evidence_review.outputs import check_target

    check_folder(out)
    csv_path, xlsx_path = out / "summary.csv", out / "summary.xlsx"
    for target in (csv_path, xlsx_path):
        check_target(target, force=force)
    rows = summary_rows(store, rubric)
    text = io.StringIO(newline="")
    w = csv.writer(text)
    w.writerow([csv_cell(v) for v in header(rubric)])
    w.writerows([csv_cell(v) for v in _values(r)] for r in rows)
    write_bytes(csv_path, text.getvalue().encode("utf-8-sig"), force=force)
    write_bytes(xlsx_path, _xlsx(rubric, rows), force=force)
    return xlsx_path, csv_path, rows


def _xlsx(rubric: Rubric, rows: list[SummaryRow]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "สรุปรายส่วนราชการ"
    ws.append(header(rubric))
    for c in ws[1]:
        c.font = Font(bold=True)
    for r in rows:
        values = _values(r)
        ws.append([_num(v) for v in values])
    for col, width in zip("ABCDEFGHIJK", (28, 12, 10, 10, 10, 10, 14, 16, 12, 50, 40),
                          strict=False):
        ws.column_dimensions[col].width = width
    xlsx_as_text(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _num(v: str | int) -> str | int | float:
    if isinstance(v, str) and v and v.replace(".", "", 1).isdigit():
        return float(v)
    return v
