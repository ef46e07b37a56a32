"""A pasted copy of the indicator's description (the official sub-issue titles, numbered any
way, wrapped anywhere, with a line of explanation each, or run together in one paragraph) is
never counted, and the reason says so."""

from __future__ import annotations

import pytest

from evidence_review.rubric.model import load_rubric
from tests.test_classifier import classify, make_doc

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


@pytest.fixture(scope="module")
def rubric():
    return load_rubric()


def _wrapped(text: str, at: int = 37) -> str:
    return text[:at] + "\n" + text[at:]


def test_the_description_pasted_one_paragraph_per_sub_issue_covers_nothing(rubric) -> None:
    lines = ["ตัวชี้วัดนี้ประเมินความครบถ้วนของการทบทวนระบบ โดยพิจารณาจากประเด็นดังต่อไปนี้"]
    for n, s in enumerate(rubric.subissues, 1):
        lines.append(f"({str(n).translate(THAI_DIGITS)}) " + _wrapped(s.title_th)
                     + " ซึ่งส่วนราชการต้องอธิบายให้ชัดเจน")
    p = classify(make_doc(lines), rubric)
    assert [sid for sid, s in p.subissues.items() if s.proposed] == []
    assert "คัดลอก" in p.subissues["3.1"].reason


def test_the_description_run_into_one_paragraph_covers_nothing(rubric) -> None:
    text = ("ตามคู่มือตัวชี้วัด ส่วนราชการต้องทบทวนประเด็น "
            + " ".join(s.title_th for s in rubric.subissues[1:]) + " ให้ครบถ้วน")
    p = classify(make_doc([text]), rubric)
    assert [sid for sid, s in p.subissues.items() if s.proposed] == []


def test_a_review_that_follows_its_pasted_description_still_counts(rubric) -> None:
    pasted = " ".join(s.title_th for s in rubric.subissues)
    doc = make_doc([pasted, "# ผลการทบทวน",
                    "ศูนย์สารสนเทศสำรองข้อมูลทะเบียนลงเทปทุกคืน เก็บเทปไว้ที่ตึกอีกหลังหนึ่ง และทดลอง"
                    "กู้คืนข้อมูลจากเทปทุกสามเดือน ครั้งล่าสุดใช้เวลาสองชั่วโมง"])
    p = classify(doc, rubric)
    assert p.subissues["3.1"].proposed and not p.subissues["3.3"].proposed
