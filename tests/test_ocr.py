"""OCR of an image-only page with Tesseract (tha+eng), then Thai repair."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import FIXTURES, need_tool

from evidence_review.extractors import ocr
from evidence_review.extractors.model import Status
from evidence_review.extractors.pdf import PdfExtractor, PdfOptions
from evidence_review.intake import FileFormat, IntakeRecord, Limits
from evidence_review.thaitext.metrics import cer

SCANNED = FIXTURES / "pdf" / "scanned.pdf"
pytestmark = pytest.mark.ocr


def golden() -> str:
    path = FIXTURES / "pdf" / "scanned.txt"
    if not path.exists():
        pytest.fail(f"missing golden file {path}")
    return path.read_text(encoding="utf-8")


def test_scanned_page_is_ocred_and_repaired(record_property) -> None:
    need_tool("tesseract", "tesseract-ocr tesseract-ocr-tha")
    rec = IntakeRecord(path=SCANNED, size=SCANNED.stat().st_size, sha256="",
                       format=FileFormat.PDF)
    doc = PdfExtractor(PdfOptions(ocr=True)).extract(rec, Limits())
    page = doc.pages[0]
    raw_cer, repaired_cer = cer(page.raw, golden()), cer(page.text, golden())
    record_property("cer_ocr_raw", raw_cer)
    record_property("cer_ocr_repaired", repaired_cer)
    print(f"scanned page: CER raw OCR {raw_cer:.2%}, after repair {repaired_cer:.2%}")
    assert doc.status is Status.SUCCESS
    assert page.ocr and page.unreadable is None and page.quality and page.quality > 0.6
    assert repaired_cer <= 0.03
    assert repaired_cer < raw_cer  # repair fixes what Tesseract writes (ํ+า for ำ)
    assert "\u0e4d\u0e32" in page.raw and "\u0e4d\u0e32" not in page.text
    assert page.blocks and page.blocks[0].text


def test_ocr_timeout_is_a_one_line_error(tmp_path: Path) -> None:
    need_tool("tesseract", "tesseract-ocr tesseract-ocr-tha")
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(SCANNED)
    png = ocr.render_page(pdf[0], tmp_path / "p.png", dpi=300)
    pdf.close()
    with pytest.raises(ocr.OcrError) as err:
        ocr.ocr_image(png, "tha+eng", timeout_s=0.01)
    assert str(err.value) == "OCR ใช้เวลาเกิน 0.01 วินาที [OCR took longer than 0.01 s]"


def test_missing_language_data_is_named() -> None:
    need_tool("tesseract", "tesseract-ocr tesseract-ocr-tha")
    assert ocr.unavailable("tha+eng") is None
    reason = ocr.unavailable("tha+xyz")
    assert reason is not None and str(reason) == (
        "โปรแกรม OCR ขาดข้อมูลภาษา xyz (แพ็กเกจ Debian tesseract-ocr tesseract-ocr-tha) "
        "[OCR needs Debian tesseract-ocr tesseract-ocr-tha (Tesseract lacks language data: xyz)]")
