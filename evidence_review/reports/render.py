"""Render an :class:`~reports.official.OfficialReport` as Markdown, HTML or JSON (Thai first)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from html import escape
from pathlib import Path

from evidence_review.reports.cells import md_text
from evidence_review.reports.official import DRAFT_LABEL, HEADERS, ROLE_TH, OfficialReport

CSS = Path(__file__).with_name("official.css")


def mark(value: bool | None, confirmed: bool = True) -> str:
    """✓ / ✗ / ? for a decision; unconfirmed values get a trailing '*'.

    >>> mark(True), mark(False, confirmed=False), mark(None)
    ('✓', '✗*', '?')
    """
    if value is None:
        return "?"
    return ("✓" if value else "✗") + ("" if confirmed else "*")


#: Thailand's time (UTC+7 all year, no daylight saving).
BANGKOK = timezone(timedelta(hours=7), "Asia/Bangkok")
THAI_MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
               "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")


def thai_datetime(iso: str) -> str:
    """An ISO time as a Thai date in the Buddhist era, Bangkok time.

    >>> thai_datetime("2026-12-05T20:30:00+00:00")
    '6 ธันวาคม พ.ศ. 2569 เวลา 03:30 น.'
    """
    try:
        dt = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    dt = (dt if dt.tzinfo else dt.replace(tzinfo=UTC)).astimezone(BANGKOK)
    return f"{dt.day} {THAI_MONTHS[dt.month - 1]} พ.ศ. {dt.year + 543} เวลา {dt:%H:%M} น."


def agency_line(r: OfficialReport) -> str:
    """Who the report is about: the agency's name with the submission id, or the id."""
    return f"{r.agency} ({r.submission})" if r.agency else r.submission


def team_line(r: OfficialReport) -> str | None:
    """Who reviewed, who adjudicated and the agreement, as one line (None before any
    decision)."""
    t = r.review_team
    if t is None or not t.reviewers:
        return None
    line = f"ผู้ตรวจ (reviewed by): {', '.join(t.reviewers)}"
    if t.double:
        line += " (ตรวจสองคน double review)"
    if t.adjudicators:
        line += f" · ผู้ชี้ขาด (adjudicated by): {', '.join(t.adjudicators)}"
    if t.double and t.agreement is not None:
        kappa = "-" if t.kappa is None else f"{t.kappa:.3f}"
        line += (f" · ความสอดคล้อง (agreement): {t.agreement:.1%} จาก {t.items} รายการ, "
                 f"kappa {kappa}")
    return line


def counted_first(r: OfficialReport) -> list:
    """Documents whose sub-issues count (review summary, action plan) before the others."""
    return sorted(r.documents, key=lambda d: not d.counted)


def progress_totals(activities: list[dict]) -> list[str] | None:
    """The progress table's totals row: Σ weight, weighted average percent, and the weight
    share of activities that achieved their objective; None without figures.

    >>> progress_totals([{"weight": "40", "percent": "80", "achieved": True},
    ...                  {"weight": "60", "percent": "100", "achieved": False}])
    ['รวม (total)', '100', '92', 'ร้อยละ 40 (weighted)']
    """
    if not activities:
        return None
    try:
        weights = [Decimal(a["weight"]) if a.get("weight") not in (None, "") else None
                   for a in activities]
        percents = [Decimal(a["percent"]) if a.get("percent") not in (None, "") else None
                    for a in activities]
    except InvalidOperation:
        return None
    if any(w is None for w in weights) or not sum(w for w in weights if w is not None):
        return ["รวม (total)", "-", "-", "-"]
    zero = Decimal(0)
    total = sum((w for w in weights if w is not None), zero)
    done = sum(((w or zero) * (p or zero) for w, p in zip(weights, percents, strict=True)),
               zero) / total
    achieved = sum(((w or zero) for w, a in zip(weights, activities, strict=True)
                    if a.get("achieved")), zero) * 100 / total
    return ["รวม (total)", _num(total), _num(done), f"ร้อยละ {_num(achieved)} (weighted)"]


def _num(x: Decimal) -> str:
    return format(x.quantize(Decimal("0.01")).normalize(), "f")


def _pages(pages: list[int]) -> str:
    return ", ".join(str(p) for p in pages) if pages else "-"


class _Md(str):
    """Markdown the report itself wrote (marks, bold): put into a cell as it is."""


