"""Submissions: the files one agency sent, found from the paths a user names.

The rule (:func:`discover`):

* **files** named together form ONE submission, named after their common parent folder;
* a **folder with no subfolders** is one agency: its files form one submission named after it;
* a **folder with subfolders** is a folder of agencies: each subfolder (with everything under
  it, recursively) is one submission named after the subfolder, and any loose files at its top
  level form one more submission named after the folder itself.

Files with the endings of an evaluator's own notes (``.md``, ``.yaml``, ``.yml``, ``.json``:
labels, read-me files, decision files) are never agency documents: they are skipped and noted in
:attr:`Submission.warnings`, so a labels file kept beside the agency folders is not screened.
Inside a submission, hidden files and folders (``.name``), Office lock files (``~$name``) and
``Thumbs.db``/``desktop.ini`` are skipped. Every entry passes :func:`intake.confine.admit`:
symbolic links are followed only inside the folder the user named, FIFOs, devices and sockets
are never opened; a link out of the folder, a special file, a link back into a folder already
being walked (a loop) or to nowhere (broken) is skipped and noted in
:attr:`Submission.warnings`. Files are sorted by their path relative to the submission root,
so the order is the same on every machine. Ids are unique: a repeated folder name gets ``-2``,
``-3``...
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, Field

from evidence_review.intake.confine import admit
from evidence_review.messages import MessageKey, message

log = logging.getLogger(__name__)

#: File names that are never evidence (compared case-insensitively).
SKIPPED_NAMES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})

#: Endings of an evaluator's own files (labels, notes, decisions): never agency documents.
NOTE_SUFFIXES = frozenset({".md", ".yaml", ".yml", ".json"})


def is_note_file(name: str) -> bool:
    """True for an evaluator's own notes kept beside submissions.

    >>> [is_note_file(n) for n in ("labels.yaml", "README.md", "decisions.json", "แผน.pdf")]
    [True, True, True, False]
    """
    return Path(name).suffix.lower() in NOTE_SUFFIXES


class DiscoveryError(ValueError):
    """A path the user named cannot be used; the message names it."""


class Submission(BaseModel):
    """One agency's files.

    Attributes:
        id: the agency folder's name (unique within one :func:`discover` call).
        root: the folder the files are under.
        files: paths under ``root`` (as given for folders, absolute for loose files), sorted
            by their path relative to ``root``.
        warnings: files or folders skipped for a reason a user should see (loops, broken links).
    """

    id: str
    root: Path
    files: list[Path]
    warnings: list[str] = Field(default_factory=list)

    def relative(self, path: Path) -> str:
        """``path`` relative to the submission root, with ``/`` separators."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def is_skipped_name(name: str) -> bool:
    """True for names that are never evidence: hidden, Office lock files, thumbnails.

    >>> [is_skipped_name(n) for n in (".hidden", "~$report.docx", "Thumbs.db", "รายงาน.pdf")]
    [True, True, True, False]
    """
    return name.startswith((".", "~$")) or name.lower() in SKIPPED_NAMES


