"""The official-form report as an Excel workbook (openpyxl), one sheet per section."""

from __future__ import annotations

import io
from pathlib import Path

from evidence_review.reports.cells import xlsx_as_text
from evidence_review.reports.official import DRAFT_LABEL, HEADERS, ROLE_TH, OfficialReport
from evidence_review.reports.render import mark

FONT = "TH Sarabun New"  # Excel substitutes a Thai font where this one is missing


def write_xlsx(r: OfficialReport, path: Path, *, force: bool = False) -> None:
    """Write the report to ``path`` through :mod:`evidence_review.outputs` (an existing file
    only with ``force``; raises :class:`~evidence_review.outputs.OutputError`)."""
    from evidence_review.outputs import write_bytes

    write_bytes(path, xlsx_bytes(r), force=force)


def xlsx_bytes(r: OfficialReport) -> bytes:
    """The report as an XLSX file (sheets: สรุปคะแนน, ประเด็นย่อย, ความครบถ้วนของแผน,
    ผลการดำเนินงาน). A draft says so in the first row and the header of every sheet. Every
    cell is a value: text that looks like a formula is stored as text."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    bold = Font(name=FONT, bold=True, size=14)
    normal = Font(name=FONT, size=14)
    head_fill = PatternFill("solid", fgColor="EEEEEE")

    def sheet(title: str, header: list[str], rows: list[list[object]], widths: list[int]):
        ws = wb.create_sheet(title)
        if r.draft:
            ws.append([DRAFT_LABEL])
            ws.cell(row=ws.max_row, column=1).font = Font(name=FONT, bold=True, size=14,
                                                          color="B00020")
            ws.oddHeader.center.text = DRAFT_LABEL
        ws.append([f"{r.submission} — {r.indicator_th}"])
        ws.cell(row=ws.max_row, column=1).font = bold
        ws.append(header)
        for c in ws[ws.max_row]:
            c.font, c.fill = bold, head_fill
        for row in rows:
            ws.append(row)
            for c in ws[ws.max_row]:
                c.font = normal
                c.alignment = Alignment(wrap_text=True, vertical="top")
        for i, w in enumerate(widths):
            ws.column_dimensions[chr(ord("A") + i)].width = w
        return ws

    def number(text: str) -> object:
        try:
            return float(text)
        except ValueError:
            return text

    ws = sheet("สรุปคะแนน", list(HEADERS),
               [[f.label, number(f.weight), f.result, number(f.score), number(f.weighted)]
                for f in r.form], [70, 16, 22, 16, 20])
    for row in ws.iter_rows(min_row=ws.max_row - len(r.form) + 1, max_row=ws.max_row):
        for c in row[3:5]:
            c.number_format = "0.0000"
    ws.append([])
    ws.append(["นโยบายการคิดคะแนน (policies used)"])
    for policy in r.policies:
        ws.append([policy])
    for n in [f"เกณฑ์ {c.id}: {x}" for c in r.score.criteria for x in c.notes] + r.score.notes:
        ws.append([f"หมายเหตุ: {n}"])
    for m in r.missing:
        ws.append([f"ยังไม่ได้รับการยืนยัน: {m}"])
    del wb["Sheet"]
    sheet("ประเด็นย่อย", ["เอกสาร", "ประเภท", "ประเด็นย่อย", "หัวข้อ", "ผล", "เสนอ", "ความมั่นใจ",
                          "ผู้ตรวจ", "เหตุผล", "หน้า"],
          [[d.path, ROLE_TH[d.role] + ("" if d.role_confirmed else " *"), s.id, s.title_th,
            mark(s.value, s.confirmed), mark(s.proposed), s.confidence, s.reviewer or "",
            s.reason or "", ", ".join(map(str, s.pages))]
           for d in r.documents for s in d.subissues],
          [28, 30, 10, 40, 6, 6, 10, 14, 30, 10])
    sheet("ความครบถ้วนของแผน", ["เอกสาร", "กิจกรรม", "ผู้รับผิดชอบ", "ช่วงเวลา",
                                "วัตถุประสงค์ที่วัดได้", "ผลลัพธ์", "หน้า"],
          [[c.path, a["name"], mark(a["responsible"]), mark(a["period"]),
            mark(a["measurable_objective"]), mark(a["expected_result"]), a["page"]]
           for c in r.completeness for a in c.activities]
          + [[c.path, f] for c in r.completeness for f in c.findings],
          [28, 40, 12, 12, 18, 12, 8])
    p = r.progress
    ws = sheet("ผลการดำเนินงาน", ["กิจกรรม", "น้ำหนัก", "ร้อยละที่ดำเนินการ", "บรรลุวัตถุประสงค์"],
               [[a["name"], number(a["weight"]) if a["weight"] else "ไม่ระบุ",
                 number(a["percent"]) if a["percent"] else "ไม่ระบุ", mark(a["achieved"])]
                for a in p.activities], [45, 12, 18, 18])
    ws.append([])
    ws.append(["ยืนยันแล้ว (confirmed)" if p.confirmed else "ยังไม่ได้รับการยืนยัน (proposed)"])
    for n in p.notes:
        ws.append([n])
    xlsx_as_text(wb)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
