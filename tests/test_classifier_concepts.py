"""Sub-issues described in an agency's own words (concepts), on documents built in code.

Each concept has a positive document (the topic told without the rubric's usual phrases) and a
negative one using the same everyday words in another sense. A reviewer would notice a miss
(a backup schedule not seen as 3.1) or a false alarm (a seat reservation seen as a backup).
The wording is ours, not the sample submissions'.
"""

from __future__ import annotations

import pytest
from test_classifier import covered, make_doc

from evidence_review.classifiers import classify
from evidence_review.classifiers.model import Where
from evidence_review.rubric.model import load_rubric


@pytest.fixture(scope="module")
def rubric():
    return load_rubric()


# (sub-issue, text that covers it in plain words, text with the same words in another sense)
CASES = [
    ("1.1",
     "สำนักงานจะจัดทำคลังข้อมูลกลางสำหรับติดตามตัวชี้วัดของกรมให้กองต่าง ๆ บันทึกผลเอง "
     "และสร้างระบบข้อมูลเชิงยุทธศาสตร์ที่เชื่อมเป้าประสงค์ทุกประเด็นให้ผู้บริหารดูภาพรวม",
     "กรมได้รับการประเมินตามตัวชี้วัดระดับคุณภาพของการบริหารจัดการระบบฐานข้อมูลสารสนเทศ "
     "ของส่วนราชการ ตามคำรับรองการปฏิบัติราชการประจำปี"),
    ("1.2",
     "เมื่อมีการปรับเกณฑ์การให้เงินอุดหนุนใหม่ ระบบทะเบียนผู้รับทุนต้องแก้ไขโปรแกรมคำนวณวงเงิน "
     "และต้องเพิ่มเขตข้อมูลประเภทผู้ขอให้รองรับหลักเกณฑ์ใหม่ที่เปลี่ยนไป",
     "ปีนี้กรมย้ายสำนักงานไปอาคารใหม่ และเปลี่ยนผู้อำนวยการกองคลังคนใหม่"),
    ("2.1",
     "ผู้ประกอบการสามารถยื่นคำขอใบอนุญาตผ่านเว็บไซต์ได้ตลอดเวลา และเกษตรกรตรวจสอบสถานะ"
     "เงินชดเชยทางอินเทอร์เน็ตด้วยเลขบัตรประชาชน",
     "ประชาชนมาติดต่อยื่นคำร้องด้วยตนเองที่ศาลากลางในวันและเวลาราชการ"),
    ("2.2",
     "กลุ่มเกษตรกรในพื้นที่ห่างไกลต้องการรับข่าวราคาผลผลิตทางวิทยุชุมชน ส่วนผู้ส่งออกนิยม"
     "รับข้อมูลทาง SMS และอีเมล จึงเปิดทั้งสามทางพร้อมกัน",
     "เจ้าหน้าที่ต้องการโต๊ะทำงานเพิ่มอีกสองตัวและตู้เก็บเอกสารหนึ่งใบ"),
    ("2.3",
     "ศูนย์ฯ จะเชิญชวนให้ทุกกองเข้าใช้ระบบเป็นประจำโดยจัดทำโปสเตอร์แนะนำการใช้งานระบบ "
     "และประกาศผลหน่วยงานที่ปรับปรุงข้อมูลสม่ำเสมอทุกไตรมาส",
     "ผู้แทนกรมส่งเสริมสหกรณ์และนักวิชาการส่งเสริมการเกษตรเข้าร่วมประชุมการใช้งานห้องประชุม"),
    ("3.1",
     "เจ้าหน้าที่ทำสำเนาข้อมูลทะเบียนลงเทปทุกคืนและเก็บเทปไว้ที่สำนักงานเขต "
     "ทุกไตรมาสจะทดลองนำข้อมูลกลับคืนจากเทปเพื่อดูว่าใช้ได้จริง",
     "กองกลางสำรองห้องประชุมทุกวันจันทร์ และจัดเงินสำรองจ่ายไว้ในตู้นิรภัยทุกเดือน"),
    ("3.2",
     "ว่าจ้างบริษัทภายนอกสแกนหาช่องโหว่ของเครื่องแม่ข่ายปีละสองครั้ง และตรวจสอบร่องรอย"
     "การเข้าระบบจากไฟร์วอลล์ทุกสัปดาห์",
     "ตรวจสอบความถูกต้องของใบสำคัญคู่จ่ายและประเมินผลการปฏิบัติงานของพนักงานขับรถ"),
    ("3.3",
     "เลิกใช้บัญชีผู้ใช้ร่วมกันทั้งกอง ให้ทุกคนมีบัญชีผู้ใช้รายบุคคล เจ้าหน้าที่ทะเบียนแก้ไขได้"
     "เฉพาะข้อมูลจังหวัดตน ผู้อำนวยการดูได้ทุกจังหวัด ส่วนบุคคลภายนอกอ่านได้อย่างเดียว",
     "ข้าราชการได้รับสิทธิการลาพักผ่อนปีละสิบวัน และมีสิทธิเบิกค่ารักษาพยาบาลตามระเบียบ"),
    ("3.4",
     "หากเกิดอัคคีภัยที่อาคารสำนักงาน ศูนย์คอมพิวเตอร์จะขนย้ายเครื่องแม่ข่ายไปติดตั้งชั่วคราว"
     "ที่ศูนย์ราชการจังหวัดเพื่อให้บริการได้ต่อเนื่อง",
     "ปีนี้เกิดน้ำท่วมนาข้าวในสามอำเภอ กรมจึงแจกพันธุ์ข้าวให้เกษตรกรที่เสียหาย"),
    ("3.5",
     "ส่งนักวิชาการคอมพิวเตอร์เข้าอบรมการดูแลฐานข้อมูล และจัดการฝึกอบรมเจ้าหน้าที่ทุกอำเภอ"
     "เรื่องการใช้ระบบทะเบียนใหม่",
     "จัดอบรมภาษาอังกฤษเพื่อการสื่อสารและอบรมขับขี่ปลอดภัยให้พนักงานขับรถ"),
]


