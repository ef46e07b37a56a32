"""The agency's name read from the first lines of a submission's documents."""

from __future__ import annotations

from pathlib import Path

from evidence_review.extractors.model import Document, Page
from evidence_review.intake import FileFormat
from evidence_review.pipeline import agency
from evidence_review.pipeline.agency import document_agency, submission_agency


def _doc(text: str, ocr: bool = False) -> Document:
    return Document(path=Path("x.pdf"), format=FileFormat.PDF,
                    pages=[Page(number=1, text=text, ocr=ocr)])


def test_the_name_under_a_title_or_in_a_heading_is_read() -> None:
    assert document_agency(_doc("แผนปฏิบัติการการบริหารจัดการระบบฐานข้อมูลสารสนเทศ\n"
                                "สำนักงานสถิติจังหวัดลำพูน ปีงบประมาณ พ.ศ. ๒๕๕๐\n")) \
        == "สำนักงานสถิติจังหวัดลำพูน"
    assert document_agency(_doc("ประกาศกรมการขนส่งทางราง\nเรื่อง สอบราคา")) \
        == "กรมการขนส่งทางราง"
    assert document_agency(_doc("บันทึกข้อความ\nส่วนราชการ กองคลัง โทร ๑๒๓๔")) == "กองคลัง"


def test_sentences_ocr_and_names_far_down_are_not_names() -> None:
    assert document_agency(_doc("รายงานผล\nกรมได้ดำเนินการตามแผนครบทุกกิจกรรม")) is None
    assert document_agency(_doc("สรุปผล\nกรมควบคุมมลพิษ", ocr=True)) is None
    far = "\n".join(["หัวข้อ"] * agency.LINES + ["กรมควบคุมมลพิษ"])
    assert document_agency(_doc(far)) is None
    assert submission_agency([None, None]) is None
