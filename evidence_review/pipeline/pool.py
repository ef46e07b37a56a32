"""A small pool of worker processes with a deadline and a memory watch per task.

Why not ``concurrent.futures.ProcessPoolExecutor``: one dead worker breaks the whole executor
and a running task cannot be cancelled. Here each worker has its own pipe, the coordinator knows
which file each worker holds and since when, and a worker that overstays its time limit, grows
past its memory limit or dies is killed (with its process group) and replaced; only its file
fails. Workers start lazily, so a fully cached batch starts none.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
import signal
import sys
import time
import types
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from evidence_review.messages import MessageKey, message
from evidence_review.pipeline.model import FileResult, Outcome, Task
from evidence_review.pipeline.pages import time_limit
from evidence_review.pipeline.slots import OcrSlots
from evidence_review.pipeline.worker import Message, failure, log_level, worker_main

log = logging.getLogger(__name__)

_POLL_S = 0.25  # longest wait between checks of deadlines
_MAX_PASS_THROUGH = 64  # cache hits passed on per round, so results keep flowing
_RSS_EVERY_S = 1.0  # how often a busy worker's memory (with its children) is measured;
# sudden growth is caught sooner by RLIMIT_AS inside the worker


@dataclass
class _Slot:
    proc: Any
    conn: Connection
    task: Task | None = None
    sha256: str = ""
    started: float = 0.0
    rss_checked: float = 0.0
    limit: float | None = None  # seconds this task may take


def _context() -> Any:
    """forkserver: children fork from a clean server (no coordinator threads), fast respawn."""
    try:
        return mp.get_context("forkserver")
    except ValueError:  # platforms without it
        return mp.get_context("spawn")


#: Loaded by the fork server before it forks, with more than this many workers: the one Thai
#: dictionary (:mod:`evidence_review.pipeline.shared`), then shared by every worker.
SHARE_DICTIONARY_FROM = 3


def preload_modules(work: str, jobs: int) -> list[str]:
    """What the fork server imports before forking workers.

    The worker loop and the (light) work module always. The Thai dictionary (~55 MB) only for
    three workers or more: preloaded, it is one copy shared by all (PSS counts it once) but
    also sits in the fork server, so the summed RSS grows by one copy -- measured with
    ``benchmarks/batch.py`` at 200 agencies on 2 cores: 489 MB RSS summed / 392 MB PSS
    without, 559 / 345 with. From three workers up, the memory actually used (PSS) falls by a
    copy per extra worker. Other heavy libraries are not preloaded: each worker imports them
    on its first file.

    >>> preload_modules("evidence_review.pipeline.document:screen_document", 2)
    ['evidence_review.pipeline.worker', 'evidence_review.pipeline.document']
    >>> preload_modules("m:f", 4)[-1]
    'evidence_review.pipeline.shared'
    """
    modules = ["evidence_review.pipeline.worker", work.partition(":")[0]]
    if jobs >= SHARE_DICTIONARY_FROM:
        modules.append("evidence_review.pipeline.shared")
    return modules


def _preload(work: str, jobs: int) -> None:
    """Have the fork server import :func:`preload_modules` once."""
    with contextlib.suppress(Exception):
        mp.set_forkserver_preload(preload_modules(work, jobs))


def default_ocr_jobs(cores: int | None = None) -> int:
    """Tesseract runs allowed at once across all workers: one core is left for the workers
    themselves (a worker waiting on its Tesseract is idle, the others are not), so OCR never
    pushes the batch past one busy process per core.

    >>> default_ocr_jobs(2), default_ocr_jobs(8), default_ocr_jobs(1)
    (1, 7, 1)
    """
    cores = cores if cores is not None else (os.cpu_count() or 1)
    return max(1, cores - 1)


@contextlib.contextmanager
def _without_main() -> Iterator[None]:
    """Start processes without re-running the caller's ``__main__`` in them.

    forkserver/spawn children normally import the parent's main script, which re-runs any
    unguarded top-level code of a user's script (or fails); workers need only the work module.
    """
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        proc = psutil.Process(pid)
        total = proc.memory_info().rss
        for child in proc.children(recursive=True):
            with contextlib.suppress(psutil.Error):
                total += child.memory_info().rss
        return total
    except psutil.Error:
        return 0


class LocalPool:
    """Run tasks in ``jobs`` worker processes, yielding one :class:`FileResult` per task.

    Items of the input may also be ready :class:`FileResult` objects (cache hits): they are
    passed straight through, in order with the work, without occupying a worker.
    """

    def __init__(self, work: str, rubric: Any, *, jobs: int, timeout_s: float | None,
                 memory_mb: int | None, env: dict[str, str | None],
                 ocr_jobs: int | None = None, options: Any = None,
                 per_page_s: float = 0.0) -> None:
        self.work = work
        self.per_page_s = per_page_s
        self.rubric = rubric
        self.options = options
        self.jobs = max(1, jobs)
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self.env = env
        self.ocr_jobs = ocr_jobs or default_ocr_jobs()
        self._ctx = _context()
        self._slots: list[_Slot] = []
        self._ocr_slots: OcrSlots | None = None

    # -- worker lifecycle -------------------------------------------------------------
    def _spawn(self) -> _Slot:
        if self._ocr_slots is None:
            _preload(self.work, self.jobs)
            self._ocr_slots = OcrSlots(self.ocr_jobs)
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(
            target=worker_main,
            args=(child, self.work, self.rubric, self.env, self.memory_mb, self._ocr_slots,
                  log_level(), os.getpid(), self.options),
            daemon=True, name="batch-worker",
        )
        with _without_main():
            proc.start()
        child.close()
        return _Slot(proc=proc, conn=parent)

    @staticmethod
    def _kill(slot: _Slot) -> None:
        pid = slot.proc.pid
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)  # the worker is its own process group leader
        with contextlib.suppress(OSError):
            slot.proc.kill()
        slot.proc.join(5)
        with contextlib.suppress(OSError):
            slot.conn.close()

    def _replace(self, slot: _Slot) -> None:
        self._kill(slot)
        i = self._slots.index(slot)
        self._slots[i] = self._spawn()

    def close(self) -> None:
        for slot in self._slots:
            if slot.task is None:
                with contextlib.suppress(OSError, ValueError):
                    slot.conn.send(None)
        deadline = time.monotonic() + 2
        for slot in self._slots:
            if slot.task is None:
                slot.proc.join(max(0.0, deadline - time.monotonic()))
            if slot.proc.is_alive():
                self._kill(slot)
            else:
                with contextlib.suppress(OSError):
                    slot.conn.close()
        self._slots = []
        if self._ocr_slots is not None:
            self._ocr_slots.remove()
            self._ocr_slots = None

    # -- results ----------------------------------------------------------------------
    def _result(self, slot: _Slot, msg: Message) -> FileResult:
        assert slot.task is not None
        result = FileResult(task=slot.task, sha256=slot.sha256, outcome=msg.outcome,
                            status=msg.status, error=msg.error, pages=msg.pages,
                            seconds=msg.seconds, result_class=msg.result_class,
                            document_json=msg.document_json)
        slot.task = None
        return result

    def _fail(self, slot: _Slot, outcome: Outcome, reason: str) -> FileResult:
        seconds = time.monotonic() - slot.started
        result = self._result(slot, failure(outcome, reason, seconds))
        self._replace(slot)
        return result

    def _crash_reason(self, slot: _Slot) -> tuple[Outcome, str]:
        slot.proc.join(1)
        code = slot.proc.exitcode
        if code is not None and code < 0:
            sig = -code
            if sig == signal.SIGKILL and self.memory_mb:
                # the kernel's OOM killer (or someone) killed it; memory is the usual reason
                return Outcome.MEMORY, message(MessageKey.WORKER_KILLED_MEMORY,
                                               memory_mb=self.memory_mb)
            name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else sig
            return Outcome.CRASHED, message(MessageKey.WORKER_CRASHED, signal=name)
        return Outcome.CRASHED, message(MessageKey.WORKER_EXITED, status=code)

    # -- the loop ---------------------------------------------------------------------
    def _dispatch(self, source: Iterator[tuple[Task, str] | FileResult],
                  out: list[FileResult]) -> bool:
        """Hand tasks to idle workers (spawning up to ``jobs``); ready results go to ``out``.
        Returns False once ``source`` is exhausted."""
        while len(out) < _MAX_PASS_THROUGH:
            idle = next((s for s in self._slots if s.task is None), None)
            if idle is None and len(self._slots) >= self.jobs:
                return True
            item = next(source, None)
            if item is None:
                return False
            if isinstance(item, FileResult):
                out.append(item)
                continue
            if idle is None:
                idle = self._spawn()
                self._slots.append(idle)
            task, idle.sha256 = item
            idle.task = task
            idle.started = idle.rss_checked = time.monotonic()
            idle.limit = time_limit(task.pages, self.timeout_s, self.per_page_s)
            try:
                idle.conn.send((str(task.abs_path), task.rel, task.submission, task.split))
            except (OSError, ValueError):
                out.append(self._fail(idle, *self._crash_reason(idle)))
        return True

    def _collect(self, busy: list[_Slot], out: list[FileResult]) -> None:
        """Wait briefly for answers, deaths and deadlines of busy workers; results to ``out``."""
        now = time.monotonic()
        wait_s = _POLL_S
        deadlines = [s.started + s.limit for s in busy if s.limit]
        if deadlines:
            wait_s = min(wait_s, max(0.0, min(deadlines) - now))
        ready = set(wait([s.conn for s in busy] + [s.proc.sentinel for s in busy], wait_s))
        for slot in busy:
            if slot.conn in ready:
                try:
                    msg = slot.conn.recv()
                except (EOFError, OSError):
                    out.append(self._fail(slot, *self._crash_reason(slot)))
                    continue
                out.append(self._result(slot, msg))
                if msg.outcome is Outcome.MEMORY:
                    self._replace(slot)  # its heap may be fragmented or near the cap
            elif slot.proc.sentinel in ready:
                out.append(self._fail(slot, *self._crash_reason(slot)))
        now = time.monotonic()
        for slot in [s for s in self._slots if s.task is not None]:
            if slot.limit and now - slot.started > slot.limit:
                out.append(self._fail(slot, Outcome.TIMEOUT,
                                      message(MessageKey.TIMED_OUT, seconds=round(slot.limit))))
            elif self.memory_mb and now - slot.rss_checked > _RSS_EVERY_S:
                slot.rss_checked = now
                if _tree_rss(slot.proc.pid) > self.memory_mb * 2**20:
                    out.append(self._fail(slot, Outcome.MEMORY,
                                          message(MessageKey.MEMORY_LIMIT,
                                                  memory_mb=self.memory_mb)))

    def run(self, items: Iterable[tuple[Task, str] | FileResult]
            ) -> Generator[FileResult, None, None]:
        """Yield a result per item: ``(task, sha256)`` pairs are run, ready results pass.

        Idle workers get their next task before the finished results are yielded, so workers
        keep working while the caller records results.
        """
        source = iter(items)
        more = True
        out: list[FileResult] = []
        try:
            while True:
                if more:
                    more = self._dispatch(source, out)
                yield from out
                out.clear()
                busy = [s for s in self._slots if s.task is not None]
                if busy:
                    self._collect(busy, out)
                elif not more:
                    return
        finally:
            self.close()
