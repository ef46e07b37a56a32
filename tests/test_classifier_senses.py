"""Other senses of the rubric's action words (rubric ``object_rule``): a campaign, a training or a
safety check counts only when it is about the information systems. Sentences written for these
tests, in wordings other than the fixtures'."""

from __future__ import annotations

import pytest

from evidence_review.rubric.model import load_rubric
from tests.test_classifier import classify, make_doc


@pytest.fixture(scope="module")
def rubric():
    return load_rubric()


def _proposed(rubric, sid: str, *lines: str) -> tuple[bool, str]:
    p = classify(make_doc(list(lines)), rubric).subissues[sid]
    return p.proposed, p.reason or ""


@pytest.mark.parametrize(("sid", "lines"), [
    ("2.3", ["ปีนี้หน่วยงานจัดรณรงค์ส่งเสริมการซื้อผ้าทอพื้นเมืองในงานกาชาดประจำปี",
             "และรณรงค์ให้ประชาชนคัดแยกขยะก่อนทิ้งทุกหมู่บ้าน"]),
    ("3.5", ["ได้จัดฝึกอบรมเกษตรกรผู้ปลูกลำไยเรื่องการจดบันทึกข้อมูลต้นทุนการผลิตลงสมุดบัญชี",
             "และอบรมอาสาสมัครป้องกันภัยฝ่ายพลเรือนประจำตำบลด้านการใช้วิทยุสื่อสาร"]),
    ("3.2", ["มีการตรวจสอบความปลอดภัยของอาหารในโรงอาหารทุกเดือน",
             "และตรวจสอบความปลอดภัยในการทำงานของโรงงานในพื้นที่"]),
])
def test_an_action_about_something_else_is_not_coverage(rubric, sid, lines) -> None:
    proposed, reason = _proposed(rubric, sid, *lines)
    assert not proposed
    assert "เรื่องอื่น" in reason  # the reviewer is told why


@pytest.mark.parametrize(("sid", "lines"), [
    ("2.3", ["จัดรณรงค์ให้เจ้าหน้าที่ทุกกองบันทึกข้อมูลลงระบบทะเบียนภายในวันทำการถัดไป",
             "พร้อมประกาศรายชื่อกองที่ปรับปรุงข้อมูลครบถ้วนทุกเดือน"]),
    ("3.5", ["ส่งนักวิชาการคอมพิวเตอร์เข้าอบรมการดูแลระบบฐานข้อมูล Oracle 5 วัน",
             "และจัดอบรมเจ้าหน้าที่ธุรการเรื่องการใช้งานโปรแกรมสารบรรณอิเล็กทรอนิกส์"]),
])
def test_the_same_action_about_the_systems_counts(rubric, sid, lines) -> None:
    assert _proposed(rubric, sid, *lines)[0]


def test_a_heading_in_another_sense_does_not_make_a_section(rubric) -> None:
    proposed, _ = _proposed(rubric, "2.3", "# 4. การรณรงค์และประชาสัมพันธ์",
                            "สำนักงานจัดงานแสดงสินค้าเกษตรปลอดภัยและเทศกาลผลไม้ประจำปี "
                            "มีผู้เข้าชมงานกว่าสามพันคนตลอดสามวัน")
    assert not proposed


def test_a_training_named_in_a_cell_takes_its_object_from_the_row(rubric) -> None:
    doc = make_doc(["รายละเอียดกิจกรรม"], tables=[[
        ["กิจกรรม", "รายละเอียด", "ผู้รับผิดชอบ"],
        ["การอบรม", "หลักสูตรการใช้งานระบบบัญชีอิเล็กทรอนิกส์ให้เจ้าหน้าที่การเงิน", "กองคลัง"]]])
    assert classify(doc, rubric).subissues["3.5"].proposed


def test_a_document_about_something_else_is_other_and_covers_nothing(rubric) -> None:
    from evidence_review.classifiers import submission_warnings
    from evidence_review.classifiers.model import Role

    doc = make_doc(["ประกาศกรมตัวอย่าง เรื่อง สอบราคาซื้อเครื่องคอมพิวเตอร์แม่ข่าย จำนวน 2 เครื่อง",
                    "คุณลักษณะ: มีระบบสำรองข้อมูลแบบเทป (Tape Backup) และทดสอบการกู้คืนข้อมูลได้",
                    "ผู้เสนอราคาต้องมีประสบการณ์ติดตั้งระบบฐานข้อมูลและฝึกอบรมการใช้งานระบบให้เจ้าหน้าที่"],
                   name="announcement.docx")
    p = classify(doc, rubric)
    assert p.role is Role.OTHER and not any(s.proposed for s in p.subissues.values())
    assert "เรื่องอื่น" in p.subissues["3.1"].reason
    assert submission_warnings([p]) and "KPI-14" in submission_warnings([p])[0]


def test_a_plan_titled_with_its_fiscal_year_is_still_a_plan(rubric) -> None:
    from evidence_review.classifiers.model import Role

    doc = make_doc(["# แผนปฏิบัติการการบริหารจัดการระบบฐานข้อมูลสารสนเทศ ประจำปีงบประมาณ พ.ศ. 2550",
                    "กิจกรรมที่ 1 จัดทำขั้นตอนการสำรองข้อมูลและทดสอบการกู้คืนข้อมูลทุกไตรมาส"])
    assert classify(doc, rubric).role is Role.PLAN
