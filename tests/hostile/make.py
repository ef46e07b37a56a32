"""Makers of valid base files and hostile variants of them (seeded, so runs are repeatable).

Everything is written into a folder the caller gives (a pytest tmp dir); nothing here touches
the repository.
"""

from __future__ import annotations

import os
import random
import zipfile
from pathlib import Path

from evidence_review.rubric.model import Rubric

#: Phrases the base documents contain, so a screened base file has proposals to compare.
BACKUP = "การสำรองข้อมูล"
CONTINGENCY = "แผนฉุกเฉิน"


def minimal_rubric(extra_phrase: str | None = None) -> Rubric:
    """A small valid rubric (two sub-issues); ``extra_phrase`` changes its hash."""
    phrases = [{"text": BACKUP, "kind": "anchor"}]
    if extra_phrase:
        phrases.append({"text": extra_phrase})
    return Rubric.model_validate({
        "id": "test", "title_th": "ทดสอบ", "title_en": "test", "fiscal_year_be": 2550,
        "indicator_weight": "4",
        "issues": [{"id": "3", "title_th": "ศูนย์ปฏิบัติการ", "name_en": "IT operations"}],
        "subissues": [
            {"id": "3.1", "issue": "3", "title_th": "สำรองข้อมูล", "name_en": "backup",
             "phrases": phrases},
            {"id": "3.4", "issue": "3", "title_th": "แผนฉุกเฉิน", "name_en": "contingency",
             "phrases": [{"text": CONTINGENCY, "kind": "anchor"}]},
        ],
        "criteria": [{"id": 1, "kind": "review_count", "title_th": "ทบทวน", "name_en": "review",
                      "weight": "1", "thresholds": ["6", "7", "8", "9", "10"]}],
        "role_phrases": {"plan": ["แผนปฏิบัติการ"]},
    })


# -- valid base files ---------------------------------------------------------------------
def make_docx(path: Path, text: str = f"แผนปฏิบัติการ {BACKUP} และ {CONTINGENCY}") -> Path:
    import docx

    d = docx.Document()
    d.add_heading("แผนปฏิบัติการ", level=1)
    for line in text.split("\n"):
        d.add_paragraph(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


def make_xlsx(path: Path, rows: int = 5) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["กิจกรรม", "น้ำหนัก", "ร้อยละ"])
    for i in range(rows):
        ws.append([f"{BACKUP} ครั้งที่ {i + 1}", 10, 100])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    return path


def _pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF file from numbered object bodies (object 1 is the catalog), with a right xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += (b"trailer\n<< /Size %d /Root 1 0 R " % (len(objects) + 1) + trailer_extra
            + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


def _content(text: str) -> bytes:
    stream = b"BT /F1 12 Tf 72 720 Td (" + text.encode("latin-1") + b") Tj ET"
    return b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"


def pdf_bytes(pages: list[str]) -> bytes:
    """A small text PDF (Helvetica, ASCII text), one page per string."""
    n = len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % n,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, text in enumerate(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(_content(text))
    return _pdf(objects)


def make_pdf(path: Path, pages: list[str] | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf_bytes(pages or ["Backup and recovery plan", "Contingency plan"]))
    return path


# -- hostile files ------------------------------------------------------------------------
def pdf_many_pages(path: Path, count: int = 5000) -> Path:
    """A tiny PDF claiming ``count`` pages: one page object referenced ``count`` times."""
    kids = b" ".join([b"4 0 R"] * count)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
               b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
               _content("same page again")]
    path.write_bytes(_pdf(objects))
    return path


def pdf_encrypted(path: Path) -> Path:
    """A PDF with a Standard security handler whose user password is not empty."""
    rng = random.Random(7)
    o = bytes(rng.randrange(256) for _ in range(32)).hex().encode()
    u = bytes(rng.randrange(256) for _ in range(32)).hex().encode()
    file_id = bytes(rng.randrange(256) for _ in range(16)).hex().encode()
    base = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
            _content("secret"),
            b"<< /Filter /Standard /V 1 /R 2 /O <" + o + b"> /U <" + u + b"> /P -44 >>"]
    path.write_bytes(_pdf(base, b"/Encrypt 6 0 R /ID [<" + file_id + b"> <" + file_id + b">]"))
    return path


