"""Placeholders as no coverage, in any table row, measured column or labelled line. Sentences
and tables written for these tests."""

from __future__ import annotations

import pytest

from evidence_review.rubric.model import load_rubric
from tests.test_classifier import classify, make_doc


@pytest.fixture(scope="module")
def rubric():
    return load_rubric()


def test_a_row_naming_a_sub_issue_in_plain_words_with_only_dashes_is_empty(rubric) -> None:
    doc = make_doc(["ผลการทบทวนรายด้าน"], tables=[[
        ["เรื่อง", "สภาพปัจจุบัน", "ปัญหา", "แนวทางแก้ไข"],
        ["แผนรองรับภัยพิบัติด้านสารสนเทศ", "-", "ไม่มี", "จะดำเนินการต่อไป"]]])
    assert not classify(doc, rubric).subissues["3.4"].proposed


def test_a_progress_row_without_a_reported_result_is_empty_but_a_reported_one_counts(
        rubric) -> None:
    header = ["กิจกรรม", "น้ำหนัก", "ร้อยละความก้าวหน้า", "ผลการดำเนินงาน"]
    empty = make_doc(["รายงานผลการดำเนินงาน"], tables=[[
        header, ["ทดลองกู้คืนข้อมูลจากเทปสำรองข้อมูล", "15", "0", "ยังไม่ได้ดำเนินการ"]]])
    done = make_doc(["รายงานผลการดำเนินงาน"], tables=[[
        header, ["ทดลองกู้คืนข้อมูลจากเทปสำรองข้อมูล", "15", "100", "บรรลุ"]]])
    assert not classify(empty, rubric).subissues["3.1"].proposed
    assert classify(done, rubric).subissues["3.1"].proposed


@pytest.mark.parametrize("line", [
    "การทดสอบความมั่นคงปลอดภัยของระบบสารสนเทศ - อยู่ระหว่างดำเนินการ",
    "การทดสอบความมั่นคงปลอดภัยของระบบสารสนเทศ = ไม่มี",
    "การทดสอบความมั่นคงปลอดภัยของระบบสารสนเทศ : จะดำเนินการต่อไป",
])
def test_a_topic_answered_by_a_placeholder_on_its_line_is_empty(rubric, line) -> None:
    assert not classify(make_doc([line]), rubric).subissues["3.2"].proposed
