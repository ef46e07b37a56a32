"""Issue 12 fixtures (fixtures/make_extract_fixtures.py): tables whose cells wrap, in every TLWG
font LibreOffice uses, and an Acrobat-family PDF whose Thai font maps digits and raised marks
to Latin letters."""

from __future__ import annotations

import re
import sys

import pytest
from support import FIXTURES

from evidence_review.extractors.model import BlockKind, Status
from evidence_review.extractors.pdf import PdfExtractor, PdfOptions
from evidence_review.intake import FileFormat, IntakeRecord, Limits
from evidence_review.thaitext.metrics import cer

PDF_DIR = FIXTURES / "pdf"
sys.path.insert(0, str(FIXTURES))
import make_extract_fixtures as fx  # noqa: E402

TABLE_FONTS = sorted(p.stem for p in PDF_DIR.glob("table-*.pdf") if "unruled" not in p.stem)
UNRULED = sorted(p.stem for p in PDF_DIR.glob("table-*-unruled.pdf"))


def read(name: str, **options):
    path = PDF_DIR / f"{name}.pdf"
    rec = IntakeRecord(path=path, size=path.stat().st_size, sha256="", format=FileFormat.PDF)
    return PdfExtractor(PdfOptions(ocr=False, **options)).extract(rec, Limits())


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def golden(name: str) -> str:
    return (PDF_DIR / f"{name}.txt").read_text(encoding="utf-8")


def test_every_installed_tlwg_font_has_a_table_fixture() -> None:
    assert {"table-garuda", "table-laksaman", "table-loma", "table-norasi"} <= set(TABLE_FONTS)


@pytest.mark.parametrize("name", TABLE_FONTS)
def test_table_cells_read_whole_in_row_order(name: str, record_property) -> None:
    doc = read(name)
    ours = cer(doc.text, golden(name))
    record_property("cer", ours)
    print(f"{name}: CER {ours:.4%}")
    assert doc.status is Status.SUCCESS and ours <= 0.002
    assert [len(t.rows) for t in doc.tables] == [len(fx.TABLE)]
    # every cell whole, its lines joined (a word gap at a wrap may be lost: spaces aside)
    assert [[squash(c) for c in row] for row in doc.tables[0].rows] == \
        [[squash(c) for c in row] for row in fx.TABLE]
    cells = [squash(b.text) for b in doc.pages[0].blocks if b.kind is BlockKind.TABLE_CELL]
    assert cells == [squash(cell) for row in fx.TABLE for cell in row]
    for cell in cells:  # the page text reads each cell in one piece too
        assert cell in squash(doc.pages[0].text), cell


@pytest.mark.parametrize("name", UNRULED)
def test_table_without_ruling_lines_reads_each_cell_whole(name: str, record_property) -> None:
    """No ruling lines: the table is found by its columns' alignment (pdf/unruled.py), each
    cell whole with its wrapped lines, in row order; the text reads cell by cell too."""
    assert len(UNRULED) >= 4
    doc = read(name)
    ours = cer(doc.text, golden(name))
    record_property("cer", ours)
    print(f"{name}: CER {ours:.4%}")
    assert ours <= 0.002
    text = squash(doc.text)
    for row in fx.TABLE:
        for cell in row:
            assert squash(cell) in text, cell
    assert [[squash(c) for c in row] for t in doc.tables for row in t.rows] == \
        [[squash(c) for c in row] for row in fx.TABLE]
    # a word gap the document wrote where a cell wraps is kept
    assert any("ร้อยละ 80" in c for row in doc.tables[0].rows for c in row)
    cells = [b for b in doc.pages[0].blocks if b.kind is BlockKind.TABLE_CELL]
    assert [squash(b.text) for b in cells] == [squash(c) for row in fx.TABLE for c in row]
    # the title above and the note below stay body text
    body = [b.text for b in doc.pages[0].blocks if b.kind is not BlockKind.TABLE_CELL]
    assert any(t.startswith("แผนปฏิบัติการ") for t in body)
    assert any(t.startswith("หมายเหตุ") for t in body)


def test_table_cell_boxes_lie_in_the_table() -> None:
    doc = read("table-garuda")
    page = doc.pages[0]
    at = page.text.index("ศูนย์เทคโนโลยี")
    box = page.box(at, at + 5)
    assert box is not None and page.size is not None
    left, top, right, bottom = box
    assert 0 < left < right < page.size[0] and 0 < top < bottom < page.size[1] / 2


def test_acrobat_family_digits_and_marks_mapped_from_the_font() -> None:
    doc = read("acrobat-digits")
    page = doc.pages[0]
    assert "Ś" in page.raw and "É" in page.raw  # the broken map is really there
    assert cer(doc.text, golden("acrobat-digits")) == 0.0
    assert "พ.ศ. ๒๕๖๕" in page.text and "๔,๘๙๒,๑๐๐" in page.text
    assert {"font_latin_digits", "font_latin1_marks"} <= set(page.repairs)
    assert page.quality == 1.0 and not page.ocr


def test_text_only_fallback_maps_the_same_patterns() -> None:
    from evidence_review.thaitext import repair

    assert repair("ปีงบประมาณ ŚŝŞŝ ทีÉ นํÊา") == "ปีงบประมาณ ๒๕๖๕ ที่ น้ำ"
    assert repair("Škoda CAFÉ") == "Škoda CAFÉ"


def test_offsets_point_at_the_chars_read() -> None:
    """Each char of the page text maps to the pdfium char it was read from (-1 for line
    breaks and chars a repair made)."""
    import pypdfium2 as pdfium

    doc = read("table-norasi")
    page = doc.pages[0]
    assert len(page.offsets) == len(page.text)
    pdf = pdfium.PdfDocument(PDF_DIR / "table-norasi.pdf")
    chars = pdf[0].get_textpage().get_text_range()
    pdf.close()
    same = sum(1 for ch, k in zip(page.text, page.offsets, strict=True)
               if k >= 0 and chars[k] == ch)
    assert same >= 0.95 * sum(1 for ch in page.text if not ch.isspace())


def test_scan_cleaning_levels_a_rotated_page() -> None:
    """Deskew finds a known rotation of a page of text lines; despeckle removes isolated
    specks and keeps the text."""
    import cv2
    import numpy as np

    from evidence_review.extractors import scan

    img = np.full((900, 700), 255, np.uint8)
    for k in range(12):
        cv2.putText(img, "lorem ipsum dolor sit amet", (40, 60 + 65 * k),
                    cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    rng = np.random.default_rng(1)
    for _ in range(200):
        cv2.circle(img, (int(rng.integers(0, 700)), int(rng.integers(0, 900))), 1, 0, -1)
    tilted = scan.rotate(img, 1.2)
    page, angle = scan.clean(tilted)
    assert abs(angle + 1.2) <= 0.2
    ink_before, ink_after = scan.binarise(tilted).sum(), scan.binarise(page).sum()
    assert ink_after < ink_before  # specks gone
    assert ink_after > 0.8 * scan.binarise(img).sum()  # text kept
