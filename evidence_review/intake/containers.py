"""Containers: which Office format a zip (DOCX/XLSX) or an OLE2 compound file (DOC/XLS) holds,
judged from its members or streams; a damaged container falls back to its local headers, raw
directory names, then its extension, and a password-protected one says so.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

from evidence_review.intake.formats import FileFormat, Sniffed
from evidence_review.messages import MessageKey, message

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

_LOCAL_HEADER = struct.Struct("<4s5H3L2H")


def _local_member_names(head: bytes) -> list[str]:
    """Member names from the local headers at the start of a zip whose central directory is
    unreadable (a truncated download): enough to tell Word from Excel."""
    names: list[str] = []
    pos = 0
    while pos + _LOCAL_HEADER.size <= len(head):
        fields = _LOCAL_HEADER.unpack_from(head, pos)
        if fields[0] != b"PK\x03\x04":
            break
        flags, comp_size, name_len, extra_len = fields[2], fields[7], fields[9], fields[10]
        start = pos + _LOCAL_HEADER.size
        names.append(head[start:start + name_len].decode("utf-8", "replace"))
        if flags & 0x08 and comp_size == 0:
            break  # sizes are after the data: cannot skip to the next header
        pos = start + name_len + extra_len + comp_size
    return names


def _classify_members(names: list[str], content_types: bytes = b"") -> FileFormat:
    """DOCX or XLSX from a zip's member names (and its [Content_Types].xml if read).

    >>> _classify_members(["[Content_Types].xml", "word/document.xml"]).value
    'docx'
    >>> _classify_members(["xl/workbook.xml"]).value
    'xlsx'
    >>> _classify_members(["photo.jpg"]).value
    'unknown'
    """
    lowered = {n.replace("\\", "/").lower() for n in names}
    if "word/document.xml" in lowered or b"wordprocessingml.document" in content_types:
        return FileFormat.DOCX
    if "xl/workbook.xml" in lowered or b"spreadsheetml.sheet" in content_types:
        return FileFormat.XLSX
    if any(n.startswith("word/") for n in lowered):
        return FileFormat.DOCX
    if any(n.startswith("xl/") for n in lowered):
        return FileFormat.XLSX
    return FileFormat.UNKNOWN


def sniff_zip(path: Path, head: bytes) -> Sniffed | None:
    if not head.startswith(ZIP_MAGICS):
        return None
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            content_types = b""
            if "[Content_Types].xml" in names:
                info = zf.getinfo("[Content_Types].xml")
                if info.file_size < 1 << 20:
                    try:
                        content_types = zf.read(info)
                    except Exception:  # damaged member: the names still tell
                        content_types = b""
        damaged = False
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        names, content_types, damaged = _local_member_names(head), b"", True
    fmt = _classify_members(names, content_types)
    if fmt is FileFormat.UNKNOWN and (damaged or any(
            "\ufffd" in n or not n.isprintable() for n in names)):
        # too damaged to list its members: the extension is the only hint left, and the
        # Word/Excel reader will then say the file is damaged
        fmt = _ZIP_EXTENSIONS.get(path.suffix.lower(), FileFormat.UNKNOWN)
        if fmt is FileFormat.UNKNOWN:
            return Sniffed(format=fmt, note=message(MessageKey.ZIP_DAMAGED))
    if fmt is FileFormat.UNKNOWN:
        return Sniffed(format=fmt, note=message(MessageKey.ZIP_NOT_OFFICE))
    return Sniffed(format=fmt)


_ZIP_EXTENSIONS = {".docx": FileFormat.DOCX, ".docm": FileFormat.DOCX,
                   ".xlsx": FileFormat.XLSX, ".xlsm": FileFormat.XLSX}


def sniff_ole(path: Path, head: bytes) -> Sniffed | None:
    if not head.startswith(OLE_MAGIC):
        return None
    import olefile

    streams: set[str] = set()
    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(entry) for entry in ole.listdir(streams=True, storages=True)}
    except Exception:  # truncated or damaged: look for directory names in the raw bytes
        raw = path.read_bytes()[: 8 * 1024 * 1024]
        for name in ("WordDocument", "Workbook", "Book", "EncryptedPackage"):
            if name.encode("utf-16-le") in raw:
                streams.add(name)
        if not streams:
            suffix = path.suffix.lower()
            guess = {".doc": FileFormat.DOC, ".xls": FileFormat.XLS}.get(suffix)
            if guess:
                return Sniffed(format=guess)
    if "EncryptedPackage" in streams:
        return Sniffed(format=FileFormat.UNKNOWN,
                       note=message(MessageKey.OFFICE_PASSWORD))
    if "WordDocument" in streams:
        return Sniffed(format=FileFormat.DOC)
    if "Workbook" in streams or "Book" in streams:
        return Sniffed(format=FileFormat.XLS)
    return Sniffed(format=FileFormat.UNKNOWN,
                   note=message(MessageKey.OLE_NOT_OFFICE))
