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


def _read(path: Path):
    rec = IntakeRecord(path=path, size=path.stat().st_size, sha256="", format=FileFormat.PDF)
    return PdfExtractor(PdfOptions(ocr=True)).extract(rec, Limits())


@pytest.mark.parametrize("name", ["scan-noisy-1", "scan-noisy-2"])
def test_noisy_office_scan_reads_within_two_percent(name: str, record_property) -> None:
    """Grey 200 dpi, rotated 0.5-1.5 degrees, blurred, specks, a dark lid edge (seeded,
    fixtures/make_extract_fixtures.py): cleaned before Tesseract, noise words dropped."""
    need_tool("tesseract", "tesseract-ocr tesseract-ocr-tha")
    doc = _read(FIXTURES / "pdf" / f"{name}.pdf")
    page = doc.pages[0]
    ref = (FIXTURES / "pdf" / f"{name}.txt").read_text(encoding="utf-8")
    ours = cer(page.text, ref)
    record_property("cer", ours)
    print(f"{name}: CER {ours:.2%}, quality {page.quality}")
    assert doc.status is Status.SUCCESS and page.ocr and page.unreadable is None
    assert ours <= 0.02
    assert page.quality is not None and 0.6 <= page.quality < 1.0  # honest, not perfect
    # structure from the TSV: the numbered heading, paragraphs, a box for every word read
    assert any(b.kind.value == "heading" and b.text.startswith("1.") for b in page.blocks)
    assert page.spans and page.size is not None
    assert all(0 <= s.box[0] < s.box[2] <= page.size[0] for s in page.spans)


def test_noisy_scan_of_a_table_keeps_its_cells(record_property) -> None:
    need_tool("tesseract", "tesseract-ocr tesseract-ocr-tha")
    import re

    doc = _read(FIXTURES / "pdf" / "scan-noisy-table.pdf")
    ref = (FIXTURES / "pdf" / "scan-noisy-table.txt").read_text(encoding="utf-8")
    ours = cer(doc.text, ref)
    record_property("cer", ours)
    print(f"scan-noisy-table: CER {ours:.2%}")
    assert ours <= 0.07  # cell by cell, as the golden reads; line by line it was 67%
    assert [(len(t.rows), len(t.rows[0])) for t in doc.tables] == [(4, 4)]
    first = [re.sub(r"\s+", "", c) for c in doc.tables[0].rows[0]]
    assert cer("".join(first), "กิจกรรมระยะเวลาผู้รับผิดชอบผลที่คาดว่าจะได้รับ") <= 0.1


def test_a_page_ocr_cannot_read_scores_below_the_threshold(tmp_path: Path) -> None:
    """A badly blurred low-resolution scan: Tesseract reads part of it with confidence, but
    most of the page's writing is not covered, so the page is unreliable and the document
    partial -- never a silent success."""
    need_tool("tesseract", "tesseract-ocr tesseract-ocr-tha")
    import cv2
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    pdf = pdfium.PdfDocument(FIXTURES / "pdf" / "scan-noisy-1.pdf")
    img = np.array(pdf[0].render(scale=100 / 72, grayscale=True).to_pil())
    pdf.close()
    bad = tmp_path / "bad.pdf"
    Image.fromarray(cv2.GaussianBlur(img, (0, 0), 1.6)).save(bad, "PDF", resolution=100.0)
    doc = _read(bad)
    page = doc.pages[0]
    assert page.ocr and page.quality is not None and page.quality < 0.6
    assert doc.status is Status.PARTIAL
    assert page.unreadable and "OCR text is unreliable" in page.unreadable
