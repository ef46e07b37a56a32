"""Reading one file outside a batch, under the batch runner's per-file limits: a worker
process of the same pool, with ``screen``'s time limit (a base plus seconds per page) and
memory limit. What reads a document after screening (a reviewer's role change that needs the
activity table) goes through here instead of reading in-process with no limit."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from evidence_review.extractors.model import Document
from evidence_review.extractors.options import ExtractOptions

#: Memory a file may use while read, as ``screen``'s default.
MEMORY_MB = 2048


def read_document(path: Path, rubric: Any, rel: str, submission: str,
                  options: ExtractOptions | None = None) -> Document:
    """The work function: the file read (nothing classified)."""
    from evidence_review.extractors import extract

    return extract(Path(path), options)


def extract_limited(path: str | Path, options: ExtractOptions | None = None,
                    timeout_s: float | None = None, memory_mb: int = MEMORY_MB) -> Document:
    """Read ``path`` in a worker under the limits (``timeout_s`` None: screen's, a base plus
    seconds per page). A worker stopped for time, memory or a crash gives a failed Document
    with the reason; never raises for the file."""
    from evidence_review.extractors.model import ErrorCategory, failed
    from evidence_review.intake import FileFormat, sniff_format
    from evidence_review.pipeline.model import Task
    from evidence_review.pipeline.pages import BASE_TIMEOUT_S, TIMEOUT_PER_PAGE_S, estimate_pages
    from evidence_review.pipeline.pool import LocalPool
    from evidence_review.pipeline.worker import worker_env

    file = Path(path)
    try:  # a page estimate opens the file: never a FIFO's (it would wait for a writer)
        regular = stat.S_ISREG(file.stat().st_mode)
    except OSError:
        regular = False
    pool = LocalPool(f"{__name__}:read_document", None, jobs=1,
                     timeout_s=timeout_s or BASE_TIMEOUT_S, memory_mb=memory_mb,
                     env=worker_env(), options=options,
                     per_page_s=0.0 if timeout_s else TIMEOUT_PER_PAGE_S)
    task = Task(submission="", rel=str(file), abs_path=file,
                pages=estimate_pages(file) if regular else 1)
    (result,) = list(pool.run([(task, "")]))
    doc = result.document
    if isinstance(doc, Document):
        return doc
    try:
        fmt = sniff_format(file)
    except OSError:
        fmt = FileFormat.UNKNOWN
    return failed(file, fmt, "worker", ErrorCategory.LIMIT, result.error or "failed", "")


def limited_reader(options: ExtractOptions | None = None) -> Any:
    """An ``extract_fn`` for :func:`review.decisions.ensure_analysis` reading under the limits."""
    return lambda path: extract_limited(path, options)
