"""Non-PDF formats: the committed Thai samples read back exactly (CER 0 against golden text
rendered from the fixture spec), with the structure a reviewer relies on."""

from __future__ import annotations

import pytest
from support import FIXTURES, need_tool

from evidence_review.extractors import BlockKind, Status, extract
from evidence_review.intake import FileFormat
from evidence_review.thaitext import cer

FORMATS = FIXTURES / "formats"

#: sample -> (format, pages)
SAMPLES = {
    "sample.docx": (FileFormat.DOCX, 2),
    "sample.xlsx": (FileFormat.XLSX, 2),
    "sample-tis620.xls": (FileFormat.XLS_HTML, 1),
    "sample.html": (FileFormat.HTML, 1),
    "sample-tis620.txt": (FileFormat.TEXT, 2),
    "sample-utf16.txt": (FileFormat.TEXT, 2),
}
LEGACY = {"sample.doc": (FileFormat.DOC, 2), "sample.xls": (FileFormat.XLS, 2)}


def golden(name: str) -> str:
    path = FORMATS / f"{name}.golden.txt"
    assert path.exists(), f"missing golden file {path}: run fixtures/make_format_fixtures.py"
    return path.read_text(encoding="utf-8")


def check_sample(name: str, fmt: FileFormat, pages: int) -> None:
    doc = extract(FORMATS / name)
    assert doc.status is Status.SUCCESS, doc.error
    assert doc.format is fmt
    assert len(doc.pages) == pages
    assert [p.number for p in doc.pages] == list(range(1, pages + 1))
    assert cer(doc.text, golden(name)) == 0.0, doc.text


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_sample_reads_exactly(name: str) -> None:
    check_sample(name, *SAMPLES[name])


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", sorted(LEGACY))
def test_legacy_sample_reads_exactly_through_libreoffice(name: str) -> None:
    need_tool("soffice", "libreoffice-writer-nogui libreoffice-calc-nogui")
    check_sample(name, *LEGACY[name])


def test_docx_structure_headings_lists_and_merged_table() -> None:
    doc = extract(FORMATS / "sample.docx")
    first = doc.pages[0]
    headings = [(b.level, b.text) for b in first.blocks if b.kind is BlockKind.HEADING]
    assert headings[1:] == [(1, "ส่วนที่ ๑ ข้อมูลทั่วไป"), (2, "๑.๑ การรักษาความปลอดภัยของข้อมูล")]
    items = [b.text for b in first.blocks if b.kind is BlockKind.LIST_ITEM]
    assert len(items) == 3 and items[2] == "ทดสอบการกู้คืนข้อมูลปีละ ๒ ครั้ง"
    (table,) = first.tables
    assert table.rows[0] == ["แผนปฏิบัติการ ปีงบประมาณ ๒๕๕๐"] * 3  # horizontal merge
    assert table.rows[3][0] == table.rows[2][0] == "จัดทำแผนสำรองข้อมูล"  # vertical merge
    cells = [b for b in first.blocks if b.kind is BlockKind.TABLE_CELL]
    assert {(b.table, b.row, b.col) for b in cells} >= {(0, 0, 0), (0, 3, 2)}
    assert sum(b.text == "จัดทำแผนสำรองข้อมูล" for b in cells) == 1  # merged cell: one block
    # the page break splits the document; the page header is not body text
    assert doc.pages[1].blocks[0].text == "ส่วนที่ ๒ ผลการดำเนินงาน"
    assert "หัวกระดาษ" not in doc.text


def test_xlsx_one_page_per_sheet_with_numbers_as_shown() -> None:
    doc = extract(FORMATS / "sample.xlsx")
    assert [p.blocks[0].text for p in doc.pages] == ["สรุปผล", "แผนงาน"]
    assert all(p.blocks[0].kind is BlockKind.HEADING for p in doc.pages)
    rows = doc.pages[0].tables[0].rows
    assert rows[0] == ["ผลการดำเนินงาน ปีงบประมาณ ๒๕๕๐"] * 4
    assert rows[2][1:] == ["12", "10", "83.33%"]
    assert rows[4][1:] == ["150,000", "120,500.50", "80.3%"]
    assert doc.pages[1].tables[0].rows[3][0] == "ฝึกอบรมเจ้าหน้าที่"


def test_html_xls_spans_and_headings() -> None:
    doc = extract(FORMATS / "sample-tis620.xls")
    (table,) = doc.tables
    assert table.rows[0] == ["หน่วยงาน", "จำนวนระบบ", "จำนวนระบบ"]
    assert table.rows[1] == ["หน่วยงาน", "ระบบหลัก", "ระบบสนับสนุน"]
    assert doc.pages[0].blocks[0].kind is BlockKind.HEADING
    html = extract(FORMATS / "sample.html")
    assert "ignored" not in html.text and "ไม่ใช่เนื้อหา" not in html.text


def test_text_pages_and_numbered_headings() -> None:
    doc = extract(FORMATS / "sample-tis620.txt")
    headings = [(b.level, b.text) for p in doc.pages for b in p.blocks
                if b.kind is BlockKind.HEADING]
    assert headings == [(1, "๑. การทบทวนระบบฐานข้อมูล"), (2, "๑.๑ ความปลอดภัยของระบบ"),
                        (1, "ส่วนที่ ๒ แผนปฏิบัติการ")]
    items = [b.text for b in doc.pages[0].blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == ["- มีการสำรองข้อมูลทุกวัน", "- มีแผนกู้คืนระบบเมื่อเกิดเหตุฉุกเฉิน"]


def test_extension_does_not_decide_the_format(tmp_path) -> None:
    disguised = tmp_path / "รายงาน.pdf"
    disguised.write_bytes((FORMATS / "sample.docx").read_bytes())
    doc = extract(disguised)
    assert doc.format is FileFormat.DOCX and doc.status is Status.SUCCESS
    assert cer(doc.text, golden("sample.docx")) == 0.0


def test_docx_page_break_styles(tmp_path) -> None:
    """pageBreakBefore and a new-page section break both start a page; lastRenderedPageBreak
    (Word's layout hint) does not."""
    import docx
    from docx.enum.section import WD_SECTION

    document = docx.Document()
    document.add_paragraph("หน้าหนึ่ง")
    document.add_paragraph("หน้าสอง").paragraph_format.page_break_before = True
    document.add_section(WD_SECTION.NEW_PAGE)
    last = document.add_paragraph("หน้าสาม")
    last.runs[0]._r.append(docx.oxml.parse_xml(
        '<w:lastRenderedPageBreak xmlns:w="http://schemas.openxmlformats.org/'
        'wordprocessingml/2006/main"/>'))
    document.add_paragraph("ยังหน้าสาม")
    path = tmp_path / "breaks.docx"
    document.save(str(path))
    doc = extract(path)
    assert [p.text.split("\n") for p in doc.pages] == [
        ["หน้าหนึ่ง"], ["หน้าสอง"], ["หน้าสาม", "ยังหน้าสาม"]]
