"""The batch's OCR slots: at most ``count`` Tesseract runs at once across all workers.

Each slot is a lock file held with ``flock``. The kernel releases a lock when its holder dies,
so a worker killed while holding a slot (over its time or memory limit, or crashed) gives it
back; a multiprocessing semaphore held by a killed worker stayed taken, and every later OCR
page of the batch then waited until its file timed out.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: How long a worker waits between two rounds over the slots.
POLL_S = 0.05


class OcrSlots:
    """``count`` lock files in a private folder; plain data, so it pickles to workers.

    >>> slots = OcrSlots(1)
    >>> with slots.hold():
    ...     slots.free()
    0
    >>> slots.free(); slots.remove()
    1
    """

    def __init__(self, count: int) -> None:
        self.folder = tempfile.mkdtemp(prefix="er-ocr-slots-")
        self.paths = tuple(str(Path(self.folder) / f"slot-{i}") for i in range(max(1, count)))
        for path in self.paths:
            Path(path).touch()

    def _try(self, path: str) -> int | None:
        fd = os.open(path, os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return None
        return fd

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Wait for a free slot and hold it for the ``with`` block (closing the file, or the
        holder's death, frees it)."""
        while True:
            fd = next((f for f in map(self._try, self.paths) if f is not None), None)
            if fd is not None:
                break
            time.sleep(POLL_S)
        try:
            yield
        finally:
            os.close(fd)

    def free(self) -> int:
        """Slots free right now (for tests and diagnostics)."""
        fds = [f for f in map(self._try, self.paths) if f is not None]
        for fd in fds:
            os.close(fd)
        return len(fds)

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
