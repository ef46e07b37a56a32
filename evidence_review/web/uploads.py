"""Uploading an agency's documents (files, a folder's files, or one zip) and screening them in
the background.

Every name is cut to safe path parts (no absolute paths, no ``..``, no hidden names); a zip
is refused when a member would land outside the folder (zip-slip), is a link, or when it
expands beyond the intake limits (zip bomb: ``max_unzipped_mb``, ``max_zip_ratio``); each file
is limited to ``max_file_mb``. The files are then screened like ``screen`` does (the same
intake checks, per file).
"""

from __future__ import annotations

import re
import stat
import threading
import uuid
import zipfile
import zlib
from collections import OrderedDict
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from evidence_review.messages import MessageKey, message
from evidence_review.settings import get_settings

MAX_FILES = 2000
_SAFE_ID = re.compile(r"[^\w\u0e00-\u0e7f.\- ]+")


class UploadError(Exception):
    """A refused upload: one line, Thai first."""


class Job(BaseModel):
    id: str
    submission: str
    state: str = "queued"  # queued, screening, done, failed
    total: int = 0
    done: int = 0
    current: str | None = None
    error: str | None = None
    failed: list[str] = []


def safe_parts(name: str) -> list[str]:
    """A client's file name as safe relative path parts.

    >>> safe_parts("../../etc/passwd"), safe_parts("C:\\\\a\\\\b.pdf"), safe_parts("/x/.git/y")
    (['etc', 'passwd'], ['a', 'b.pdf'], ['x', 'y'])
    """
    parts = re.split(r"[\\/]+", name)
    out = []
    for p in parts:
        p = p.strip().replace("\x00", "")
        if not p or p in (".", "..") or p.startswith(".") or re.fullmatch(r"[A-Za-z]:", p):
            continue
        out.append(_short(p))
    return out


#: Longest name part kept, in UTF-8 bytes (file systems allow 255 bytes; Thai takes 3 a letter).
MAX_NAME_BYTES = 200


def _short(part: str) -> str:
    """``part`` cut to :data:`MAX_NAME_BYTES` bytes, its extension kept.

    >>> name = _short("ก" * 200 + ".pdf")
    >>> len(name.encode()) <= MAX_NAME_BYTES and name.endswith(".pdf")
    True
    """
    if len(part.encode("utf-8")) <= MAX_NAME_BYTES:
        return part
    stem, dot, ext = part.rpartition(".")
    suffix = dot + ext if stem and len(ext) <= 10 else ""
    stem = part[: len(part) - len(suffix)]
    room = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    return stem.encode("utf-8")[:room].decode("utf-8", "ignore") + suffix


def _write_error(label: str, exc: OSError) -> UploadError:
    """A file that cannot be written where its name says (a file and a folder of the same
    name, a full disk): one line naming it."""
    return UploadError(f"{label}: " + message(MessageKey.OUTPUT_CANNOT_WRITE,
                                              detail=exc.strerror or str(exc)))


def safe_id(name: str) -> str:
    """An agency id usable as one folder name.

    >>> safe_id("../s01 fisheries/"), safe_id("กรม<script>")
    ('s01 fisheries', 'กรม_script')
    """
    text = _SAFE_ID.sub("_", name.replace("/", " ").replace("\\", " ")).strip(" ._")
    return text[:100]


def _limits() -> tuple[int, int, float]:
    s = get_settings()
    return int(s.max_file_mb * 2**20), int(s.max_unzipped_mb * 2**20), s.max_zip_ratio


def unzip(archive: Path, dest: Path, label: str) -> list[Path]:
    """Extract ``archive`` into ``dest`` safely (see the module's doc)."""
    max_file, max_total, max_ratio = _limits()
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError):
        raise UploadError(f"{label}: " + message(MessageKey.ZIP_DAMAGED)) from None
    out: list[Path] = []
    with zf:
        members = [m for m in zf.infolist() if not m.is_dir()]
        if len(members) > MAX_FILES:
            raise UploadError(f"{label}: มีไฟล์มากเกินไป ({len(members)}) [too many files]")
        total = sum(m.file_size for m in members)
        packed = sum(m.compress_size for m in members)
        if total > max_total:
            raise UploadError(message(MessageKey.ZIP_BOMB_SIZE, label=label,
                                      size_mb=total / 2**20, limit_mb=max_total / 2**20))
        if total / max(packed, 1) > max_ratio:
            raise UploadError(message(MessageKey.ZIP_BOMB_RATIO, label=label,
                                      ratio=total / max(packed, 1), limit_ratio=max_ratio))
        tops = {tuple(safe_parts(m.filename)[:1]) for m in members}
        # a zip of one folder: that folder's files are the agency's top
        strip = 1 if len(tops) == 1 and all(len(safe_parts(m.filename)) > 1
                                            for m in members) else 0
        for m in members:
            parts = PurePosixPath(m.filename.replace("\\", "/")).parts
            if (m.filename.startswith(("/", "\\")) or ".." in parts
                    or stat.S_ISLNK(m.external_attr >> 16)):
                raise UploadError(message(MessageKey.ZIP_SLIP, label=label, member=m.filename))
            safe = safe_parts(m.filename)[strip:]
            if not safe or m.file_size > max_file:
                continue
            target = dest.joinpath(*safe)
            try:
                _copy_member(zf, m, target, label, max_file)
            except OSError as exc:
                raise _write_error(f"{label}: {'/'.join(safe)}", exc) from None
            out.append(target)
    return out


