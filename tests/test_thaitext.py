"""Thai repair chain, offset map, quality score and measures."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_review import thaitext
from evidence_review.thaitext import chain, metrics
from evidence_review.thaitext.chars import PUA_MAP

# (raw as an extractor gives it, what a reader expects) -- one row per defect the chain fixes.
CASES = [
    ("ทำา", "ทำ"),  # pdfplumber ignores ActualText: ำ doubled as ำา
    ("ท\u0e4d\u0e32งาน", "ทำงาน"),  # Tesseract: nikhahit + sara aa
    ("ท\u0e32\u0e4dงาน", "ทำงาน"),  # Word glyph order: sara aa then nikhahit
    ("บ ารุง", "บำรุง"),  # lost nikhahit: a Thai word never starts with า
    ("สื ่อ", "สื่อ"),  # pdfplumber text flow: space before a mark
    ("ผู\n้ใช้", "ผู้ใช้"),  # line break before a mark
    ("วิิสััยทััศน์์", "วิสัยทัศน์"),  # Excel -> Distiller doubled marks
    ("จำำ", "จำ"),
    ("ที่่\ufffd", "ที่"),  # U+FFFD left after marks
    ("ประจ\ufffdาปี", "ประจำปี"),  # U+FFFD for the nikhahit of ำ
    ("เเผน", "แผน"),
    ("ท\u0e48\u0e35", "ที่"),  # tone before vowel
    ("น\u0e33\u0e49", "น้ำ"),  # tone after sara am
    ("ข\u200bอ\u200dมูล\ufeff", "ขอมูล"),
    ("ป\uf705า ที\uf70b ญ\uf70fู", "ป่า ที้ ญญู"),
    ("\uf70fาณ", "ญาณ"),
    ("ผลกระ\nทบ", "ผลกระทบ"),  # a line wrap inside a word
    ("ระบบ\nข้อมูล", "ระบบ\nข้อมูล"),  # a line break between words stays
    ("a\r\nb", "a\nb"),
    ("ปี ๒๕๕๐ ข้อ 3", "ปี ๒๕๕๐ ข้อ 3"),  # Thai digits are kept
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_repair_fixes_each_defect(raw: str, expected: str) -> None:
    assert thaitext.repair(raw) == expected


def test_pua_map_is_one_to_one_onto_standard_thai() -> None:
    assert len(PUA_MAP) == 27
    assert sorted(PUA_MAP) == [chr(c) for c in range(0xF700, 0xF71B)]
    assert all("\u0e01" <= v <= "\u0e4e" for v in PUA_MAP.values())


def test_mark_after_space_survives_unlike_pythainlp_normalize() -> None:
    from pythainlp.util import normalize

    raw = "สื ่อสาร"
    assert thaitext.repair(raw) == "สื่อสาร"
    assert normalize(raw) != "สื่อสาร"  # why spacing is fixed first


def test_offset_map_points_back_into_raw() -> None:
    raw = "ประจ\ufffdาปี วิิสััย ท าได้"
    r = thaitext.repair_with_map(raw)
    assert r.text == "ประจำปี วิสัย ทำได้"
    assert len(r.offsets) == len(r.text)
    # unchanged characters map to themselves; the repaired ำ maps inside its raw cluster
    for i, ch in enumerate(r.text):
        if ch != "ำ":
            assert raw[r.offsets[i]] == ch
    assert r.offsets == sorted(r.offsets)
    tam = r.text.index("ทำ")
    assert raw[r.offsets[tam]: r.offsets[tam] + 3] == "ท า"


ROBUST = st.lists(
    st.sampled_from(
        [*"กขงทนมยรลวสหอะาำิีึืุู่้๊๋์ัเแโใไ ๑๒\n\t",
         "\ufeff", "\u200b", "\u200d", "\ufffd", "\ud800", "\udfff", "😀", "\uf70b",
         "\uf700", "\u0e4d", "a", "É", "(cid:3)", "\x00", "\r"]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(ROBUST)
def test_repair_never_fails_and_keeps_a_valid_map(raw: str) -> None:
    r = thaitext.repair_with_map(raw)
    assert len(r.offsets) == len(r.text)
    assert all(0 <= o < len(raw) for o in r.offsets)
    assert not any("\ud800" <= c <= "\udfff" for c in r.text)  # lone surrogates dropped
    assert "\ufeff" not in r.text and "\u200b" not in r.text
    assert not any("\uf700" <= c <= "\uf71a" for c in r.text)
    r.text.encode("utf-8")  # always encodable
    q = thaitext.quality(r.text)
    assert q is None or 0.0 <= q <= 1.0


def test_robustness_inputs_from_the_wild() -> None:
    raw = "\ufeff\ufeffข้อมูล\u200b😀 \ud83d ระบบ\uf70b"
    out = thaitext.repair(raw)
    assert out.startswith("ข้อมูล😀")
    assert "ระบบ" in out


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("กขทนมรสอาำิีุ่้ัเแ \n")), max_size=40))
def test_repair_is_idempotent(raw: str) -> None:
    once = thaitext.repair(raw)
    assert thaitext.repair(once) == once


def test_chain_steps_are_pure_functions_named_in_order() -> None:
    names = [s.name for s in chain.CHAIN]
    assert names.index("space_before_mark") < names.index("sara_am")  # spacing first
    assert names.index("pua") < names.index("doubled_marks")
    before = "เเผน"
    chain.fold_sara_ae(before)
    assert before == "เเผน"


def test_thai_digits_convert_only_on_request() -> None:
    assert thaitext.thai_digits_to_arabic("๑๒.๕ ร้อยละ") == "12.5 ร้อยละ"
    assert thaitext.repair("๑๒.๕") == "๑๒.๕"


def test_quality_separates_clean_from_garbled_text() -> None:
    clean = ("สำนักงานได้ทบทวนระบบฐานข้อมูลสารสนเทศที่ใช้ในการปฏิบัติงาน "
             "และจัดทำแผนปฏิบัติการเพื่อพัฒนาระบบให้มีคุณภาพ")
    latin1 = "เชงปร ิ มาณิ : จํานวนหน่วยงานของรฐทั ีÉมีข้อตกลง รวมทงสÊั Êนิ"
    orphan = "การ ่ ดา ้ เนิน ๊ งาน ่ ของ ้ หน่วย ่ งาน"
    assert thaitext.quality(clean) >= 0.9
    assert thaitext.quality(latin1) < 0.6
    assert thaitext.quality(orphan) < 0.6
    assert thaitext.quality("(cid:3)(cid:7)(cid:12)") == 0.0
    assert thaitext.quality("Annual report 2007") == 1.0
    assert thaitext.quality("") is None


def test_measures_count_what_a_reader_notices() -> None:
    m = metrics.measure("วิิสััย ที่่\ufffd ่ok \uf70b")
    assert m.doubled_marks > 0 and m.replacement_chars > 0
    assert m.orphan_marks > 0 and m.pua > 0
    fixed = metrics.measure(thaitext.repair("วิิสััย ที่่\ufffd"))
    assert fixed.doubled_marks == 0 and fixed.replacement_chars == 0


def test_cer_ignores_whitespace_and_counts_edits() -> None:
    assert metrics.cer("ทำ งาน\n", "ทำงาน") == 0.0
    assert metrics.cer("ทางาน", "ทำงาน") == pytest.approx(0.2)
    assert metrics.cer("", "") == 0.0
    long_ref = "ระบบฐานข้อมูล" * 400
    assert metrics.cer(long_ref.replace("ฐ", "ร", 1), long_ref) == pytest.approx(1 / len(long_ref))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abกข่ ", max_size=25), st.text(alphabet="abกข่ ", max_size=25))
def test_fast_edit_distance_agrees_with_plain_dynamic_programming(a: str, b: str) -> None:
    assert metrics._edit_distance(a, b) == metrics._levenshtein(a, b)


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        # LibreOffice justified lines: pdfium puts a space inside หน้า; not a lost nikhahit
        ("ข้อมูลสรุปหน้ าเดียวก่อนการประชุมหัวหน้ าส่วนราชการ", "ข้อมูลสรุปหน้าเดียวก่อนการประชุมหัวหน้าส่วนราชการ"),
        ("เจ้าหน้ าที่ได้ขนเครื่อง", "เจ้าหน้าที่ได้ขนเครื่อง"),
        # Word PDFs: the nikhahit really is lost
        ("การท างานและการบ ารุงรักษา", "การทำงานและการบำรุงรักษา"),
        ("น้ าท่วมศาลากลาง", "น้ำท่วมศาลากลาง"),
    ],
)
def test_spaced_sara_aa_is_read_by_the_dictionary(raw: str, want: str) -> None:
    """Regression: s02's LibreOffice PDF came out as หน้ำ / เจ้าหน้ำที่."""
    assert thaitext.repair(raw) == want