@pytest.mark.parametrize("sid,text", [(c[0], c[1]) for c in CASES], ids=[c[0] for c in CASES])
def test_topic_in_plain_words_is_covered_by_a_concept(rubric, sid, text):
    p = classify(make_doc([text]), rubric).subissues[sid]
    assert p.proposed, p.reason
    assert p.confidence >= 0.5
    assert "concept" in (p.reason or "")


@pytest.mark.parametrize("sid,text", [(c[0], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_same_words_in_another_sense_are_not_coverage(rubric, sid, text):
    assert not classify(make_doc([text]), rubric).subissues[sid].proposed


def test_one_concept_find_in_running_text_is_too_weak_alone(rubric):
    # one backup mention without anything else: evidence shown, not proposed
    p = classify(make_doc(["ข้อมูลบัญชีทั้งหมดสำรองไว้ในฮาร์ดดิสก์ของกองคลัง"]), rubric).subissues["3.1"]
    assert not p.proposed
    assert p.evidence and "too weak" in p.reason
    assert 0.5 <= p.confidence < 0.9


def test_activity_row_of_a_plan_counts_one_concept_find(rubric):
    rows = [["กิจกรรม", "ตัวชี้วัด", "ผู้รับผิดชอบ"],
            ["ทำสำเนาข้อมูลทะเบียนลงเทปทุกคืน", "ครบทุกคืน", "ศูนย์สารสนเทศ"]]
    p = classify(make_doc(["แผนปฏิบัติการ"], tables=[rows]), rubric).subissues["3.1"]
    assert p.proposed
    assert any(e.where is Where.TABLE for e in p.evidence)


def test_concept_words_in_different_table_rows_do_not_combine(rubric):
    rows = [["กิจกรรม", "ระยะเวลา"],
            ["จัดทำสำเนาคำสั่งแต่งตั้ง", "ต.ค. 49"],
            ["จัดซื้อฮาร์ดดิสก์สำหรับเครื่องพิมพ์", "ทุกวัน"]]
    got = classify(make_doc(["แผนปฏิบัติการ"], tables=[rows]), rubric)
    assert not got.subissues["3.1"].proposed


def test_numbered_activity_line_counts_like_a_table_row(rubric):
    lines = ["รายงานผลการดำเนินงานตามแผนปฏิบัติการ",
             "1. ทดลองกู้ข้อมูลจากเทปรายไตรมาส 10 100% บรรลุ"]
    assert classify(make_doc(lines), rubric).subissues["3.1"].proposed


def test_several_channels_need_two_different_ones(rubric):
    one = classify(make_doc(["ประกาศรายชื่อผู้ผ่านการคัดเลือกทางเว็บไซต์ของกรม"]), rubric)
    assert not one.subissues["2.2"].proposed
    # "เว็บ" inside "เว็บไซต์" is the same channel, not a second one
    assert not any("ช่องทางการให้บริการหลายช่องทาง" in e.phrase
                   for e in one.subissues["2.2"].evidence)


def test_indicator_name_is_not_a_kpi_database(rubric):
    text = ("ตัวชี้วัดที่ 14 ระดับคุณภาพของการบริหารจัดการระบบฐานข้อมูลสารสนเทศของส่วนราชการ "
            "มีน้ำหนักร้อยละ 4 ตามคำรับรองการปฏิบัติราชการ")
    p = classify(make_doc([text]), rubric).subissues["1.1"]
    assert not any("indicators or strategy" in e.phrase for e in p.evidence)


def test_concept_word_must_start_a_word(rubric):
    # "ดูได้" inside "ฤดูได้" and "อ่านได้" inside "ย่านได้": no permission words at all
    text = "เมื่อถึงฤดูได้ผลผลิตดี ชาวย่านได้รายได้เพิ่ม"
    p = classify(make_doc([text]), rubric).subissues["3.3"]
    assert not any("who may see" in e.phrase for e in p.evidence)


def test_concept_word_after_nominal_prefix_counts(rubric):
    # การอบรม is one word for the tokenizer; อบรม in it still counts as training
    doc = make_doc(["ผู้ผ่านการอบรมการใช้งานระบบทะเบียนครบ 40 คน",
                    "ผู้ผ่านการฝึกอบรมผู้ดูแลฐานข้อมูลครบ 3 คน"])
    assert "3.5" in covered(classify(doc, rubric))
