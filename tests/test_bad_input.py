"""Hostile and broken files: every one becomes a failure Document with a one-line reason
(never an exception), and ``evidence-review extract`` prints one line naming the file and exits
1. Inputs are made at test time from the committed samples."""

from __future__ import annotations

import hashlib
import io
import os
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import FIXTURES, need_tool

from evidence_review.cli import main
from evidence_review.extractors import ErrorCategory, ExtractOptions, OfficeOptions, Status, extract
from evidence_review.intake import FileFormat, Limits, discover
from evidence_review.thaitext import cer

FORMATS = FIXTURES / "formats"
SAMPLE_PDF = FIXTURES / "pdf" / "lo-garuda.pdf"


def _bitrot(data: bytes) -> bytes:
    """One bit flipped in every 7th byte after the first line (storage bit rot)."""
    return bytes(b ^ 0x01 if i > 9 and i % 7 == 0 else b for i, b in enumerate(data))


def _flip_member(data: bytes, member: str) -> bytes:
    """Garble 32 bytes of one member's compressed data (its CRC no longer matches)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(member)
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len + info.compress_size // 3
    return data[:start] + bytes(b ^ 0xA5 for b in data[start:start + 32]) + data[start + 32:]


def _zip_with(base: bytes, name: str, payload: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr(name, payload, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_password: bytes = b"secret") -> bytes:
    """A one-page PDF protected by a user password (standard security handler, RC4 40-bit,
    revision 2 of the PDF spec's algorithms 3.1-3.4), written by hand: no PDF library here
    can write encryption, and none should be installed for one test."""
    perms = -44
    file_id = hashlib.md5(b"evidence-review test").digest()
    owner_key = hashlib.md5((b"owner" + _PAD)[:32]).digest()[:5]
    o_entry = _rc4(owner_key, (user_password + _PAD)[:32])
    key = hashlib.md5((user_password + _PAD)[:32] + o_entry + struct.pack("<i", perms)
                      + file_id).digest()[:5]
    u_entry = _rc4(key, _PAD)
    content = _rc4(hashlib.md5(key + struct.pack("<i", 4)[:3] + b"\0\0").digest()[:10],
                   b"BT /F1 24 Tf 72 720 Td (secret) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + o_entry.hex().encode() + b"> /U <"
        + u_entry.hex().encode() + b"> /P %d >>" % perms,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    hex_id = file_id.hex().encode()
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 6 0 R /ID [<" % (len(objects) + 1)
            + hex_id + b"> <" + hex_id + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


def _docx() -> bytes:
    return (FORMATS / "sample.docx").read_bytes()


def _xlsx() -> bytes:
    return (FORMATS / "sample.xlsx").read_bytes()


def _pdf() -> bytes:
    return SAMPLE_PDF.read_bytes()


#: case id -> (file name, bytes maker, expected error category)
CASES: dict[str, tuple[str, Callable[[], bytes], ErrorCategory]] = {
    "zero-byte": ("ว่าง.docx", lambda: b"", ErrorCategory.REJECTED),
    "truncated-docx": ("report.docx", lambda: _docx()[: len(_docx()) // 2],
                       ErrorCategory.CORRUPT),
    "bitrot-docx": ("report.docx", lambda: _bitrot(_docx()), ErrorCategory.CORRUPT),
    "garbled-docx-member": ("report.docx", lambda: _flip_member(_docx(), "word/document.xml"),
                            ErrorCategory.CORRUPT),
    "truncated-xlsx": ("sheet.xlsx", lambda: _xlsx()[: len(_xlsx()) // 2],
                       ErrorCategory.CORRUPT),
    "bitrot-xlsx": ("sheet.xlsx", lambda: _bitrot(_xlsx()), ErrorCategory.CORRUPT),
    "garbled-xlsx-member": ("sheet.xlsx", lambda: _flip_member(_xlsx(), "xl/workbook.xml"),
                            ErrorCategory.CORRUPT),
    "truncated-pdf": ("scan.pdf", lambda: _pdf()[: len(_pdf()) // 2], ErrorCategory.CORRUPT),
    "bitrot-pdf": ("scan.pdf", lambda: _bitrot(_pdf()), ErrorCategory.CORRUPT),
    "password-pdf": ("locked.pdf", encrypted_pdf, ErrorCategory.ENCRYPTED),
    "zip-bomb-docx": ("bomb.docx",
                      lambda: _zip_with(_docx(), "word/media/fill.bin", bytes(30 * 2**20)),
                      ErrorCategory.UNSAFE),
    "zip-slip-docx": ("slip.docx", lambda: _zip_with(_docx(), "../../evil.txt", b"x"),
                      ErrorCategory.UNSAFE),
    "zip-slip-absolute-xlsx": ("slip.xlsx", lambda: _zip_with(_xlsx(), "/etc/evil", b"x"),
                               ErrorCategory.UNSAFE),
    "random-bytes-as-docx": ("real.docx", lambda: os.urandom(4096), ErrorCategory.REJECTED),
    "random-binary": ("blob.bin", lambda: bytes(range(256)) * 64, ErrorCategory.REJECTED),
    "other-zip-as-xlsx": ("photos.xlsx", lambda: _zip_with(
        _zip_with(b"PK\x05\x06" + bytes(18), "a.jpg", b"\xff\xd8"), "b.jpg", b"\xff\xd8"),
                          ErrorCategory.REJECTED),
}


_WORD_ZIP = "ไฟล์ Word เสียหาย (โครงสร้าง zip เสียหาย) [not a valid Word file (damaged zip)]"
_EXCEL_ZIP = "ไฟล์ Excel เสียหาย (โครงสร้าง zip เสียหาย) [not a valid Excel file (damaged zip)]"
_PDF_DAMAGED = "ไฟล์ PDF เสียหายหรือไม่สมบูรณ์ [not a readable PDF (damaged or truncated)]"
_UNKNOWN = ("ไม่ใช่รูปแบบไฟล์ที่รองรับ (รองรับ PDF, Word, Excel, HTML และไฟล์ข้อความ) "
            "[unrecognised format (not PDF, Word, Excel, HTML or text)]")
#: case id -> the whole message a user sees (a regular expression): Thai, then the English
MESSAGES: dict[str, str] = {
    "zero-byte": re.escape("ไฟล์ว่างเปล่า (0 ไบต์) [file is empty (0 bytes)]"),
    "truncated-docx": re.escape(_WORD_ZIP),
    "bitrot-docx": re.escape(_WORD_ZIP),
    "garbled-docx-member": re.escape(_WORD_ZIP),
    "truncated-xlsx": re.escape(_EXCEL_ZIP),
    "bitrot-xlsx": re.escape(_EXCEL_ZIP),
    "garbled-xlsx-member": re.escape(_EXCEL_ZIP),
    "truncated-pdf": re.escape(_PDF_DAMAGED),
    "bitrot-pdf": re.escape(_PDF_DAMAGED),
    "password-pdf": re.escape("ไฟล์ PDF ถูกตั้งรหัสผ่าน เปิดอ่านไม่ได้ [PDF is password-protected]"),
    "zip-bomb-docx": r"ไฟล์ Word ไม่ปลอดภัย: ขยายได้ (\d+) เท่า เกินกำหนด 100 เท่า \(zip bomb\) "
                     r"\[unsafe Word file: expands \1 times, over the 100x limit \(zip bomb\)\]",
    "zip-slip-docx": re.escape(
        "ไฟล์ Word ไม่ปลอดภัย: ส่วนประกอบชื่อ '../../evil.txt' ชี้ออกนอกไฟล์ (zip-slip) "
        "[unsafe Word file: member name '../../evil.txt' points outside the archive (zip-slip)]"),
    "zip-slip-absolute-xlsx": re.escape(
        "ไฟล์ Excel ไม่ปลอดภัย: ส่วนประกอบชื่อ '/etc/evil' ชี้ออกนอกไฟล์ (zip-slip) "
        "[unsafe Excel file: member name '/etc/evil' points outside the archive (zip-slip)]"),
    "random-bytes-as-docx": re.escape(_UNKNOWN),
    "random-binary": re.escape(_UNKNOWN),
    "other-zip-as-xlsx": re.escape(
        "เป็นไฟล์บีบอัด (zip) ที่ไม่ใช่เอกสาร Word หรือ Excel "
        "[a zip archive that is not a Word or Excel file]"),
}


def _write(tmp_path: Path, case: str) -> Path:
    name, make, _ = CASES[case]
    path = tmp_path / case / name
    path.parent.mkdir()
    path.write_bytes(make())
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_file_is_a_one_line_failure(tmp_path: Path, case: str) -> None:
    path = _write(tmp_path, case)
    doc = extract(path)
    assert doc.status is Status.FAILURE
    assert doc.errors[0].category is CASES[case][2], doc.error
    assert doc.error and re.fullmatch(MESSAGES[case], doc.error), doc.error


@pytest.mark.parametrize("case", sorted(CASES))
def test_cli_prints_one_line_and_exits_1(tmp_path: Path, case: str) -> None:
    path = _write(tmp_path, case)
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: {path}: ")
    assert re.fullmatch(MESSAGES[case], result.stderr.removeprefix(f"error: {path}: ")[:-1])
    assert "Traceback" not in result.output


def test_file_over_the_size_limit_is_rejected_unread(tmp_path: Path) -> None:
    path = tmp_path / "ใหญ่.pdf"
    path.write_bytes(_pdf())
    doc = extract(path, ExtractOptions(limits=Limits(max_bytes=1000)))
    assert doc.status is Status.FAILURE and doc.errors[0].category is ErrorCategory.REJECTED
    size_mb = path.stat().st_size / 2**20
    assert doc.error == (f"ไฟล์มีขนาด {size_mb:,.1f} MB เกินขนาดสูงสุด 0 MB "
                         f"[file is {size_mb:,.1f} MB, over the 0 MB limit]")
    sparse = tmp_path / "sparse.docx"
    with sparse.open("wb") as fh:
        fh.truncate(300 * 2**20)  # no blocks written: over the default 200 MB limit
    assert extract(sparse).errors[0].category is ErrorCategory.REJECTED


def test_size_limit_comes_from_settings(tmp_path: Path, monkeypatch) -> None:
    from evidence_review.settings import get_settings

    path = tmp_path / "a.docx"
    path.write_bytes(_docx())
    monkeypatch.setenv("EVIDENCE_REVIEW_MAX_FILE_MB", "0.001")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(main, ["extract", str(path)])
    finally:
        monkeypatch.delenv("EVIDENCE_REVIEW_MAX_FILE_MB")
        get_settings.cache_clear()
    size_mb = path.stat().st_size / 2**20
    assert result.exit_code == 1
    assert result.stderr == (f"error: {path}: ไฟล์มีขนาด {size_mb:,.1f} MB เกินขนาดสูงสุด 0 MB "
                             f"[file is {size_mb:,.1f} MB, over the 0 MB limit]\n")


def test_zip_bomb_total_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    path.write_bytes(_zip_with(_xlsx(), "xl/media/x.bin", os.urandom(3 * 2**20)))
    doc = extract(path, ExtractOptions(limits=Limits(max_unzipped_bytes=2 * 2**20)))
    assert doc.errors[0].category is ErrorCategory.UNSAFE
    assert doc.error == ("ไฟล์ Excel ไม่ปลอดภัย: ขยายได้ 3 MB เกินกำหนด 2 MB (zip bomb) "
                         "[unsafe Excel file: expands to 3 MB, over the 2 MB limit (zip bomb)]")


def test_docx_with_pdf_extension_is_read_as_docx(tmp_path: Path) -> None:
    path = tmp_path / "แผน.pdf"
    path.write_bytes(_docx())
    doc = extract(path)
    assert doc.status is Status.SUCCESS and doc.format is FileFormat.DOCX


@pytest.mark.libreoffice
def test_damaged_doc_fails_cleanly(tmp_path: Path) -> None:
    need_tool("soffice", "libreoffice-writer-nogui")
    path = tmp_path / "old.doc"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + os.urandom(4000))
    doc = extract(path)
    assert doc.status is Status.FAILURE
    assert doc.errors[0].category in (ErrorCategory.CORRUPT, ErrorCategory.REJECTED)


def test_folder_mixing_good_and_bad_files_keeps_the_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "กรมตัวอย่าง"
    folder.mkdir()
    for name in ("sample.docx", "sample.xlsx", "sample-tis620.txt"):
        (folder / name).write_bytes((FORMATS / name).read_bytes())
    for case in ("truncated-docx", "zip-bomb-docx", "password-pdf", "random-binary"):
        name, make, _ = CASES[case]
        (folder / f"{case}-{name}").write_bytes(make())
    (submission,) = discover([folder])
    docs = {path.name: extract(path) for path in submission.files}
    assert len(docs) == 7
    for name in ("sample.docx", "sample.xlsx", "sample-tis620.txt"):
        golden = (FORMATS / f"{name}.golden.txt").read_text(encoding="utf-8")
        assert docs[name].status is Status.SUCCESS
        assert cer(docs[name].text, golden) == 0.0
    assert sum(d.status is Status.FAILURE for d in docs.values()) == 4


@pytest.mark.parametrize(("name", "ext", "package"), [
    ("sample.doc", "doc", "libreoffice-writer-nogui"),
    ("sample.xls", "xls", "libreoffice-calc-nogui"),
])
def test_legacy_office_without_libreoffice_names_the_package(tmp_path: Path,
                                                             name: str, ext: str, package: str):
    office = OfficeOptions(soffice="no-such-soffice", cache_dir=tmp_path)  # no cached conversion
    doc = extract(FORMATS / name, ExtractOptions(office=office))
    assert doc.status is Status.FAILURE and doc.errors[0].category is ErrorCategory.MISSING_TOOL
    assert doc.error == (f"การอ่านไฟล์ .{ext} ต้องติดตั้ง LibreOffice (แพ็กเกจ Debian {package}) "
                         f"[reading .{ext} needs LibreOffice (Debian package {package})]")
