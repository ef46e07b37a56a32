"""PDFs made by real office software outside this project (../shared/realworld, see its README).

* word-angsana.pdf (Microsoft Word, Angsana New): CER against the peer tool's reference text.
* budget-*.pdf (Excel -> Distiller, Acrobat 9; no reference): what a reader would notice per
  1,000 Thai characters, on the text layer after repair (font map, glyph positions, text
  steps); at most 10% of pages may still go to OCR. The ``slow`` tier runs the whole files
  with OCR on.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import REALWORLD, need_path, need_tool

from evidence_review.extractors import Status
from evidence_review.extractors.pdf import PdfExtractor, PdfOptions
from evidence_review.intake import FileFormat, IntakeRecord, Limits
from evidence_review.thaitext.metrics import cer, measure

BUDGETS = ["budget-excel-distiller.pdf", "budget-acrobat9.pdf"]
_LATIN1_AMONG_THAI = re.compile("[\u0e01-\u0e4e][\u00c0-\u00ff]|[\u00c0-\u00ff][\u0e01-\u0e4e]")


def read(path: Path, **options):
    rec = IntakeRecord(path=path, size=path.stat().st_size, sha256="", format=FileFormat.PDF)
    return PdfExtractor(PdfOptions(**options)).extract(rec, Limits())


def assert_reader_measures(text: str, label: str, min_thai: int = 1000) -> None:
    m = measure(text)
    print(f"{label}: {m.thai_chars} Thai chars; per 1,000: doubled {m.doubled_marks:.2f}, "
          f"U+FFFD {m.replacement_chars:.3f}, orphan marks {m.orphan_marks:.2f}, "
          f"known-word share {m.known_word_share:.3f}")
    assert m.thai_chars > min_thai
    assert m.doubled_marks <= 0.5
    assert m.replacement_chars <= 0.05
    assert m.orphan_marks <= 2
    assert m.known_word_share is not None and m.known_word_share >= 0.93


def test_word_angsana_matches_reference(record_property) -> None:
    import pdfplumber

    pdf = need_path(REALWORLD / "word-angsana.pdf")
    ref = need_path(REALWORLD / "word-angsana.reference.txt").read_text(encoding="utf-8")
    doc = read(pdf, ocr=False)
    with pdfplumber.open(pdf) as p:
        plumber = "\n".join(page.extract_text() or "" for page in p.pages)
    ours, theirs = cer(doc.text, ref), cer(plumber, ref)
    record_property("cer_ours", ours)
    record_property("cer_pdfplumber_default", theirs)
    print(f"word-angsana: CER ours {ours:.4%}, pdfplumber default {theirs:.4%}")
    assert doc.status is Status.SUCCESS and "Microsoft" in (doc.producer or "")
    assert ours <= 0.005 < theirs
    # the Word defects: marks after the wrong letter, nikhahit drawn as a floating "space"
    for word in ("มั่นใจ", "ทำได้ยอดเยี่ยม", "บำรุง", "หน้าที่", "ทั้งหมด", "ยิ้ม"):
        assert word in doc.text
    assert "ท า" not in doc.text and "มนั่" not in doc.text


@pytest.mark.parametrize("name", BUDGETS)
def test_budget_text_layers_are_repaired_not_sent_to_ocr(name: str) -> None:
    """Acrobat/Distiller-family pages: the Latin-1 marks, displaced marks, doubled marks and
    U+FFFD are repaired from the text layer (font and glyph positions), and every page passes
    the quality gate, so none would go to OCR."""
    doc = read(need_path(REALWORLD / name), ocr=False, tables=False)
    flagged = [p.number for p in doc.pages if p.unreadable is not None]
    assert len(flagged) <= 0.1 * len(doc.pages), flagged
    assert doc.status is Status.SUCCESS
    assert_reader_measures(doc.text, f"{name} (text layer, repaired)")
    assert not _LATIN1_AMONG_THAI.search(doc.text)
    latin1 = [p for p in doc.pages if len(_LATIN1_AMONG_THAI.findall(p.raw)) >= 3]
    assert latin1 and all("font_latin1_marks" in p.repairs for p in latin1)
    assert all("mark_positions" in p.repairs for p in latin1)


def test_acrobat_marks_displaced_across_spaces_go_back_on_their_letters() -> None:
    doc = read(need_path(REALWORLD / "budget-acrobat9.pdf"), ocr=False, tables=False,
               pages=frozenset({22}))
    page = doc.pages[0]
    assert "แหลงเง ่ ิน" not in page.text
    for word in ("รายละเอียดงบประมาณจำแนกตามงบรายจ่าย", "การแข่งขันทางการค้า",
                 "ค่าใช้จ่ายดำเนินงาน", "ค่าจ้างที่ปรึกษา", "งบรายจ่ายอื่น", "เขตหลักสี่"):
        assert word in page.text.replace(" ", "").replace("\n", ""), word
    # the offset map and the line boxes: a word's chars were read from the text layer
    at = page.text.index("ค่าใช้จ่ายดำเนินงาน")
    assert all(k >= 0 for k in page.offsets[at:at + 5])
    box = page.box(at, at + 5)
    assert box is not None and page.size is not None
    assert 0 <= box[0] < box[2] <= page.size[0] and 0 <= box[1] < box[3] <= page.size[1]


def test_budget_distiller_doubling_and_fffd_repaired_from_text() -> None:
    doc = read(need_path(REALWORLD / "budget-excel-distiller.pdf"), ocr=False, tables=False,
               pages=frozenset({6}))
    page = doc.pages[0]
    assert "วิิ" in page.raw and "วิสัยทัศน์" in page.text and "ประจำปีงบประมาณ" in page.text
    assert page.unreadable is None and page.quality and page.quality > 0.9


@pytest.mark.ocr
@pytest.mark.parametrize(("name", "pages"), [("budget-acrobat9.pdf", {22, 40}),
                                             ("budget-excel-distiller.pdf", {12})])
def test_budget_pages_once_ocred_now_read_from_their_text_layer(name: str,
                                                                pages: set[int]) -> None:
    """Pages the gate sent to OCR before the text-layer repair (Latin-1 marks, marks displaced
    across spaces): with OCR available they are now read from the text layer, as well."""
    need_tool("tesseract", "tesseract-ocr tesseract-ocr-tha")
    doc = read(need_path(REALWORLD / name), pages=frozenset(pages), tables=False)
    assert [p.number for p in doc.pages] == sorted(pages)
    assert all(not p.ocr and p.unreadable is None for p in doc.pages)
    assert_reader_measures(doc.text, f"{name} sample {sorted(pages)}", min_thai=300)


@pytest.mark.ocr
@pytest.mark.slow
@pytest.mark.parametrize("name", BUDGETS)
def test_budget_whole_file_final_text(name: str) -> None:
    need_tool("tesseract", "tesseract-ocr tesseract-ocr-tha")
    doc = read(need_path(REALWORLD / name), tables=False)
    assert all(p.unreadable is None for p in doc.pages if p.text or p.ocr)
    print(f"{name}: {sum(p.ocr for p in doc.pages)} of {len(doc.pages)} pages OCRed")
    assert sum(p.ocr for p in doc.pages) <= 0.1 * len(doc.pages)
    assert_reader_measures(doc.text, f"{name} (final)")
