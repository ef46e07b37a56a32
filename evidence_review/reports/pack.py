"""The evidence pack: one zip a committee archives and checks years later without the tool's
database.

Members are written as given (the official report, the original files, the screened text of each
page used as evidence, the audit trail) plus ``manifest.json``::

    {"format": "evidence-review-pack/1", "submission": "s01-fisheries",
     "created_at": "2026-12-06T02:30:00+00:00", "tool_version": "0.1.0",
     "rubric_sha256": "…", "members": [{"path": "report/official.pdf", "sha256": "…",
                                        "size": 12345}, …]}

The manifest is canonical JSON (keys sorted, UTF-8, no spaces), so its SHA-256 — printed by
``pack create`` for the committee to record elsewhere — is a fingerprint of the whole pack: with
``sha256sum`` and ``unzip`` alone anyone can check every member against it.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
import zlib
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from pydantic import BaseModel

from evidence_review.messages import MessageKey, message

MANIFEST = "manifest.json"
FORMAT = "evidence-review-pack/1"


class PackMember(BaseModel):
    path: str
    sha256: str
    size: int


class Manifest(BaseModel):
    format: str = FORMAT
    submission: str
    created_at: str
    tool_version: str
    rubric_sha256: str
    members: list[PackMember]


class PackError(Exception):
    """The pack cannot be read at all (not a zip, no manifest): one line, naming the file."""


class PackVerdict(BaseModel):
    """What ``pack verify`` found; ``intact`` only when every list is empty."""

    manifest_sha256: str
    changed: list[str] = []
    missing: list[str] = []
    unexpected: list[str] = []
    manifest_mismatch: bool = False
    trail_problem: str | None = None

    @property
    def intact(self) -> bool:
        return not (self.changed or self.missing or self.unexpected or self.manifest_mismatch
                    or self.trail_problem)


def canonical_json(data: object) -> bytes:
    """JSON with sorted keys and no spaces, UTF-8: the same data always gives the same bytes.

    >>> canonical_json({"b": 1, "a": "ก"})
    b'{"a":"\\xe0\\xb8\\x81","b":1}'
    """
    return json.dumps(data, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def _safe_member_name(name: str) -> str:
    """A member path that stays inside the pack (no absolute path, no ``..``)."""
    p = PurePosixPath(name)
    if p.is_absolute() or ".." in p.parts or not p.parts or name == MANIFEST:
        raise ValueError(f"bad pack member name: {name!r}")
    return str(p)


def write_pack(out: Path, members: Mapping[str, bytes], *, submission: str, tool_version: str,
               rubric_sha256: str, force: bool = False) -> str:
    """Write the pack to ``out`` (which must not exist yet unless ``force``; written beside it
    and renamed, see :mod:`evidence_review.outputs`, whose ``OutputError`` it raises) and
    return the manifest's SHA-256."""
    from evidence_review.outputs import atomic_path

    names = {name: _safe_member_name(name) for name in members}
    manifest = Manifest(
        submission=submission, tool_version=tool_version, rubric_sha256=rubric_sha256,
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        members=[PackMember(path=names[n], sha256=hashlib.sha256(data).hexdigest(),
                            size=len(data)) for n, data in sorted(members.items())])
    manifest_bytes = canonical_json(manifest.model_dump())
    with (atomic_path(out, force=force) as tmp,
          zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf):
        zf.writestr(MANIFEST, manifest_bytes)
        for name, data in sorted(members.items()):
            zf.writestr(names[name], data)
    return hashlib.sha256(manifest_bytes).hexdigest()


def read_member(zf: zipfile.ZipFile, name: str) -> bytes | None:
    """The member's bytes, or ``None`` where its stored data no longer reads (bad CRC, broken
    compression)."""
    try:
        return zf.read(name)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error):
        return None


def verify_pack(path: Path, *, manifest_sha256: str | None = None,
                verify_trail: Callable[[zipfile.ZipFile], str | None] | None = None
                ) -> PackVerdict:
    """Check every member against the manifest, the manifest against a recorded SHA-256, and
    (given ``verify_trail``) the audit trail's hash chain inside the pack.

    Raises :class:`PackError` when the file is not a readable pack at all.
    """
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise PackError(f"{path}: " + message(MessageKey.PACK_NOT_ZIP, detail=str(exc))) from None
    with zf:
        raw = read_member(zf, MANIFEST) if MANIFEST in zf.namelist() else None
        if raw is None:
            raise PackError(f"{path}: " + message(MessageKey.PACK_NO_MANIFEST, manifest=MANIFEST))
        try:
            manifest = Manifest.model_validate_json(raw)
        except ValueError as exc:
            raise PackError(f"{path}: " + message(MessageKey.PACK_BAD_MANIFEST, manifest=MANIFEST,
                                                  detail=str(exc).splitlines()[0])) from None
        verdict = PackVerdict(manifest_sha256=hashlib.sha256(raw).hexdigest())
        if manifest_sha256 is not None:
            verdict.manifest_mismatch = verdict.manifest_sha256 != manifest_sha256.lower()
        listed = {m.path for m in manifest.members}
        present = set(zf.namelist()) - {MANIFEST}
        verdict.missing = sorted(listed - present)
        verdict.unexpected = sorted(present - listed)
        for member in manifest.members:
            if member.path not in present:
                continue
            data = read_member(zf, member.path)
            if data is None or hashlib.sha256(data).hexdigest() != member.sha256:
                verdict.changed.append(member.path)
        if verify_trail is not None and not verdict.changed:
            verdict.trail_problem = verify_trail(zf)
    return verdict
