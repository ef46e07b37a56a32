"""PDF backend on the committed fixtures (fixtures/pdf, built by fixtures/make_pdf_fixtures.py).

Golden texts are the source texts the PDFs were made from; CER ignores whitespace. Each test
also reads the same file with pdfplumber's default ``extract_text()`` so the report shows what
the combination buys.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import FIXTURES

from evidence_review.extractors import ErrorCategory, Status, extract
from evidence_review.extractors.base import ExtractionError
from evidence_review.extractors.model import BlockKind
from evidence_review.extractors.pdf import PdfExtractor, PdfOptions
from evidence_review.intake import FileFormat, IntakeRecord, Limits
from evidence_review.messages import MessageKey, text
from evidence_review.thaitext.metrics import cer

PDF_DIR = FIXTURES / "pdf"
BORN_DIGITAL = ["lo-laksaman", "lo-garuda", "lo-norasi", "lo-loma", "pua-loma"]
NO_OCR = PdfOptions(ocr=False)
PDF_PASSWORD = "ไฟล์ PDF ถูกตั้งรหัสผ่าน เปิดอ่านไม่ได้ [PDF is password-protected]"


def record(path: Path) -> IntakeRecord:
    return IntakeRecord(path=path, size=path.stat().st_size, sha256="", format=FileFormat.PDF)


def read(name: str, options: PdfOptions = NO_OCR, limits: Limits | None = None):
    return PdfExtractor(options).extract(record(PDF_DIR / f"{name}.pdf"), limits or Limits())


def golden(name: str) -> str:
    path = PDF_DIR / f"{name}.txt"
    if not path.exists():  # a missing golden is a failure, never regenerated here
        pytest.fail(f"missing golden file {path}; run fixtures/make_pdf_fixtures.py --force")
    return path.read_text(encoding="utf-8")


def plumber_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


@pytest.mark.parametrize("name", BORN_DIGITAL)
def test_born_digital_text_matches_golden(name: str, record_property) -> None:
    doc = read(name)
    ours = cer(doc.text, golden(name))
    theirs = cer(plumber_text(PDF_DIR / f"{name}.pdf"), golden(name))
    record_property("cer_ours", ours)
    record_property("cer_pdfplumber_default", theirs)
    print(f"{name}: CER ours {ours:.4%}, pdfplumber default {theirs:.4%}")
    assert doc.status is Status.SUCCESS
    assert ours <= 0.005
    assert ours < theirs


def test_pua_fixture_really_has_pua_in_its_text_layer() -> None:
    doc = read("pua-loma")
    raw = doc.pages[0].raw
    assert sum("\uf700" <= c <= "\uf71a" for c in raw) >= 10
    assert not any("\uf700" <= c <= "\uf71a" for c in doc.text)
    assert "ป่าไม้" in doc.text and "กตัญญู" in doc.text


@pytest.mark.parametrize("name", ["lo-laksaman", "lo-norasi"])
def test_pages_keep_raw_text_quality_and_producer(name: str) -> None:
    doc = read(name)
    assert [p.number for p in doc.pages] == list(range(1, len(doc.pages) + 1))
    assert doc.producer and "LibreOffice" in doc.producer
    for page in doc.pages:
        assert page.raw and page.text and not page.ocr and page.unreadable is None
        assert page.quality is not None and page.quality >= 0.9
    assert "น้ำท่วม" in doc.text and "สื่อการเรียนรู้" in doc.text and "ทั้งหมด" in doc.text


@pytest.mark.parametrize("name", ["lo-laksaman", "lo-garuda", "lo-norasi", "lo-loma"])
def test_table_cells_are_exact(name: str) -> None:
    expected = json.loads((PDF_DIR / "table.json").read_text(encoding="utf-8"))
    doc = read(name)
    assert [t.rows for t in doc.tables] == [expected]
    cells = [b for p in doc.pages for b in p.blocks if b.kind is BlockKind.TABLE_CELL]
    assert {(b.row, b.col) for b in cells} == {(r, c) for r in range(4) for c in range(4)}
    # table text is not repeated as body paragraphs
    paras = " ".join(b.text for p in doc.pages for b in p.blocks if b.kind is BlockKind.PARAGRAPH)
    assert "ผู้รับผิดชอบ" not in paras


def test_headings_and_paragraphs() -> None:
    doc = read("lo-garuda")
    headings = [(b.level, b.text) for p in doc.pages for b in p.blocks
                if b.kind is BlockKind.HEADING]
    texts = [t for _, t in headings]
    assert (2, "1.1 การสำรองข้อมูลและการกู้คืนระบบ") in headings
    assert (2, "๒.๑ การพัฒนาบุคลากรด้านฐานข้อมูล") in headings
    assert any(t.startswith("1. ความเป็นมา") for t in texts)
    assert not any(t.startswith("๒๒.๐๐") for t in texts)  # a time in a sentence, not a heading
    paras = [b for b in doc.pages[0].blocks if b.kind is BlockKind.PARAGRAPH]
    assert paras and paras[0].text.startswith("สำนักงานได้ทบทวน")


def test_scanned_page_without_tesseract_is_unreadable_not_empty(monkeypatch) -> None:
    from evidence_review.extractors import ocr

    monkeypatch.setattr(ocr, "unavailable",
                        lambda languages="tha+eng": text(MessageKey.OCR_NOT_INSTALLED))
    doc = read("scanned", PdfOptions(ocr=True))
    page = doc.pages[0]
    assert doc.status is Status.PARTIAL
    assert page.text == "" and not page.ocr
    assert page.unreadable == (
        "หน้าที่สแกนเป็นภาพ: ยังไม่ได้ติดตั้งโปรแกรม OCR (แพ็กเกจ Debian tesseract-ocr "
        "tesseract-ocr-tha) [scanned page: OCR needs Debian tesseract-ocr tesseract-ocr-tha]")
    assert doc.errors[0].message == page.unreadable
    assert doc.errors[0].category is ErrorCategory.MISSING_TOOL and doc.errors[0].page == 1


def test_encrypted_pdf_is_reported() -> None:
    with pytest.raises(ExtractionError) as err:
        read("encrypted")
    assert err.value.category is ErrorCategory.ENCRYPTED
    assert err.value.message == PDF_PASSWORD


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda b: b[: len(b) // 3], id="truncated"),
        pytest.param(lambda b: b"%PDF-1.4\n" + bytes(range(256)) * 8, id="garbage"),
        pytest.param(lambda b: b"%PDF-1.7\n", id="header-only"),
    ],
)
def test_damaged_pdf_is_corrupt_with_short_reason(tmp_path: Path, make) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(make((PDF_DIR / "lo-loma.pdf").read_bytes()))
    with pytest.raises(ExtractionError) as err:
        PdfExtractor(NO_OCR).extract(record(bad), Limits())
    assert err.value.category is ErrorCategory.CORRUPT
    assert err.value.message == ("ไฟล์ PDF เสียหายหรือไม่สมบูรณ์ "
                                 "[not a readable PDF (damaged or truncated)]")


def test_too_many_pages_is_a_limit() -> None:
    with pytest.raises(ExtractionError) as err:
        read("lo-loma", limits=Limits(max_pages=1))
    assert err.value.category is ErrorCategory.LIMIT
    assert err.value.message == (
        "ไฟล์ PDF มี 2 หน้า เกินกำหนด 1 หน้า [PDF has 2 pages, over the limit of 1]")


def test_public_extract_never_raises_for_bad_pdfs(tmp_path: Path) -> None:
    enc = extract(PDF_DIR / "encrypted.pdf")
    assert enc.status is Status.FAILURE and enc.error == PDF_PASSWORD
    bad = tmp_path / "cut.pdf"
    bad.write_bytes((PDF_DIR / "lo-loma.pdf").read_bytes()[:5000])
    cut = extract(bad)
    assert cut.status is Status.FAILURE and cut.errors[0].category is ErrorCategory.CORRUPT
    good = extract(PDF_DIR / "lo-loma.pdf")
    assert good.status is Status.SUCCESS and good.sha256 and good.format is FileFormat.PDF


SUBMISSIONS = FIXTURES / "submissions"


def _cells(relative: str) -> set[str]:
    doc = PdfExtractor(NO_OCR).extract(record(SUBMISSIONS / relative), Limits())
    return {cell for t in doc.tables for row in t.rows for cell in row}


def test_wrapped_table_cells_keep_the_documents_own_spaces() -> None:
    """A cell's text wraps over lines: a space the document wrote where a line breaks stays
    one space (it separates words); a Thai word broken across lines joins without one; no
    space opens a bracket. (Cells as the sources of fixtures/corpus write them.)"""
    plan = _cells("s17-service-registration/แผนปฏิบัติการฯ_2550_กทบ.pdf")
    assert "จัดทำ IT Contingency Plan และเตรียม DR site ที่ศูนย์ข้อมูลกระทรวง พร้อมซ้อมแผน" in plan
    assert "ปรับปรุงระบบทะเบียนให้รองรับร้านเกม ร้านอินเทอร์เน็ต และการรับชำระผ่านธนาคาร" in plan
    assert "ศูนย์เทคโนโลยีสารสนเทศ / กองแผนงาน" in plan
    border = _cells("s05-border-trade/attachment_2.pdf")
    assert "ปรับระบบสถิติการค้าชายแดนรองรับ HS 2007 และด่านใหม่ ๒ แห่ง" in border
    assert "ปรับ EIS ให้ดึงข้อมูลรายวัน และเปิด Web Service ให้หอการค้าจังหวัด" in border
    assert "งบประมาณ (บาท)" in _cells("s13-livestock-regions/เอกสารแนบ 2 แผนปฏิบัติการ.pdf")


def _plan_docx(path: Path, names: list[str]) -> None:
    """A DOCX plan: a numbered activity table, one row per name."""
    from docx import Document as Docx
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Docx()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(14)
    normal.font.name = "Norasi"  # fonts-thai-tlwg, as the fixture PDFs use
    normal.element.rPr.rFonts.set(qn("w:cs"), "Norasi")
    doc.add_paragraph("แผนปฏิบัติการ ปีงบประมาณ พ.ศ. 2550")
    rows = [["ลำดับ", "กิจกรรม", "ระยะเวลา", "ผู้รับผิดชอบ", "ตัวชี้วัด"]]
    rows += [[str(n), name, "ม.ค. - มิ.ย. 2550", "กลุ่มสารสนเทศ", f"ร้อยละ {80 + n}"]
             for n, name in enumerate(names, start=1)]
    table = doc.add_table(rows=len(rows), cols=5)
    table.style = "Table Grid"
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    doc.save(str(path))


@pytest.mark.libreoffice
@pytest.mark.slow
def test_plan_rows_cut_by_page_breaks_in_a_libreoffice_pdf_read_whole(tmp_path: Path) -> None:
    """Tall rows in a LibreOffice PDF break across pages (no header repeated), one row over
    a whole page and the last one onto a page of its own (one ruled row there): each
    activity is read once, with its whole name."""
    from support import need_tool

    from evidence_review.plans.cells import squash
    from evidence_review.plans.completeness import check_plan

    soffice = need_tool("soffice", "libreoffice-writer-nogui")
    import subprocess

    words = ["ปรับปรุงระบบทะเบียน", "จัดทำฐานข้อมูลตัวชี้วัด", "อบรมเจ้าหน้าที่จังหวัด",
             "สำรองข้อมูลและทดสอบการกู้คืน", "ตรวจสอบความมั่นคงปลอดภัย", "ติดตั้งตู้ kiosk"]
    names = [" ".join(f"{w} ระยะที่ {k}" for k in range(1, 16)) for w in words]
    source = tmp_path / "plan.docx"
    _plan_docx(source, names)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    doc = PdfExtractor(NO_OCR).extract(record(tmp_path / "plan.pdf"), Limits())
    assert len({t.page for t in doc.tables}) >= 2  # the table does run over pages
    result = check_plan(doc)
    assert [squash(a.name) for a in result.activities] == [squash(n) for n in names]
    assert all(not a.missing or a.missing == ["expected_result"] for a in result.activities)
    assert any("page break" in n for n in result.notes)


def test_one_ruled_row_on_a_page_is_a_table_whose_text_stays_body_text() -> None:
    """The end of a row a page break carried onto the next page, in a ruled box of its own:
    kept as a one-row table (plans join it to its row), its text still the page's body text
    as before (the classifier reads it there)."""
    doc = PdfExtractor(NO_OCR).extract(
        record(SUBMISSIONS / "s08-teacher-welfare/แผนปฏิบัติการ.pdf"), Limits())
    page = doc.pages[1]
    assert [len(t.rows) for t in page.tables] == [1]
    assert page.tables[0].rows[0][0].startswith("อบรมหลักสูตรผู้ดูแลฐานข้อมูล")
    assert not [b for b in page.blocks if b.kind is BlockKind.TABLE_CELL]
    assert any("อบรมหลักสูตรผู้ดูแลฐานข้อมูล" in b.text for b in page.blocks
               if b.kind is BlockKind.PARAGRAPH)
