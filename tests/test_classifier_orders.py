"""Appointment orders and duties lists name sub-issues as tasks; they cover none. Why a
candidate was not counted is said in the reason. Text written for these tests."""

from __future__ import annotations

import pytest

from evidence_review.rubric.model import load_rubric
from tests.test_classifier import classify, make_doc


@pytest.fixture(scope="module")
def rubric():
    return load_rubric()


ORDER = [
    "คำสั่งสำนักงานตัวอย่างจังหวัด ที่ 12/2550",
    "เรื่อง แต่งตั้งคณะทำงานพัฒนาระบบสารสนเทศของสำนักงาน",
    "เพื่อให้การดำเนินงานตามคำรับรองการปฏิบัติราชการเป็นไปด้วยความเรียบร้อย จึงแต่งตั้งคณะทำงาน "
    "ประกอบด้วย หัวหน้าสำนักงานเป็นประธาน และหัวหน้ากลุ่มงานทุกกลุ่มเป็นคณะทำงาน",
    "ให้คณะทำงานรับผิดชอบการสำรองข้อมูลและกู้คืนข้อมูล การตรวจสอบความมั่นคงปลอดภัยของระบบ "
    "การกำหนดสิทธิการเข้าถึงข้อมูลของผู้ใช้ และการจัดทำแผนรองรับภัยพิบัติด้านสารสนเทศ",
    "สั่ง ณ วันที่ 3 มกราคม พ.ศ. 2550",
]


def test_an_appointment_order_covers_nothing_and_says_why(rubric) -> None:
    p = classify(make_doc(ORDER), rubric)
    for sid in ("3.1", "3.2", "3.3", "3.4"):
        assert not p.subissues[sid].proposed, sid
    assert "คำสั่งแต่งตั้ง" in p.subissues["3.1"].reason


def test_work_done_after_the_order_still_counts(rubric) -> None:
    done = ["ผลการดำเนินงาน: ศูนย์คอมพิวเตอร์สำรองข้อมูลทุกวันลงเทปและนำเทปไปเก็บนอกอาคาร "
            "ทดลองกู้คืนข้อมูลจากเทปสำเร็จเมื่อเดือนมีนาคม 2550"]
    assert classify(make_doc(ORDER + done), rubric).subissues["3.1"].proposed


def test_a_working_groups_duties_in_running_text_are_not_coverage(rubric) -> None:
    doc = make_doc(["ในการนี้ คณะกรรมการบริหารสารสนเทศมีหน้าที่กำกับดูแลการสำรองข้อมูล "
                    "การทดสอบความมั่นคงปลอดภัยของระบบ และการฝึกอบรมการใช้งานระบบให้บุคลากร"])
    p = classify(doc, rubric)
    assert not p.subissues["3.1"].proposed and not p.subissues["3.2"].proposed


def test_an_agency_mission_is_not_a_duties_list(rubric) -> None:
    doc = make_doc(["สำนักงานมีหน้าที่ดูแลระบบทะเบียนของจังหวัด โดยสำรองข้อมูลลงเทปทุกวันและ"
                    "ทดลองกู้คืนข้อมูลทุกไตรมาส และกำหนดสิทธิผู้ใช้ระบบตามระดับงาน"])
    assert classify(doc, rubric).subissues["3.1"].proposed


def test_a_report_restating_the_plan_is_read_by_its_measured_columns(rubric) -> None:
    from evidence_review.classifiers.model import Role

    doc = make_doc(["# แผนปฏิบัติการระบบฐานข้อมูลสารสนเทศ ปี 2550 (สรุปผล ณ 30 ก.ย. 2550)"],
                   tables=[[["กิจกรรม", "น้ำหนัก", "ร้อยละการดำเนินงาน", "บร รลุเป้าหมาย"],
                            ["สำรองข้อมูลทุกวัน", "20", "100", "บรรลุ"]]])
    assert classify(doc, rubric).role is Role.PROGRESS
