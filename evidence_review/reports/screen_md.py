"""The Markdown pre-screen report of one submission (Thai first, labelled unconfirmed)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from evidence_review.reports.cells import md_code, md_text

if TYPE_CHECKING:
    from evidence_review.models.screening import ScreenedDocument
    from evidence_review.rubric.model import Rubric

LABEL_TH = "ผลคัดกรองเบื้องต้น — ยังไม่ได้รับการยืนยัน"
LABEL_EN = "Pre-screen result — unconfirmed"
ROLE_TH = {"review": "สรุปผลการทบทวนและวิเคราะห์", "plan": "แผนปฏิบัติการ",
           "progress": "รายงานผลการดำเนินงาน", "other": "เอกสารประกอบ"}
STATUS_TH = {"success": "อ่านได้", "partial": "อ่านได้บางส่วน", "failure": "อ่านไม่ได้"}


def _cell(text: str) -> str:
    """Document text, names and reasons as Markdown text: one line, markup and links escaped
    (:func:`reports.cells.md_text`)."""
    return md_text(text)


def mark(proposed: bool, confidence: float) -> str:
    """✓ or ✗ with the confidence, as in the terminal table.

    >>> mark(True, 0.912), mark(False, 0.5)
    ('✓ 0.91', '✗ 0.50')
    """
    return f"{'✓' if proposed else '✗'} {confidence:.2f}"


def render(submission: str, docs: Sequence[ScreenedDocument], rubric: Rubric,
           provisional: dict[str, Any] | None = None) -> str:
    """The Markdown report: documents x sub-issues, then the evidence a reviewer checks."""
    sids = rubric.subissue_ids
    out = [f"# {LABEL_TH}", "", f"*{LABEL_EN}* · ส่วนราชการ / submission: **{_cell(submission)}** · "
           f"เกณฑ์ / rubric: {md_code(rubric.id)}", "",
           "> ข้อเสนอจากโปรแกรม ต้องให้ผู้ประเมินตรวจสอบและยืนยันก่อนใช้ "
           "(proposals only: a reviewer must confirm them).", "",
           "## เอกสาร / Documents", "",
           "| เอกสาร / file | บทบาท / role | สถานะ / status | หน้า / pages | " +
           " | ".join(sids) + " |",
           "|---|---|---|---|" + "---|" * len(sids)]
    for d in docs:
        role = f"{ROLE_TH[d.role.value]} ({d.role.value}, {d.role_confidence:.2f})"
        status = STATUS_TH.get(d.status, d.status)
        if d.error:
            status += f": {_cell(d.error)}"
        cells = [mark(p.proposed, p.confidence) if d.status != "failure" else "–"
                 for p in (d.proposals.subissues[s] for s in sids)]
        out.append(f"| {md_code(d.path)} | {role} | {status} | {d.pages} | " +
                   " | ".join(cells) + " |")
    out.append("")
    for d in docs:
        if d.status == "failure":
            continue
        out += [f"## {md_code(d.path)}", ""]
        imp = d.proposals.improvement_vs_2549
        if imp is not None:
            out.append(f"- ระบุส่วนที่พัฒนาเพิ่มเติมจากปี 2549 / beyond FY 2549: "
                       f"{mark(imp.proposed, imp.confidence)}"
                       + (f" — p.{imp.evidence[0].page}: «{_cell(imp.evidence[0].text)}»"
                          if imp.evidence else ""))
        for sid in sids:
            p = d.proposals.subissues[sid]
            title = rubric.subissue(sid).title_th
            short = title if len(title) <= 70 else title[:70] + "…"
            out.append(f"- **{sid}** {_cell(short)}: {mark(p.proposed, p.confidence)}"
                       + (f" ({_cell(p.reason)})" if p.reason else ""))
            for e in p.evidence[:3]:
                out.append(f"    - หน้า/p.{e.page} \\[{e.where.value}\\] {md_code(e.phrase)}: "
                           f"«{_cell(e.text)}»")
        out.append("")
    if provisional:
        out += ["## คะแนนเบื้องต้น (ยังไม่ได้รับการยืนยัน) / Provisional score (unconfirmed)", ""]
        for c in provisional.get("criteria", []):
            score = c.get("score_text", c.get("level", "-"))
            result = c.get("result_text", c.get("result", "-"))
            notes = _cell("; ".join(c.get("notes", [])))
            out.append(f"- เกณฑ์ / criterion {c['id']} ({c['kind']}): result {result}, "
                       f"score {score}" + (f" — {notes}" if notes else ""))
        totals = provisional.get("totals")
        if totals:
            out.append(f"- ค่าคะแนนที่ได้ / score: {totals['score_text']}; ค่าคะแนนถ่วงน้ำหนัก / "
                       f"weighted: {totals['weighted_score_text']}")
        out.append("")
    return "\n".join(out)
