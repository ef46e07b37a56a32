"""Batch pre-screening at scale: parallel, cached, resumable, and proof against hostile files.

Public surface:

* :func:`run_batch` -- screen every file of the submissions under some paths; each result is
  committed to the cache and streamed to a ``sink`` as it completes; returns a
  :class:`BatchSummary` (``summary.exit_status``: 0 all read, 1 some failed).
* :func:`exit_status` -- that convention as a function (``None`` -> 2, a usage error).
* :class:`BatchUsageError` -- bad paths or options (exit status 2).
* :func:`changed_files` -- (submission, path) pairs whose bytes changed since last screened.
* :func:`ocr_slot` -- a context manager OCR code can hold so OCR jobs never share a core.

Heavy modules (SQLAlchemy, rich, dask) load on first use, so ``import batch`` is cheap.
"""

from __future__ import annotations

from evidence_review.pipeline.model import (
    BatchSummary,
    BatchUsageError,
    ChangedFile,
    FileResult,
    Outcome,
    Task,
    exit_status,
)
from evidence_review.pipeline.runner import DEFAULT_WORK, run_batch
from evidence_review.pipeline.worker import ocr_slot

__all__ = [
    "DEFAULT_WORK", "BatchSummary", "BatchUsageError", "ChangedFile", "FileResult", "Outcome",
    "Task", "changed_files", "exit_status", "ocr_slot", "run_batch",
]


def changed_files(database_url: str | None = None, *,
                  submission: str | None = None) -> list[ChangedFile]:
    """See :func:`evidence_review.pipeline.cache.changed_files`."""
    from evidence_review.pipeline.cache import changed_files as _changed

    return _changed(database_url, submission=submission)
