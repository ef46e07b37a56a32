"""Legacy Word 97-2003 (.doc) and Excel 97-2003 (.xls): converted by LibreOffice, then read.

``soffice --headless --convert-to docx|xlsx`` runs in a private temporary folder with its own
user profile (``-env:UserInstallation``), so parallel runs never share or lock a profile, and
under ``OfficeOptions.convert_timeout_s``. The converted file is read by the DOCX/XLSX backend;
the resulting Document keeps the original path and format. With ``OfficeOptions.cache_dir`` set,
conversions are kept there by the file's SHA-256 and reused.

Password-protected .doc/.xls are recognised before conversion (Word's ``fEncrypted`` flag;
Excel's ``FILEPASS`` record) and reported as ENCRYPTED instead of waiting on LibreOffice.
"""

from __future__ import annotations

import logging
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path
from typing import ClassVar, Self

from evidence_review.extractors.base import ExtractionError, Extractor
from evidence_review.extractors.model import Document, ErrorCategory
from evidence_review.extractors.options import ExtractOptions, OfficeOptions
from evidence_review.intake import FileFormat, IntakeRecord, Limits
from evidence_review.messages import MessageKey, message

log = logging.getLogger(__name__)

#: format -> (target extension, target format, Debian package for the message, label)
TARGETS: dict[FileFormat, tuple[str, FileFormat, str, str]] = {
    FileFormat.DOC: ("docx", FileFormat.DOCX, "libreoffice-writer-nogui", "Word 97-2003"),
    FileFormat.XLS: ("xlsx", FileFormat.XLSX, "libreoffice-calc-nogui", "Excel 97-2003"),
}


def has_main_stream(path: Path, fmt: FileFormat) -> bool:
    """True when ``path`` is a readable OLE file with the Word or Excel main stream."""
    import olefile

    names = ("WordDocument",) if fmt is FileFormat.DOC else ("Workbook", "Book")
    try:
        with olefile.OleFileIO(str(path)) as ole:
            return any(ole.exists(name) for name in names)
    except Exception:
        return False


def is_encrypted(path: Path, fmt: FileFormat) -> bool:
    """True when a .doc or .xls is password-protected (read from its OLE streams)."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            if fmt is FileFormat.DOC and ole.exists("WordDocument"):
                fib = ole.openstream("WordDocument").read(12)
                return len(fib) >= 12 and bool(struct.unpack_from("<H", fib, 10)[0] & 0x0100)
            if fmt is FileFormat.XLS:
                name = "Workbook" if ole.exists("Workbook") else "Book"
                if not ole.exists(name):
                    return False
                data = ole.openstream(name).read(64 * 1024)
                pos = 0
                for _ in range(200):  # FILEPASS comes right after BOF and a few records
                    if pos + 4 > len(data):
                        break
                    rec_type, size = struct.unpack_from("<HH", data, pos)
                    if rec_type == 0x002F:
                        return True
                    if rec_type in (0x0085, 0x00FC):  # BOUNDSHEET / SST: past the header
                        break
                    pos += 4 + size
    except Exception:  # a damaged file: let LibreOffice have its say
        return False
    return False


def ole_producer(path: Path) -> str | None:
    """The creating application recorded in an OLE file's summary information, if any."""
    import olefile

    try:
        with olefile.OleFileIO(str(path)) as ole:
            app = ole.get_metadata().creating_application
    except Exception:
        return None
    if isinstance(app, bytes):
        app = app.decode("cp874", "replace")
    return app.strip("\x00 ") or None if isinstance(app, str) else None


def convert(path: Path, fmt: FileFormat, out_dir: Path, office: OfficeOptions | None = None
            ) -> Path:
    """Convert ``path`` (.doc or .xls) to .docx/.xlsx inside ``out_dir``; return the new file.

    Raises:
        ExtractionError: MISSING_TOOL, LIMIT (timeout) or CORRUPT (no output).
    """
    ext, _, package, label = TARGETS[fmt]
    office = office or OfficeOptions()
    soffice, timeout = shutil.which(office.soffice), office.convert_timeout_s
    if soffice is None:
        raise ExtractionError(ErrorCategory.MISSING_TOOL,
                              message(MessageKey.NEEDS_LIBREOFFICE, ext=fmt.value,
                                      package=package))
    # a plain ASCII copy: odd names (leading '-', quotes, Thai) never reach the command line
    source = out_dir / f"input.{fmt.value}"
    shutil.copyfile(path, source)
    profile = out_dir / "profile"
    cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--nologo", "--nolockcheck", "--convert-to", ext, "--outdir", str(out_dir),
           str(source)]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise ExtractionError(ErrorCategory.LIMIT,
                              message(MessageKey.LIBREOFFICE_TIMEOUT, seconds=timeout)) from exc
    except OSError as exc:
        raise ExtractionError(ErrorCategory.MISSING_TOOL,
                              message(MessageKey.LIBREOFFICE_CANNOT_RUN,
                                      detail=exc.strerror or str(exc))) from exc
    target = out_dir / f"input.{ext}"
    if not target.exists() or target.stat().st_size == 0:
        log.info("soffice failed (%s): %s", proc.returncode,
                 proc.stderr.decode("utf-8", "replace")[-500:])
        raise ExtractionError(ErrorCategory.CORRUPT,
                              message(MessageKey.LIBREOFFICE_FAILED, label=label))
    return target


class LegacyOfficeExtractor(Extractor):
    """Reads .doc and .xls by converting them with LibreOffice."""

    formats: ClassVar[tuple[FileFormat, ...]] = (FileFormat.DOC, FileFormat.XLS)

    def __init__(self, options: ExtractOptions | None = None) -> None:
        self.options = options or ExtractOptions()

    @classmethod
    def with_options(cls, options: ExtractOptions) -> Self:
        return cls(options)

    def extract(self, record: IntakeRecord, limits: Limits) -> Document:
        from evidence_review.extractors import backend_for

        ext, target_format, _, label = TARGETS[record.format]
        if not has_main_stream(record.path, record.format):
            # LibreOffice would import such a file as plain text and "succeed" with garbage
            raise ExtractionError(ErrorCategory.CORRUPT,
                                  message(MessageKey.OLE_DAMAGED, label=label))
        if is_encrypted(record.path, record.format):
            raise ExtractionError(ErrorCategory.ENCRYPTED,
                                  message(MessageKey.LEGACY_PASSWORD, label=label))
        cache_dir = self.options.office.cache_dir
        cached = (Path(cache_dir) / f"{record.sha256}.{ext}"
                  if cache_dir and record.sha256 else None)
        with tempfile.TemporaryDirectory(prefix="evidence-review-soffice-") as tmp:
            if cached is not None and cached.is_file():
                converted = cached
            else:
                converted = convert(record.path, record.format, Path(tmp), self.options.office)
                if cached is not None:
                    try:
                        cached.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(converted, cached)
                    except OSError as exc:
                        log.warning("cannot cache conversion in %s: %s", cache_dir, exc)
            inner = record.model_copy(update={"path": converted, "format": target_format})
            doc = backend_for(target_format, self.options).extract(inner, limits)
        return doc.model_copy(update={"path": record.path, "format": record.format,
                                      "producer": ole_producer(record.path)})