def _sort_key(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _walk(folder: Path, warnings: list[str], confine: Path) -> list[Path]:
    """Every usable file under ``folder``, following links inside ``confine`` (the folder the
    user named) but never around a loop."""
    files: list[Path] = []
    try:
        top = folder.resolve()
    except OSError as exc:
        warnings.append(f"{folder}: "
                        + message(MessageKey.FOLDER_UNREADABLE, detail=exc.strerror or str(exc)))
        return files
    ancestors: set[Path] = set()

    def visit(current: Path, real: Path) -> None:
        ancestors.add(real)
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            warnings.append(f"{current}: " + message(MessageKey.FOLDER_UNREADABLE,
                                                     detail=exc.strerror or str(exc)))
            return
        for entry in entries:
            if is_skipped_name(entry.name):
                continue
            path = Path(entry.path)
            admission = admit(path, confine)
            if admission.kind == "skip":
                warnings.append(f"{path}: {admission.reason}")
                continue
            if admission.kind == "folder":
                target = Path(os.path.realpath(path))
                if target in ancestors:
                    warnings.append(f"{path}: " + message(MessageKey.SKIPPED_LINK_LOOP_TO,
                                                          target=target.name))
                    continue
                visit(path, target)
            elif is_note_file(entry.name):
                warnings.append(f"{path}: {message(MessageKey.SKIPPED_NOTE)}")
            else:
                files.append(path)
        ancestors.discard(real)

    visit(folder, top)
    return files


def _entries(folder: Path, kind: str, confine: Path, warnings: list[str] | None = None
             ) -> list[Path]:
    """The ``kind`` ("file" or "folder") entries directly in ``folder`` that :func:`admit`
    lets in, sorted by name; skipped ones are noted in ``warnings`` when given."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return []
    found: list[Path] = []
    for entry in entries:
        if is_skipped_name(entry.name) or (kind == "file" and is_note_file(entry.name)):
            continue
        admission = admit(Path(entry.path), confine)
        if admission.kind == kind:
            found.append(Path(entry.path))
        elif admission.kind == "skip" and warnings is not None:
            warnings.append(f"{entry.path}: {admission.reason}")
    return found


def _unique(ident: str, seen: dict[str, int]) -> str:
    count = seen.get(ident, 0) + 1
    seen[ident] = count
    return ident if count == 1 else f"{ident}-{count}"


def _name_of(folder: Path) -> str:
    return folder.resolve().name or str(folder)


def discover(paths: Iterable[str | Path]) -> list[Submission]:
    """Group the named paths into submissions (the rule is in the module docstring).

    Raises:
        DiscoveryError: a path does not exist (the message names it).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for name in ("กรมหนึ่ง/แผน.docx", "กรมสอง/a/สรุป.pdf", "ปก.txt"):
    ...         p = Path(tmp, "รวม", name); p.parent.mkdir(parents=True, exist_ok=True)
    ...         _ = p.write_text("x", encoding="utf-8")
    ...     subs = discover([Path(tmp, "รวม")])
    ...     [(s.id, [s.relative(f) for f in s.files]) for s in subs]
    [('กรมสอง', ['a/สรุป.pdf']), ('กรมหนึ่ง', ['แผน.docx']), ('รวม', ['ปก.txt'])]
    """
    submissions: list[Submission] = []
    seen: dict[str, int] = {}
    loose: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            kind = MessageKey.BROKEN_LINK if path.is_symlink() else MessageKey.NO_SUCH_PATH
            raise DiscoveryError(f"{path}: {message(kind)}")
        if path.is_file():
            loose.append(path)
            continue
        special = admit(path, path)
        if special.kind == "skip":  # a FIFO, device or socket named directly
            raise DiscoveryError(f"{path}: {special.reason}")
        if not _entries(path, "folder", path):
            warnings: list[str] = []
            files = _walk(path, warnings, path)
            submissions.append(Submission(id=_unique(_name_of(path), seen), root=path,
                                          files=sorted(files, key=lambda f: _sort_key(path, f)),
                                          warnings=warnings))
            continue
        top_warnings: list[str] = []
        subfolders = _entries(path, "folder", path, top_warnings)
        for sub in subfolders:
            warnings = []
            files = _walk(sub, warnings, path)
            submissions.append(Submission(id=_unique(sub.name, seen), root=sub,
                                          files=sorted(files, key=lambda f: _sort_key(sub, f)),
                                          warnings=warnings))
        top_files = _entries(path, "file", path)
        if top_files:
            submissions.append(Submission(id=_unique(_name_of(path), seen), root=path,
                                          files=sorted(top_files, key=lambda f: f.name),
                                          warnings=top_warnings))
        elif subfolders:  # skipped entries at the top are still reported
            submissions[-len(subfolders)].warnings.extend(top_warnings)
    if loose:
        absolute = [Path(os.path.abspath(p)) for p in dict.fromkeys(loose)]
        root = Path(os.path.commonpath([p.parent for p in absolute]))
        submissions.append(Submission(id=_unique(root.name or str(root), seen), root=root,
                                      files=sorted(absolute, key=lambda f: _sort_key(root, f))))
    for found in submissions:
        for warning in found.warnings:
            log.warning("%s", warning)
    return submissions