def _md_cell(text: object) -> str:
    """A table cell: the report's own markdown as is, any other text escaped (a document or a
    reviewer cannot add markup, images or links)."""
    return text if isinstance(text, _Md) else md_text(text)


def _md_table(header: list[str], rows: list[list[object]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows]
    return out


def to_markdown(r: OfficialReport) -> str:
    lines: list[str] = []
    if r.draft:
        lines += [f"> **{DRAFT_LABEL}** — มีรายการที่ยังไม่ได้รับการยืนยัน "
                  "(unconfirmed items are counted as proposed, marked *)", ""]
    lines += [f"# รายงานผลการประเมินตัวชี้วัด: {md_text(r.indicator_th)}", "",
              f"ส่วนราชการ (agency): **{md_text(agency_line(r))}** · ปีงบประมาณ พ.ศ. "
              f"{r.fiscal_year_be} · เกณฑ์ (rubric) {md_text(r.rubric_id)} · จัดทำเมื่อ "
              f"{thai_datetime(r.generated_at)}", ""]
    if team_line(r):
        lines += [md_text(team_line(r) or ""), ""]
    lines += ["## การคำนวณคะแนนจากผลการดำเนินงาน (score)", ""]
    lines += _md_table(list(HEADERS), [
        [_Md(f"**{md_text(f.label)}**") if f.total else f.label, f.weight, f.result, f.score,
         f.weighted]
        for f in r.form])
    notes = [n for c in r.score.criteria for n in (f"เกณฑ์ {c.id}: {x}" for x in c.notes)]
    notes += r.score.notes
    if notes:
        lines += ["", "หมายเหตุ (notes):", *[f"- {md_text(n)}" for n in notes]]
    lines += ["", "นโยบายการคิดคะแนน (policies used):",
              *[f"- {md_text(p)}" for p in r.policies]]
    if r.missing:
        lines += ["", "รายการที่ยังไม่ได้รับการยืนยัน (not confirmed):",
                  *[f"- {md_text(m)}" for m in r.missing]]
    lines += ["", "## ผลการพิจารณาเอกสาร (documents and sub-issues)"]
    for d in counted_first(r):
        role = ROLE_TH[d.role] + ("" if d.role_confirmed else " *")
        lines += ["", f"### {md_text(d.path)}", "",
                  f"ประเภท (role): {role} · {md_text(d.format)}, {d.pages} หน้า, "
                  f"{md_text(d.status)}" + (f" — {md_text(d.error)}" if d.error else "")]
        if not d.counted:
            lines.append("")
            lines.append("(ประเด็นย่อยของเอกสารนี้ไม่นำมาคิดคะแนน: sub-issues not counted "
                         "for this role)")
        lines.append("")
        lines += _md_table(
            ["ประเด็นย่อย", "หัวข้อ", "ผล", "เสนอ (proposal)", "ผู้ตรวจ (reviewer)",
             "เหตุผล (reason)", "หน้า (pages)"],
            [[s.id, s.title_th, _Md(mark(s.value, s.confirmed)),
              _Md(f"{mark(s.proposed)} {s.confidence:.2f}") if s.confidence is not None
              else "-",
              s.reviewer or "-", s.reason or "-", _pages(s.pages)] for s in d.subissues])
        if d.role.value == "plan":
            lines += ["", "ระบุส่วนที่พัฒนาเพิ่มเติมจากปีงบประมาณ พ.ศ. 2549 (beyond FY 2549): "
                      + mark(d.improvement, d.improvement_confirmed)]
    lines += ["", "## ความครบถ้วนของแผนปฏิบัติการ (action-plan completeness)"]
    if not r.completeness:
        lines += ["", "ไม่มีแผนปฏิบัติการที่ตรวจได้ (no action plan analysed)"]
    for c in r.completeness:
        lines += ["", f"### {md_text(c.path)}", ""]
        if c.table_found:
            lines += _md_table(
                ["กิจกรรม", "ผู้รับผิดชอบ", "ช่วงเวลา", "วัตถุประสงค์ที่วัดได้", "ผลลัพธ์", "หน้า"],
                [[a["name"], *(_Md(mark(a[k])) for k in ("responsible", "period",
                                                          "measurable_objective",
                                                          "expected_result")), a["page"]]
                 for a in c.activities])
        lines += ["", "ข้อสังเกต (findings):",
                  *([f"- {md_text(f)}" for f in c.findings] or ["- ครบถ้วน (complete)"])]
        lines += [f"- {md_text(n)}" for n in c.notes]
    p = r.progress
    lines += ["", "## ผลการดำเนินงานตามแผน (progress figures)", "",
              ("ยืนยันแล้ว (confirmed)" + (f" โดย {md_text(p.reviewer)}" if p.reviewer else ""))
              if p.confirmed else "ยังไม่ได้รับการยืนยัน (proposed, not confirmed) *",
              ""]
    if p.source:
        lines += [f"ที่มา (source): {md_text(p.source)}", ""]
    lines += _md_table(["กิจกรรม", "น้ำหนัก", "ร้อยละที่ดำเนินการ", "บรรลุวัตถุประสงค์"],
                       [[a["name"], a["weight"] or "ไม่ระบุ (missing)",
                         a["percent"] or "ไม่ระบุ (missing)", _Md(mark(a["achieved"]))]
                        for a in p.activities] or [["-", "-", "-", "-"]])
    totals = progress_totals(p.activities)
    if totals:
        lines.append("| " + " | ".join(f"**{md_text(c)}**" for c in totals) + " |")
    if p.notes:
        lines += ["", "ค่าที่ขาดและวิธีการคิด (missing values and how they were treated):",
                  *[f"- {md_text(n)}" for n in p.notes]]
    if r.draft:
        lines += ["", f"> **{DRAFT_LABEL}**"]
    return "\n".join(lines) + "\n"


def _html_table(header: list[str], rows: list[list[str]], classes: list[str] | None = None,
                row_classes: list[str] | None = None) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = []
    for i, r in enumerate(rows):
        rc = f' class="{row_classes[i]}"' if row_classes and row_classes[i] else ""
        cells = "".join(
            f'<td class="{classes[j]}">{c}</td>' if classes and classes[j] else f"<td>{c}</td>"
            for j, c in enumerate(r))
        body.append(f"<tr{rc}>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _hmark(value: bool | None, confirmed: bool = True) -> str:
    cls = "unconfirmed" if not confirmed or value is None else ("yes" if value else "no")
    return f'<span class="{cls}">{escape(mark(value, confirmed))}</span>'


def to_html(r: OfficialReport) -> str:
    e = escape
    parts: list[str] = []
    if r.draft:
        parts.append(f'<div class="draft-banner">{e(DRAFT_LABEL)} — มีรายการที่ยังไม่ได้รับการยืนยัน '
                     "(unconfirmed items counted as proposed, marked *)</div>")
    parts.append(f"<h1>รายงานผลการประเมินตัวชี้วัด: {e(r.indicator_th)}</h1>")
    parts.append(f'<p class="small">ส่วนราชการ (agency): <b>{e(agency_line(r))}</b> · '
                 f"ปีงบประมาณ พ.ศ. {r.fiscal_year_be} · เกณฑ์ (rubric) {e(r.rubric_id)} · "
                 f"จัดทำเมื่อ {e(thai_datetime(r.generated_at))}</p>")
    if team_line(r):
        parts.append(f'<p class="small">{e(team_line(r) or "")}</p>')
    parts.append("<h2>การคำนวณคะแนนจากผลการดำเนินงาน</h2>")
    parts.append(_html_table(
        list(HEADERS),
        [[e(f.label), e(f.weight), e(f.result), e(f.score), e(f.weighted)] for f in r.form],
        classes=["", "num", "num", "num", "num"],
        row_classes=["total" if f.total else "" for f in r.form]))
    notes = [f"เกณฑ์ {c.id}: {n}" for c in r.score.criteria for n in c.notes] + r.score.notes
    if notes:
        parts.append("<p>หมายเหตุ (notes):</p><ul>"
                     + "".join(f"<li>{e(n)}</li>" for n in notes) + "</ul>")
    parts.append("<p>นโยบายการคิดคะแนน (policies used):</p><ul>"
                 + "".join(f"<li>{e(p)}</li>" for p in r.policies) + "</ul>")
    if r.missing:
        parts.append("<p>รายการที่ยังไม่ได้รับการยืนยัน (not confirmed):</p><ul>"
                     + "".join(f"<li>{e(m)}</li>" for m in r.missing) + "</ul>")
    parts.append("<h2>ผลการพิจารณาเอกสาร (documents and sub-issues)</h2>")
    for d in counted_first(r):
        role = ROLE_TH[d.role] + ("" if d.role_confirmed else " *")
        parts.append(f"<h3>{e(d.path)}</h3><p>ประเภท (role): {e(role)} · {e(d.format)}, "
                     f"{d.pages} หน้า, {e(d.status)}"
                     + (f" — {e(d.error)}" if d.error else "") + "</p>")
        if not d.counted:
            parts.append('<p class="small">ประเด็นย่อยของเอกสารนี้ไม่นำมาคิดคะแนน '
                         "(sub-issues not counted for this role)</p>")
        parts.append(_html_table(
            ["ประเด็นย่อย", "หัวข้อ", "ผล", "เสนอ", "ผู้ตรวจ", "เหตุผล", "หน้า"],
            [[e(s.id), e(s.title_th), _hmark(s.value, s.confirmed),
              f"{e(mark(s.proposed))} {s.confidence:.2f}" if s.confidence is not None else "-",
              e(s.reviewer or "-"), e(s.reason or "-"), e(_pages(s.pages))]
             for s in d.subissues]))
        if d.role.value == "plan":
            parts.append("<p>ระบุส่วนที่พัฒนาเพิ่มเติมจากปีงบประมาณ พ.ศ. 2549: "
                         + _hmark(d.improvement, d.improvement_confirmed) + "</p>")
    parts.append("<h2>ความครบถ้วนของแผนปฏิบัติการ (action-plan completeness)</h2>")
    if not r.completeness:
        parts.append("<p>ไม่มีแผนปฏิบัติการที่ตรวจได้ (no action plan analysed)</p>")
    for c in r.completeness:
        parts.append(f"<h3>{e(c.path)}</h3>")
        if c.table_found:
            parts.append(_html_table(
                ["กิจกรรม", "ผู้รับผิดชอบ", "ช่วงเวลา", "วัตถุประสงค์ที่วัดได้", "ผลลัพธ์", "หน้า"],
                [[e(a["name"]), _hmark(a["responsible"]), _hmark(a["period"]),
                  _hmark(a["measurable_objective"]), _hmark(a["expected_result"]),
                  str(a["page"])] for a in c.activities]))
        items = c.findings or ["ครบถ้วน (complete)"]
        parts.append("<p>ข้อสังเกต (findings):</p><ul>"
                     + "".join(f"<li>{e(f)}</li>" for f in items + c.notes) + "</ul>")
    p = r.progress
    state = (("ยืนยันแล้ว (confirmed)" + (f" โดย {p.reviewer}" if p.reviewer else ""))
             if p.confirmed else "ยังไม่ได้รับการยืนยัน (proposed, not confirmed) *")
    parts.append(f"<h2>ผลการดำเนินงานตามแผน (progress figures)</h2><p>{e(state)}"
                 + (f" · ที่มา (source): {e(p.source)}" if p.source else "") + "</p>")
    rows = [[e(a["name"]), e(a["weight"] or "ไม่ระบุ (missing)"),
             e(a["percent"] or "ไม่ระบุ (missing)"), _hmark(a["achieved"])]
            for a in p.activities] or [["-", "-", "-", "-"]]
    totals = progress_totals(p.activities)
    parts.append(_html_table(
        ["กิจกรรม", "น้ำหนัก", "ร้อยละที่ดำเนินการ", "บรรลุวัตถุประสงค์"],
        rows + ([[e(c) for c in totals]] if totals else []),
        classes=["", "num", "num", ""],
        row_classes=[""] * len(rows) + (["total"] if totals else [])))
    if p.notes:
        parts.append("<p>ค่าที่ขาดและวิธีการคิด (missing values and how they were treated):</p>"
                     "<ul>" + "".join(f"<li>{e(n)}</li>" for n in p.notes) + "</ul>")
    css = CSS.read_text(encoding="utf-8")
    if r.draft:  # on every printed page, not only the first
        css += (f'@page {{ @top-center {{ content: "{DRAFT_LABEL}"; color: #b00020; '
                "font-size: 14pt; font-weight: bold; } }\n")
    title = f"{agency_line(r)} — {r.indicator_th}" + (f" — {DRAFT_LABEL}" if r.draft else "")
    body_class = ' class="draft"' if r.draft else ""  # a hook for user stylesheets
    return ("<!DOCTYPE html>\n<html lang=\"th\"><head><meta charset=\"utf-8\">"
            f"<title>{e(title)}</title><style>{css}</style></head>"
            f"<body{body_class}>{''.join(parts)}</body></html>\n")


def to_json(r: OfficialReport) -> str:
    return json.dumps(r.to_json_dict(), ensure_ascii=False, indent=2) + "\n"
