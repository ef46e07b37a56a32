"""One rule for what may be read under a folder a user (or an upload) gives: :func:`admit`.

``screen``, ``review`` and ``extract`` find files through :func:`intake.discover`, which asks
:func:`admit` about every entry; the web workspace asks it about every stored upload. The rule:

* a symbolic link is followed only when what it leads to lies inside the folder given; a link
  out of it (to ``/etc``, a home folder, another agency's share) is skipped with the reason, so
  a submission can never make the tool read files it was not given;
* a broken link, or a loop of links, is skipped with the reason;
* FIFOs, devices and sockets are never opened (reading ``/dev/zero`` or a FIFO never ends):
  each is skipped with its own reason;
* anything else is a file or a folder.

>>> import tempfile, os
>>> with tempfile.TemporaryDirectory() as tmp:
...     root = Path(tmp, "agency"); root.mkdir()
...     os.symlink("/etc", root / "etc")
...     os.mkfifo(root / "pipe")
...     [(a.kind, a.reason is not None) for a in (admit(root / "etc", root),
...                                                admit(root / "pipe", root))]
[('skip', True), ('skip', True)]
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Literal, NamedTuple

from evidence_review.messages import MessageKey, message, os_error

Kind = Literal["file", "folder", "skip"]


class Admission(NamedTuple):
    """What :func:`admit` decided about one path.

    Attributes:
        kind: ``file`` or ``folder`` to read; ``skip`` with ``reason``.
        target: the real path (links resolved), ``None`` when skipped.
        reason: one line (Thai first) why it is skipped; ``None`` otherwise.
    """

    kind: Kind
    target: Path | None
    reason: str | None


def special_reason(mode: int) -> str | None:
    """Why a file of this ``st_mode`` is never read (FIFO, device, socket), or ``None``.

    >>> special_reason(stat.S_IFIFO) is not None, special_reason(stat.S_IFREG)
    (True, None)
    """
    if stat.S_ISFIFO(mode):
        return message(MessageKey.SKIPPED_FIFO)
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return message(MessageKey.SKIPPED_DEVICE)
    if stat.S_ISSOCK(mode):
        return message(MessageKey.SKIPPED_SOCKET)
    return None


def inside(path: Path, root: Path) -> bool:
    """True when the real ``path`` lies in the real ``root`` (both resolved by the caller)."""
    return path == root or path.is_relative_to(root)


def admit(path: Path, root: Path) -> Admission:
    """Decide whether ``path`` (found under the folder ``root`` a user gave) is read.

    Never raises: an entry that cannot be looked at is skipped with the operating system's
    reason. ``root`` may be given unresolved; it is resolved here.
    """
    try:
        st = path.lstat()
    except OSError as exc:
        return Admission("skip", None, str(os_error(exc)))
    target = path
    if stat.S_ISLNK(st.st_mode):
        try:
            target = path.resolve(strict=True)
        except RuntimeError:
            return Admission("skip", None, message(MessageKey.SKIPPED_LINK_LOOP))
        except OSError:
            return Admission("skip", None, message(MessageKey.SKIPPED_BROKEN_LINK))
        real_root = Path(os.path.realpath(root))
        if not inside(target, real_root):
            return Admission("skip", None, message(MessageKey.SKIPPED_OUTSIDE_LINK,
                                                   target=str(target)))
        try:
            st = target.stat()
        except OSError as exc:
            return Admission("skip", None, str(os_error(exc)))
    reason = special_reason(st.st_mode)
    if reason is not None:
        return Admission("skip", None, reason)
    if stat.S_ISDIR(st.st_mode):
        return Admission("folder", target, None)
    return Admission("file", target, None)


__all__ = ["Admission", "admit", "inside", "special_reason"]
