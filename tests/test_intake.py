"""Intake: formats sniffed from content, and paths grouped into submissions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support import FIXTURES

from evidence_review.intake import FileFormat, Limits, discover, record_file, sniff_format
from evidence_review.intake.encodings import decode_text
from evidence_review.intake.submissions import DiscoveryError

FORMATS = FIXTURES / "formats"
SAMPLE_PDF = FIXTURES / "pdf" / "lo-garuda.pdf"

EXPECTED = {
    "sample.docx": FileFormat.DOCX,
    "sample.doc": FileFormat.DOC,
    "sample.xlsx": FileFormat.XLSX,
    "sample.xls": FileFormat.XLS,
    "sample-tis620.xls": FileFormat.XLS_HTML,
    "sample.html": FileFormat.HTML,
    "sample-tis620.txt": FileFormat.TEXT,
    "sample-utf16.txt": FileFormat.TEXT,
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_formats_are_sniffed(name: str) -> None:
    assert sniff_format(FORMATS / name) is EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_content_wins_over_a_lying_extension(tmp_path: Path, name: str) -> None:
    expected = EXPECTED[name]
    liar = tmp_path / "file.pdf"
    liar.write_bytes((FORMATS / name).read_bytes())
    if expected is FileFormat.XLS_HTML:
        expected = FileFormat.HTML  # only the .xls name tells an HTML table from a web page
    assert sniff_format(liar) is expected


def test_pdf_magic_after_junk(tmp_path: Path) -> None:
    path = tmp_path / "scan.bin"
    path.write_bytes(b"\r\n\x00garbage from a mail gateway\n" + SAMPLE_PDF.read_bytes())
    assert sniff_format(path) is FileFormat.PDF


@pytest.mark.parametrize(("payload", "expected"), [
    ("ข้อมูลสารสนเทศของส่วนราชการ\n".encode(), FileFormat.TEXT),
    ("\ufeffข้อมูล\n".encode(), FileFormat.TEXT),
    ("ข้อมูล\n".encode("utf-16-le"), FileFormat.TEXT),  # no BOM
    ("รายงาน ปี ๒๕๕๐".encode("cp874"), FileFormat.TEXT),
    ('<table><tr><td>ข้อมูล</td></tr></table>'.encode("utf-16"), FileFormat.HTML),
    (bytes(range(256)) * 4, FileFormat.UNKNOWN),
    ("Ãâ¤Ã§¡ÒÃ".encode("latin-1") + bytes(range(0x80, 0x9f)), FileFormat.UNKNOWN),
])
def test_text_and_markup_encodings(tmp_path: Path, payload: bytes, expected: FileFormat) -> None:
    path = tmp_path / "x.dat"
    path.write_bytes(payload)
    assert sniff_format(path) is expected


def test_tis620_text_decodes_to_thai() -> None:
    decoded = decode_text((FORMATS / "sample-tis620.txt").read_bytes())
    assert decoded is not None and decoded.encoding == "cp874"
    assert "การทบทวนระบบฐานข้อมูล" in decoded.text


def test_record_has_streamed_hash_and_reasons(tmp_path: Path) -> None:
    import hashlib

    record = record_file(FORMATS / "sample.docx")
    data = (FORMATS / "sample.docx").read_bytes()
    assert record.sha256 == hashlib.sha256(data).hexdigest() and record.size == len(data)
    assert record.rejection is None
    size_mb = len(data) / 2**20
    assert record_file(FORMATS / "sample.docx", Limits(max_bytes=100)).rejection == (
        f"ไฟล์มีขนาด {size_mb:,.1f} MB เกินขนาดสูงสุด 0 MB "
        f"[file is {size_mb:,.1f} MB, over the 0 MB limit]")
    empty = tmp_path / "empty.pdf"
    empty.touch()
    assert record_file(empty).rejection == "ไฟล์ว่างเปล่า (0 ไบต์) [file is empty (0 bytes)]"


# --- submissions --------------------------------------------------------------------------


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")


def test_folder_of_agency_folders(tmp_path: Path) -> None:
    _tree(tmp_path / "รอบที่ 1", [
        "กรมการปกครอง/แผนปฏิบัติการ.docx", "กรมการปกครอง/หลักฐาน/ภาพ (1).pdf",
        "กรมศุลกากร/สรุป ผล#2550.pdf", "กรมศุลกากร/~$สรุป.docx", "กรมศุลกากร/Thumbs.db",
        "กรมศุลกากร/.DS_Store", "กรมศุลกากร/.git/config", "หนังสือนำส่ง.pdf",
    ])
    subs = discover([tmp_path / "รอบที่ 1"])
    assert [(s.id, [s.relative(f) for f in s.files]) for s in subs] == [
        ("กรมการปกครอง", ["หลักฐาน/ภาพ (1).pdf", "แผนปฏิบัติการ.docx"]),
        ("กรมศุลกากร", ["สรุป ผล#2550.pdf"]),
        ("รอบที่ 1", ["หนังสือนำส่ง.pdf"]),
    ]
    assert all(f.is_file() for s in subs for f in s.files)


def test_one_agency_folder_and_loose_files(tmp_path: Path) -> None:
    _tree(tmp_path / "กรมหนึ่ง", ["b.pdf", "a.docx"])
    (sub,) = discover([tmp_path / "กรมหนึ่ง"])
    assert sub.id == "กรมหนึ่ง" and [f.name for f in sub.files] == ["a.docx", "b.pdf"]
    (loose,) = discover([tmp_path / "กรมหนึ่ง" / "b.pdf", tmp_path / "กรมหนึ่ง" / "a.docx"])
    assert loose.id == "กรมหนึ่ง" and [f.name for f in loose.files] == ["a.docx", "b.pdf"]


def test_repeated_names_get_unique_ids(tmp_path: Path) -> None:
    _tree(tmp_path, ["x/กรม/a.pdf", "y/กรม/b.pdf"])
    subs = discover([tmp_path / "x" / "กรม", tmp_path / "y" / "กรม"])
    assert [s.id for s in subs] == ["กรม", "กรม-2"]


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_symlink_loop_is_skipped_with_a_warning(tmp_path: Path) -> None:
    _tree(tmp_path / "กรม", ["sub/a.pdf"])
    (tmp_path / "กรม" / "sub" / "loop").symlink_to(tmp_path / "กรม")
    (tmp_path / "กรม" / "broken.pdf").symlink_to(tmp_path / "missing.pdf")
    subs = discover([tmp_path / "กรม"])
    files = [s.relative(f) for s in subs for f in s.files]
    assert files == ["a.pdf"]
    # "sub" is the agency (กรม has a subfolder): its link leads up to กรม, then back to sub;
    # the broken link at the top of กรม is reported too (it was dropped silently before)
    loop = tmp_path / "กรม" / "sub" / "loop"
    assert sorted(w for s in subs for w in s.warnings) == [
        f"{tmp_path / 'กรม' / 'broken.pdf'}: ข้าม (ลิงก์เสีย) [skipped (broken link)]",
        f"{loop / 'broken.pdf'}: ข้าม (ลิงก์เสีย) [skipped (broken link)]",
        f"{loop / 'sub'}: ข้าม (ลิงก์วนกลับไปยัง sub) [skipped (link loop back to sub)]",
    ]


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DiscoveryError,
                       match=r"ไม่มี: ไม่พบไฟล์หรือโฟลเดอร์ \[no such file or folder\]$"):
        discover([tmp_path / "ไม่มี"])


def test_evaluators_notes_beside_agency_folders_are_not_a_submission(tmp_path: Path) -> None:
    """A labels file and a read-me kept beside the agency folders are not screened."""
    root = tmp_path / "รอบประเมิน"
    (root / "กรมหนึ่ง").mkdir(parents=True)
    (root / "กรมหนึ่ง" / "สรุป.txt").write_text("สรุปผลการทบทวน", encoding="utf-8")
    (root / "กรมหนึ่ง" / "decisions.json").write_text("{}", encoding="utf-8")
    (root / "labels.yaml").write_text("documents: []\n", encoding="utf-8")
    (root / "README.md").write_text("# notes\n", encoding="utf-8")
    subs = discover([root])
    assert [(s.id, [s.relative(f) for f in s.files]) for s in subs] == [("กรมหนึ่ง", ["สรุป.txt"])]
    assert any("decisions.json" in w for w in subs[0].warnings)