def zip_bomb(path: Path, template: Path, mb: int = 60) -> Path:
    """``template`` (a DOCX/XLSX) plus a member of ``mb`` MB of zeros (ratio about 1000:1)."""
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        with dst.open("word/media/zeros.bin", "w") as fh:
            chunk = bytes(1 << 20)
            for _ in range(mb):
                fh.write(chunk)
    return path


def zip_slip(path: Path, template: Path) -> Path:
    """``template`` plus members whose names climb out of the extraction folder."""
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("../../../../tmp/evil.txt", "pwned")
        dst.writestr("/etc/evil.txt", "pwned")
    return path


def corrupt_variants(base: Path, out_dir: Path, count: int, seed: int) -> list[Path]:
    """``count`` damaged copies of ``base``: truncated at a random point, or with 1-16 random
    bits flipped (seeded, so the same files every run)."""
    rng = random.Random(seed)
    data = base.read_bytes()
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(count):
        buf = bytearray(data)
        if i % 2 == 0:
            buf = buf[: rng.randrange(1, len(buf))]
            kind = "trunc"
        else:
            for _ in range(rng.randint(1, 16)):
                pos = rng.randrange(len(buf))
                buf[pos] ^= 1 << rng.randrange(8)
            kind = "flip"
        target = out_dir / f"{base.stem}-{kind}-{i:03d}{base.suffix}"
        target.write_bytes(bytes(buf))
        made.append(target)
    return made


def odd_names(folder: Path, template: Path) -> list[Path]:
    """Copies of ``template`` under Thai names and names with spaces, quotes, emoji and a
    newline (in a folder whose own name is Thai with spaces)."""
    names = ["รายงาน ผลการดำเนินงาน ปี 2550.docx", 'แผน "ฉบับจริง" (แก้ไข).docx',
             "it's a file; rm -rf.docx", "สรุป 😀 emoji.docx", "line\nbreak.docx",
             "  leading and trailing  .docx", "ไฟล์%20encoded&amp.docx"]
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for name in names:
        target = folder / name
        target.write_bytes(template.read_bytes())
        made.append(target)
    return made


def symlink_loops(folder: Path) -> None:
    """A link back to an ancestor folder, a link to itself and a dangling link."""
    folder.mkdir(parents=True, exist_ok=True)
    os.symlink(folder, folder / "loop-to-self-folder")
    os.symlink(folder / "self-link", folder / "self-link")
    os.symlink(folder / "does-not-exist.pdf", folder / "dangling.pdf")


def many_tiny_files(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"note-{i:05d}.txt").write_text(f"{BACKUP} {i}\n", encoding="utf-8")


def xlsx_huge_dimension(path: Path) -> Path:
    """A ~1.5 KB XLSX whose sheet declares ``A1:XFD1048576`` and holds two real cells (A1 and
    XFD1048576): readers that trust the declared size walk 17 billion cells."""
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<dimension ref="A1:XFD1048576"/><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>การสำรองข้อมูล</t></is></c></row>'
             '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>ท้าย</t></is></c></row>'
             '</sheetData></worksheet>')
    parts = {
        "[Content_Types].xml":
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
            '/package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
            '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
            '"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels":
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml":
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats'
            '.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships"><sheets><sheet name="แผ่น1" sheetId="1" '
            'r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            z.writestr(name, text)
    return path


def text_one_line(path: Path, mb: int) -> Path:
    """A text file of ``mb`` MB on one line (Thai words repeated, no newline)."""
    chunk = (BACKUP + " ").encode("utf-8") * 4096
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        written = 0
        while written < mb * 1024 * 1024:
            fh.write(chunk)
            written += len(chunk)
    return path
