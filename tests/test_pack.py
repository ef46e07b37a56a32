"""The evidence pack: written, verified, and every changed byte named."""

from __future__ import annotations

import hashlib
import struct
import zipfile
from pathlib import Path

import pytest

from evidence_review.reports.pack import MANIFEST, PackError, verify_pack, write_pack

MEMBERS = {
    "report/official.pdf": b"%PDF-1.7 " + bytes(range(256)) * 8,
    "originals/สรุปผลการทบทวน.docx": b"PK docx bytes " * 50,
    "evidence/page-001.txt": "ข้อความหน้า ๑ ที่ใช้เป็นหลักฐาน".encode() * 20,
    "audit/decisions.json": b'[{"item": "1.1"}]',
}


def make(tmp_path: Path) -> tuple[Path, str]:
    out = tmp_path / "pack.zip"
    digest = write_pack(out, MEMBERS, submission="s01", tool_version="0.1.0",
                        rubric_sha256="ab" * 32)
    return out, digest


def data_offset(raw: bytes, info: zipfile.ZipInfo) -> int:
    """Where a member's stored bytes start (after its local header)."""
    name_len, extra_len = struct.unpack("<HH", raw[info.header_offset + 26:
                                                   info.header_offset + 30])
    return info.header_offset + 30 + name_len + extra_len


def test_a_fresh_pack_is_intact_and_its_manifest_hash_is_printed(tmp_path: Path) -> None:
    out, digest = make(tmp_path)
    with zipfile.ZipFile(out) as zf:
        assert hashlib.sha256(zf.read(MANIFEST)).hexdigest() == digest
    verdict = verify_pack(out, manifest_sha256=digest)
    assert verdict.intact, verdict


@pytest.mark.parametrize("member", sorted(MEMBERS))
def test_one_changed_byte_in_any_member_is_named(tmp_path: Path, member: str) -> None:
    out, digest = make(tmp_path)
    raw = bytearray(out.read_bytes())
    with zipfile.ZipFile(out) as zf:
        info = zf.getinfo(member)
    at = data_offset(bytes(raw), info) + info.compress_size // 2
    raw[at] ^= 0x01
    out.write_bytes(bytes(raw))
    verdict = verify_pack(out, manifest_sha256=digest)
    assert verdict.changed == [member] and not verdict.intact


def test_a_changed_manifest_is_caught_by_the_recorded_hash(tmp_path: Path) -> None:
    out, digest = make(tmp_path)
    # rewrite the pack with one member's bytes and the manifest's hash of it changed alike
    with zipfile.ZipFile(out) as zf:
        entries = {n: zf.read(n) for n in zf.namelist()}
    forged = entries[MANIFEST].replace(b'"tool_version":"0.1.0"', b'"tool_version":"0.1.1"')
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, forged if name == MANIFEST else data)
    assert verify_pack(out).intact  # consistent in itself...
    assert verify_pack(out, manifest_sha256=digest).manifest_mismatch  # ...but not the one recorded


def test_a_member_added_or_removed_is_named(tmp_path: Path) -> None:
    out, _ = make(tmp_path)
    with zipfile.ZipFile(out, "a") as zf:
        zf.writestr("extra.txt", b"slipped in")
    assert verify_pack(out).unexpected == ["extra.txt"]


def test_not_a_pack_is_one_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(PackError, match=r"x\.zip: ไม่ใช่ไฟล์ zip ที่อ่านได้ .*\[not a readable zip"):
        verify_pack(bad)


def test_member_names_cannot_leave_the_pack(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="bad pack member name"):
        write_pack(tmp_path / "p.zip", {"../evil": b""}, submission="s", tool_version="0",
                   rubric_sha256="")
