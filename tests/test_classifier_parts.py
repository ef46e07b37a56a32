"""A file binding a review, a plan and a progress report is found to hold three parts."""

from __future__ import annotations

from pathlib import Path

from evidence_review.classifiers import classify
from evidence_review.classifiers.model import Role
from evidence_review.classifiers.parts import bound_parts, part_document, part_name
from evidence_review.extractors.model import Document, Page
from evidence_review.intake import FileFormat
from evidence_review.rubric.model import load_rubric

BODY = "ศูนย์สารสนเทศสำรองข้อมูลลงเทปทุกคืนและทดลองกู้คืนข้อมูลทุกไตรมาส"


def _pdf(*pages: str) -> Document:
    return Document(path=Path("bound.pdf"), format=FileFormat.PDF,
                    pages=[Page(number=n, text=t) for n, t in enumerate(pages, 1)])


def test_a_bound_file_is_three_parts_each_with_its_role() -> None:
    rubric = load_rubric()
    doc = _pdf("หนังสือนำส่ง กรมตัวอย่าง ขอส่งเอกสารประกอบตัวชี้วัดที่ 14",
               "สรุปผลการทบทวนและวิเคราะห์ระบบฐานข้อมูลสารสนเทศ\n" + BODY,
               BODY + " ส่วนนี้เป็นผลการทบทวน",
               "แผนปฏิบัติการการบริหารจัดการระบบฐานข้อมูลสารสนเทศ ปี 2550\nกิจกรรมที่ 1 " + BODY,
               "รายงานผลการดำเนินงานตามแผนปฏิบัติการ รอบ 12 เดือน\nกิจกรรมที่ 1 ร้อยละ 100 บรรลุ")
    parts = bound_parts(doc, rubric)
    assert [(p.first, p.last, p.role) for p in parts] == [
        (1, 3, Role.REVIEW), (4, 4, Role.PLAN), (5, 5, Role.PROGRESS)]
    assert part_name("a/bound.pdf", parts[1]) == "a/bound.pdf#pages=4-4"
    assert classify(part_document(doc, parts[0]), rubric).role is Role.REVIEW


def test_one_document_that_names_another_role_inside_stays_one_part() -> None:
    doc = _pdf("แผนปฏิบัติการระบบฐานข้อมูล ปี 2550\n" + BODY,
               BODY + "\nและจะจัดทำรายงานผลการดำเนินงานทุกไตรมาส",
               "แผนปฏิบัติการ (ต่อ)\n" + BODY)
    assert [(p.first, p.last) for p in bound_parts(doc, load_rubric())] == [(1, 3)]
