"""A cheap page count for each file, read by the coordinator before any worker runs: it sets
a file's time limit (a base plus seconds per page) and the progress display's ETA.

It never parses a file (hostile files are for the workers): a PDF's page objects are counted
in its bytes, a DOCX's page count is read from ``docProps/app.xml``; anything else, or a PDF
whose pages hide in compressed object streams, is estimated from its size.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

#: Seconds a file may take without ``--timeout``: a base plus seconds per page (README).
BASE_TIMEOUT_S = 120.0  # the old fixed limit: no file gets less time than before
TIMEOUT_PER_PAGE_S = 10.0  # a scanned page OCRed at 300 dpi on a busy machine

_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_COUNT = re.compile(rb"/Count\s+(\d{1,6})")
_APP_PAGES = re.compile(rb"<Pages>(\d{1,6})</Pages>")
_CHUNK = 1 << 20
_BYTES_PER_PAGE = 100_000  # a guess for files whose pages cannot be counted cheaply


def _pdf_pages(path: Path, size: int) -> int:
    pages, count = 0, 0
    tail = b""
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            data = tail + chunk
            # a match cut by the chunk boundary is seen whole in the next pass (16-byte overlap)
            pages += len(_PAGE.findall(data[: len(data) - 16] if len(chunk) == _CHUNK else data))
            count = max([count, *(int(n) for n in _COUNT.findall(data))])
            tail = data[len(data) - 16:] if len(chunk) == _CHUNK else b""
    return pages or count or max(1, size // _BYTES_PER_PAGE)


def _docx_pages(path: Path) -> int:
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("docProps/app.xml")
            if info.file_size > 1 << 16:
                return 1
            found = _APP_PAGES.search(zf.read(info))
    except Exception:  # a damaged or hostile zip (zlib.error, ...): the worker will say why
        return 1
    return max(1, int(found.group(1))) if found else 1


def estimate_pages(path: Path, max_bytes: int | None = None) -> int:
    """About how many pages ``path`` has (at least 1; 1 when it cannot be read).

    >>> import tempfile
    >>> with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
    ...     _ = f.write(b"%PDF-1.4 1 0 obj <</Type /Pages /Count 2>> 2 0 obj <</Type /Page>> "
    ...                 b"3 0 obj <</Type/Page>>"); f.flush()
    ...     estimate_pages(Path(f.name))
    2
    """
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            return 1
        with path.open("rb") as fh:
            head = fh.read(8)
        if head.startswith(b"%PDF"):
            return _pdf_pages(path, size)
        if head.startswith(b"PK"):
            return _docx_pages(path)
    except OSError:
        return 1
    return 1


def time_limit(pages: int, timeout_s: float | None, per_page_s: float) -> float | None:
    """The time limit of a file of ``pages`` pages: ``timeout_s + per_page_s × pages``.

    >>> time_limit(84, BASE_TIMEOUT_S, TIMEOUT_PER_PAGE_S), time_limit(84, 30, 0)
    (960.0, 30)
    """
    if not timeout_s:
        return None
    return timeout_s + per_page_s * max(1, pages) if per_page_s else timeout_s
