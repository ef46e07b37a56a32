"""Placeholder forms written in Word (headings, numbered table rows, matrix columns) are no
coverage, while a gap stated in the topic's own words and a numbered row that reports
something still are; a table of contents typed as a table is never counted."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from evidence_review.classifiers import classify
from evidence_review.extractors import extract
from evidence_review.rubric.model import load_rubric

BACKUP = [("h", "3.1 การสำรองและกู้คืนข้อมูล"),
          ("p", "ศูนย์คอมพิวเตอร์สำรองข้อมูลลงเทปทุกคืนและนำเทปไปเก็บที่อาคารอื่น "
                "ทดลองกู้คืนข้อมูลทุกไตรมาส")]
RIGHTS = [("h", "3.3 การกำหนดสิทธิ"),
          ("p", "กำหนดสิทธิผู้ใช้รายบุคคล อ่าน แก้ไข ตามหน้าที่ของแต่ละกลุ่มผู้ใช้งานของกรม")]
AUDIT = "3.2 การทดสอบความมั่นคงของระบบ"


def _docx(path: Path, parts: list[tuple[str, object]]) -> Path:
    d = docx.Document()
    d.add_heading("สรุปผลการทบทวนและวิเคราะห์ระบบฐานข้อมูลสารสนเทศ กรมตัวอย่าง ปี 2550", 0)
    for kind, x in parts:
        if kind == "h":
            d.add_heading(str(x), 2)
        elif kind == "p":
            d.add_paragraph(str(x))
        else:
            rows = list(x)  # type: ignore[call-overload]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            for i, r in enumerate(rows):
                for j, c in enumerate(r):
                    t.cell(i, j).text = c
    d.save(path)
    return path


def _proposed(tmp_path: Path, parts: list[tuple[str, object]], sid: str) -> bool:
    doc = extract(_docx(tmp_path / "review.docx", parts))
    return classify(doc, load_rubric()).subissues[sid].proposed


@pytest.mark.parametrize("body", ["จะดำเนินการในปีงบประมาณ 2551",
                                  "ยังไม่ได้ดำเนินการ เนื่องจากยังไม่ได้รับการจัดสรรงบประมาณ"])
def test_a_heading_whose_body_only_puts_the_work_off_is_no_coverage(tmp_path: Path,
                                                                     body: str) -> None:
    assert not _proposed(tmp_path, [*BACKUP, ("h", AUDIT), ("p", body), *RIGHTS], "3.2")


def test_a_gap_stated_in_the_topics_words_still_counts(tmp_path: Path) -> None:
    parts = [*BACKUP, ("h", "3.4 แผนรองรับสถานการณ์ฉุกเฉิน"),
             ("p", "ยังไม่มีแผนรองรับภัยพิบัติด้านสารสนเทศ จะจัดทำแผนให้แล้วเสร็จในปี 2550"),
             *RIGHTS]
    assert _proposed(tmp_path, parts, "3.4")


def test_a_numbered_row_saying_nothing_is_no_coverage_and_one_that_reports_counts(
        tmp_path: Path) -> None:
    table = [["ลำดับ", "ประเด็น", "ผลการทบทวน"],
             ["1", "การสำรองและกู้คืนข้อมูล", "สำรองข้อมูลลงเทปทุกคืน ทดลองกู้คืนทุกไตรมาส"],
             ["2", "การทดสอบความมั่นคงของระบบ", "ยังไม่ได้ดำเนินการ"],
             ["3.3", "การกำหนดสิทธิผู้ใช้งาน", "-"]]
    parts = [("t", table), ("h", "สรุป"), ("p", "คณะทำงานจะติดตามผลทุกไตรมาส")]
    assert _proposed(tmp_path, parts, "3.1")
    doc = classify(extract(_docx(tmp_path / "r.docx", parts)), load_rubric())
    assert not doc.subissues["3.2"].proposed and not doc.subissues["3.3"].proposed


def test_a_matrix_column_of_dashes_is_no_coverage(tmp_path: Path) -> None:
    table = [["ระบบงาน", "การสำรองข้อมูล", "การทดสอบความมั่นคง"],
             ["ระบบทะเบียน", "สำรองทุกคืนลงเทป", "-"], ["ระบบการเงิน", "สำรองทุกสัปดาห์", "-"]]
    doc = classify(extract(_docx(tmp_path / "m.docx", [("t", table), *RIGHTS])), load_rubric())
    assert doc.subissues["3.1"].proposed and not doc.subissues["3.2"].proposed


def test_a_table_of_contents_typed_as_a_table_is_not_counted(tmp_path: Path) -> None:
    toc = [["เรื่อง", "หน้า"], ["คำนำ", "ก"], ["ส่วนที่ ๑ บทนำ", "๑"],
           ["๖.๑ การสำรองและกู้คืนข้อมูล", "๑๒"], ["๖.๒ การทดสอบความมั่นคงปลอดภัยของระบบ", "๑๓"],
           ["๖.๓ การกำหนดสิทธิผู้ใช้งาน", "๑๓"]]
    doc = classify(extract(_docx(tmp_path / "t.docx", [("p", "สารบัญ"), ("t", toc), *BACKUP])),
                   load_rubric())
    assert not doc.subissues["3.2"].proposed
    assert "สารบัญ" in doc.subissues["3.2"].reason


def test_a_tabbed_line_whose_answer_is_a_placeholder_is_no_coverage(tmp_path: Path) -> None:
    """A row typed with a tab in a text file (or OCRed): topic, tab, "อยู่ระหว่างดำเนินการ"."""
    f = tmp_path / "review.txt"
    f.write_text("สรุปผลการทบทวนและวิเคราะห์ระบบฐานข้อมูลสารสนเทศ\n\n"
                 "3.1 การสำรองและกู้คืนข้อมูล\n\nศูนย์คอมพิวเตอร์สำรองข้อมูลลงเทปทุกคืน "
                 "ทดลองกู้คืนข้อมูลทุกไตรมาส\n\n"
                 "การทดสอบความมั่นคงของระบบ\tอยู่ระหว่างดำเนินการ\n", encoding="utf-8")
    doc = classify(extract(f), load_rubric())
    assert doc.subissues["3.1"].proposed and not doc.subissues["3.2"].proposed
