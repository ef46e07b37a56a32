"""Confidence in a proposal, and the reason shown to the reviewer (Thai first)."""

from __future__ import annotations

import math

from evidence_review.classifiers.evidence import Score


def confidence(strength: float, threshold: float) -> float:
    """Confidence in the proposal (either way) from the evidence strength.

    >>> confidence(0.0, 1.0), round(confidence(1.0, 1.0), 2), round(confidence(3.0, 1.0), 2)
    (0.95, 0.66, 0.93)
    >>> round(confidence(0.5, 1.0), 2)
    0.75
    """
    if strength >= threshold:
        return min(0.99, 0.55 + 0.42 * (1 - math.exp(-(strength - threshold + 0.3))))
    return max(0.5, 0.95 - 0.4 * strength / threshold)



#: Reasons shown to the reviewer, Thai first.
_REASONS = {
    "section": "มีหัวข้อของตนเองและมีเนื้อหา (own section with content)",
    "concept": "อธิบายโดยไม่ใช้คำสำคัญตามปกติ "
               "(described without the usual keywords, by the concepts of what is done)",
    "concept_named": "อธิบายโดยไม่ใช้คำสำคัญตามปกติ: {names} "
                     "(described without the usual keywords, by the concepts of what is done)",
    "improved": "ระบุส่วนที่จะพัฒนาเพิ่มเติมจากปีงบประมาณ พ.ศ. 2549 "
                "(states what is developed beyond FY 2549)",
    "not_improved": "ไม่พบข้อความระบุส่วนที่จะพัฒนาเพิ่มเติมจากปีงบประมาณ พ.ศ. 2549 "
                    "(no statement of what is developed beyond FY 2549 found)",
    "table_row": "แถวในตารางแผน (plan table row)",
    "fallback": "ข้อความเสียหาย จับคู่โดยไม่สนใจวรรณยุกต์ (damaged text matched ignoring tone marks)",
    "empty_heading": "มีแต่หัวข้อ เนื้อหาว่างหรือเป็นเครื่องหมาย "
                     "(heading only: its section is empty or a placeholder)",
    "other_sense": "ใช้คำในความหมายอื่น (the words are used in another sense)",
    "not_about": "การรณรงค์/อบรม/ตรวจสอบที่พบเป็นเรื่องอื่น ไม่ใช่ระบบสารสนเทศ "
                 "(a campaign, training or check found is about something else, not the systems)",
    "toc": "คำที่พบอยู่ในสารบัญ (found in a table of contents)",
    "list": "คำที่พบเป็นเพียงรายการชื่อประเด็นย่อย (found only in a list naming the sub-issues)",
    "pasted": "คำที่พบอยู่ในคำอธิบายตัวชี้วัดที่คัดลอกมา (found in a pasted copy of the indicator's "
              "description)",
    "order": "คำที่พบอยู่ในคำสั่งแต่งตั้ง/หน้าที่คณะทำงาน (found in an appointment order or a "
             "list of duties)",
    "placeholder": "มีเพียงข้อความว่างหรือ '-', 'ไม่มี', 'อยู่ระหว่างดำเนินการ' "
                   "(only a placeholder: '-', 'none', 'in progress')",
    "none": "ไม่พบหลักฐาน (no evidence found)",
    "weak": "หลักฐานยังไม่พอ (too weak alone)",
}


def concept_reason(names: list[str]) -> str:
    """The reason for coverage found from what is done, naming the concepts (Thai first).

    >>> concept_reason(["ทดลองนำข้อมูลที่สำรองไว้กลับมาใช้"]).split(" (")[0]
    'อธิบายโดยไม่ใช้คำสำคัญตามปกติ: ทดลองนำข้อมูลที่สำรองไว้กลับมาใช้'
    """
    if not names:
        return _REASONS["concept"]
    return _REASONS["concept_named"].format(names=", ".join(dict.fromkeys(names)))


def improvement_reason(proposed: bool) -> str:
    """The reason for the beyond-FY-2549 proposal of an action plan (Thai first)."""
    return _REASONS["improved" if proposed else "not_improved"]


def reason(sc: Score, proposed: bool) -> str:
    parts = []
    if sc.section:
        parts.append(_REASONS["section"])
    anchors = [k for k, v in sc.per_key.items() if not k.startswith(("concept:", "table-row"))]
    if anchors:
        n = len(anchors)
        parts.append(f"พบ {n} วลี ({n} phrase(s))")
    if any(k.startswith("concept:") for k in sc.per_key):
        parts.append(concept_reason(sc.concepts))
    if "table-row" in sc.per_key:
        parts.append(_REASONS["table_row"])
    if sc.fallback:
        parts.append(_REASONS["fallback"])
    if not proposed:
        if sc.empty_heading:
            parts.append(_REASONS["empty_heading"])
        if sc.other_sense:
            parts.append(_REASONS["other_sense"])
        if sc.not_about:
            parts.append(_REASONS["not_about"])
        parts.extend(_REASONS[w] for w in sorted(sc.not_counted) if w in _REASONS)
        if not parts:
            parts.append(_REASONS["none"])
        elif sc.per_key:
            parts.append(_REASONS["weak"])
    return "; ".join(parts)
