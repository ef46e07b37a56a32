"""The progress display on stderr: files done of total, pages/s, failures, ETA.

Silent when ``quiet`` or when stderr is not a terminal (logs, pipes, CI).
"""

from __future__ import annotations

import sys
import time
from typing import Any

from batch.model import BatchSummary, FileResult


class BatchProgress:
    """A context manager fed one :class:`FileResult` at a time."""

    def __init__(self, total: int, *, quiet: bool = False, console: Any = None) -> None:
        self.total = total
        self.quiet = quiet
        self._console = console
        self._progress: Any = None
        self._task: Any = None
        self._t0 = time.perf_counter()
        self._pages = 0
        self._failed = 0

    @property
    def enabled(self) -> bool:
        if self.quiet:
            return False
        if self._console is not None:
            return bool(self._console.is_terminal)
        return sys.stderr.isatty()

    def __enter__(self) -> BatchProgress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            console = self._console or Console(stderr=True)
            self._progress = Progress(
                TextColumn("[bold]screening"), BarColumn(), MofNCompleteColumn(),
                TextColumn("files · {task.fields[pages]} pages · {task.fields[rate]} pages/s"),
                TextColumn("· [red]{task.fields[failed]} failed"),
                TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                console=console, transient=False, refresh_per_second=4,
            )
            self._progress.start()
            self._task = self._progress.add_task("screen", total=self.total, pages=0,
                                                 rate="0", failed=0)
        return self

    def update(self, result: FileResult) -> None:
        self._pages += result.pages
        self._failed += int(result.failed)
        if self._progress is not None:
            elapsed = max(time.perf_counter() - self._t0, 1e-6)
            self._progress.update(self._task, advance=1, pages=self._pages,
                                  rate=f"{self._pages / elapsed:,.0f}", failed=self._failed)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


def print_summary(summary: BatchSummary, *, quiet: bool = False, file: Any = None) -> None:
    """A short summary on stderr; every failure on its own line naming the file and reason."""
    if quiet:
        return
    out = file or sys.stderr
    rate = summary.pages / summary.seconds if summary.seconds else 0.0
    print(f"screened {summary.total} files ({summary.cached} from cache), {summary.pages} pages "
          f"in {summary.seconds:.1f} s ({rate:,.0f} pages/s); {summary.failed} failed",
          file=out)
    if summary.failures:
        print(f"{summary.failed} file(s) could not be screened:", file=out)
        for line in summary.failures:
            print(f"  {line}", file=out)
    for line in summary.skipped:
        print(f"  skipped {line}", file=out)
    if summary.changed:
        print(f"{len(summary.changed)} file(s) changed since last screened; their decisions "
              "need a re-review:", file=out)
        for c in summary.changed:
            print(f"  {c.submission}/{c.path}", file=out)