def _copy_member(zf: zipfile.ZipFile, m: zipfile.ZipInfo, target: Path, label: str,
                 max_file: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with zf.open(m) as src, target.open("wb") as dst:
            copied = 0
            while chunk := src.read(1 << 20):
                copied += len(chunk)
                if copied > m.file_size or copied > max_file:  # lying header
                    raise UploadError(message(MessageKey.ZIP_BOMB_SIZE, label=label,
                                              size_mb=copied / 2**20,
                                              limit_mb=max_file / 2**20))
                dst.write(chunk)
    except (zipfile.BadZipFile, EOFError, RuntimeError, NotImplementedError, zlib.error):
        # a bad CRC, a truncated member, an encrypted or unsupported one
        target.unlink(missing_ok=True)
        raise UploadError(f"{label}: {m.filename}: " + message(MessageKey.ZIP_DAMAGED)) from None


class Uploads:
    """Upload folders under ``root`` and the recent screening jobs."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()

    def recent(self) -> list[Job]:
        with self._lock:
            return list(reversed(self.jobs.values()))[:10]

    async def start(self, files: list[Any], agency: str, store: Any, rubric: Any,
                    user: str) -> Job:
        """Save the uploaded files into a new agency folder and screen it in a thread."""
        names = [safe_parts(f.filename) for f in files]
        # a chosen folder arrives as "folder/file": the folder is the agency, its files the top
        common = (names[0][0] if names and all(len(n) > 1 and n[0] == names[0][0]
                                               for n in names) else "")
        if common:
            names = [n[1:] for n in names]
        ident = safe_id(agency) or safe_id(common) or f"upload-{uuid.uuid4().hex[:8]}"
        folder = self.root / ident
        job = Job(id=uuid.uuid4().hex[:12], submission=ident)
        with self._lock:
            self.jobs[job.id] = job
            while len(self.jobs) > 50:
                self.jobs.popitem(last=False)
        try:
            if not files:
                raise UploadError("ไม่ได้เลือกไฟล์ [no files chosen]")
            await self._save(files, names, folder, ident)
        except UploadError as exc:
            job.state, job.error = "failed", str(exc)
            return job
        threading.Thread(target=self._screen, args=(job, folder, store, rubric),
                         daemon=True).start()
        return job

    async def _save(self, files: list[Any], names: list[list[str]], folder: Path,
                    ident: str) -> None:
        max_file, _, _ = _limits()
        folder.mkdir(parents=True, exist_ok=True)
        for f, parts in zip(files, names, strict=True):
            if not parts:
                continue
            data = await f.read(max_file + 1)
            label = "/".join(parts)
            if len(data) > max_file:
                raise UploadError(message(MessageKey.TOO_LARGE, size_mb=len(data) / 2**20,
                                          limit_mb=max_file / 2**20) + f" ({label})")
            if parts[-1].lower().endswith(".zip"):
                tmp = folder / f".upload-{uuid.uuid4().hex}.zip"
                tmp.write_bytes(data)
                try:
                    unzip(tmp, folder, label)
                finally:
                    tmp.unlink(missing_ok=True)
                continue
            target = folder.joinpath(*parts)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            except OSError as exc:
                raise _write_error(label, exc) from None

    def _screen(self, job: Job, folder: Path, store: Any, rubric: Any) -> None:
        """Screen the uploaded folder into the store through the one batch runner (its time
        and memory limits, its cache), as ``evidence-review screen`` does."""
        from evidence_review.pipeline import BatchUsageError, FileResult, run_batch
        from evidence_review.pipeline.pages import BASE_TIMEOUT_S, TIMEOUT_PER_PAGE_S

        def progress(result: FileResult) -> None:
            job.current = result.task.doc_path
            job.done = min(job.done + 1, job.total)

        try:
            job.state = "screening"
            job.total = sum(1 for p in folder.rglob("*") if p.is_file())
            summary = run_batch(
                [folder], rubric, timeout_s=BASE_TIMEOUT_S, timeout_per_page_s=TIMEOUT_PER_PAGE_S,
                quiet=True, register=True, one_agency=True, sink=progress,
                database_url=store.engine.url.render_as_string(hide_password=False))
            job.submission = next(iter(summary.submissions), job.submission)
            job.failed = summary.failures
            job.done, job.current, job.state = job.total, None, "done"
        except BatchUsageError as exc:
            job.state, job.error = "failed", str(exc)
        except Exception as exc:  # a crash in screening must not kill the server silently
            job.state, job.error = "failed", f"{type(exc).__name__}: {exc}"
