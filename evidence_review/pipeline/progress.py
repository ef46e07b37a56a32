"""The progress display on stderr: files done of total, pages/s, failures, ETA.

The bar and the ETA follow pages (each file's pages estimated before the run by
:mod:`pipeline.pages`), so a long file being read holds the ETA up instead of one file in four
looking like a quarter of the work.

Silent when ``quiet`` or when stderr is not a terminal (logs, pipes, CI). The line always fits
the terminal (rich would otherwise cut it to "599/…"): the bar takes what the text leaves, and
as the terminal narrows the label, the elapsed time, the bar, the rate and the page count are
left out, in that order. In 80 columns a run shows a short bar, files done/total, pages,
pages/s, failures and ETA; the done/total count, the failures and the ETA are never left out.
"""

from __future__ import annotations

import sys
import time
from typing import Any

from evidence_review.pipeline.model import BatchSummary, FileResult

#: The bar's width when the terminal has room, and the least worth drawing.
MAX_BAR = 40
MIN_BAR = 8
#: What is left out, in order, while the line is wider than the terminal.
_DROP_ORDER = ("label", "elapsed", "bar", "rate", "pages")


def _clock(seconds: float | None) -> str:
    """``h:mm:ss`` (hours may pass 24), or ``-:--:--`` when not known yet.

    >>> _clock(3725.4), _clock(100 * 3600.0), _clock(None)
    ('1:02:05', '100:00:00', '-:--:--')
    """
    if seconds is None:
        return "-:--:--"
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}"


def progress_line(done: int, total: int, pages: int, rate: float, failed: int,
                  elapsed: float | None, remaining: float | None, width: int) -> tuple[int, str]:
    """The bar's width (0: no bar) and the text after it, fitted to ``width`` cells: parts are
    left out in the order of ``_DROP_ORDER`` until the line fits; the done/total count, the
    failures and the ETA always stay.

    >>> progress_line(599, 1234, 7188, 232.4, 12, 31, 130, 120)
    (31, 'screening 599/1234 files · 7,188 pages · 232 pages/s · 12 failed · 0:00:31 · ETA 0:02:10')
    >>> progress_line(599, 1234, 7188, 232.4, 12, 31, 130, 80)
    (11, '599/1234 files · 7,188 pages · 232 pages/s · 12 failed · ETA 0:02:10')
    >>> progress_line(599, 1234, 7188, 232.4, 12, 31, 130, 56)
    (0, '599/1234 files · 7,188 pages · 12 failed · ETA 0:02:10')
    """
    from rich.cells import cell_len

    def build(dropped: set[str]) -> str:
        parts = [f"{done}/{total} files"]
        if "pages" not in dropped:
            parts.append(f"{pages:,} pages")
        if "rate" not in dropped:
            parts.append(f"{rate:,.0f} pages/s")
        parts.append(f"{failed} failed")
        if "elapsed" not in dropped:
            parts.append(_clock(elapsed))
        parts.append(f"ETA {_clock(remaining)}")
        return ("" if "label" in dropped else "screening ") + " · ".join(parts)

    def fits(dropped: set[str]) -> bool:
        bar = 0 if "bar" in dropped else 1 + MIN_BAR
        return cell_len(build(dropped)) + bar <= width

    dropped: set[str] = set()
    for part in _DROP_ORDER:
        if fits(dropped):
            break
        dropped.add(part)
    text = build(dropped)
    room = width - cell_len(text) - 1
    return (0 if "bar" in dropped or room < MIN_BAR else min(MAX_BAR, room)), text


class BatchProgress:
    """A context manager fed one :class:`FileResult` at a time."""

    def __init__(self, total: int, *, quiet: bool = False, console: Any = None,
                 total_pages: int | None = None) -> None:
        self.total = total
        #: the bar and the ETA follow pages (estimated per file before the run), not files:
        #: one 84-page file is most of a batch of four
        self.total_pages = max(1, total_pages if total_pages is not None else total)
        self._files = 0
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
            from rich.progress import Progress

            console = self._console or Console(stderr=True)
            self._progress = Progress(_line_column(console), console=console, transient=False,
                                      refresh_per_second=4)
            self._progress.start()
            self._task = self._progress.add_task("screen", total=self.total_pages, pages=0,
                                                 rate=0.0, failed=0, files=0,
                                                 files_total=self.total)
        return self

    def update(self, result: FileResult) -> None:
        self._pages += result.pages
        self._failed += int(result.failed)
        self._files += 1
        if self._progress is not None:
            elapsed = max(time.perf_counter() - self._t0, 1e-6)
            self._progress.update(self._task, advance=result.task.pages, pages=self._pages,
                                  rate=self._pages / elapsed, failed=self._failed,
                                  files=self._files)

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()


def _line_column(console: Any) -> Any:
    from rich.progress import ProgressColumn
    from rich.text import Text

    class LineColumn(ProgressColumn):
        """The whole line as one column: the bar gets what the counts leave of the width."""

        def render(self, task: Any) -> Text:
            total = int(task.fields["files_total"])
            done = int(task.fields["files"])
            remaining = task.time_remaining if done < total else 0.0
            bar, text = progress_line(done, total, task.fields["pages"], task.fields["rate"],
                                      task.fields["failed"], task.elapsed, remaining,
                                      console.width)
            share = min(1.0, task.completed / task.total) if task.total else 0.0
            filled = round(bar * share)
            line = Text()
            if bar:
                line.append("━" * filled, style="bar.complete")
                line.append("━" * (bar - filled), style="bar.back")
                line.append(" ")
            line.append(text)
            return line

    return LineColumn()


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
            same = c.path.split("/", 1)[0] == c.submission  # a path from the folder screened
            print(f"  {c.path if same else f'{c.submission}/{c.path}'}", file=out)
