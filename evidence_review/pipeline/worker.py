"""What runs inside a worker: limits, the work function, and turning its result into a message.

The work function reaches a worker (a local process or a dask worker) by its import path, taken
from the function object the runner was given
(:func:`evidence_review.pipeline.document.screen_document` by default). Its signature is
``work(path: Path, rubric, rel: str, submission: str, options) -> BaseModel``, ``options``
being the coordinator's :class:`~evidence_review.extractors.options.ExtractOptions` (workers
never read settings); the result should have ``status``, ``error`` and ``pages`` attributes
(``ScreenedDocument`` has them).
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from evidence_review.messages import MessageKey, message
from evidence_review.pipeline.model import Outcome, import_object, object_path, one_line

log = logging.getLogger(__name__)

#: Environment every worker gets: one OpenMP thread per Tesseract, so OCR jobs (at most one per
#: worker, and ``jobs`` defaults to the core count) never fight for a core.
WORKER_ENV = {"OMP_THREAD_LIMIT": "1", "OMP_NUM_THREADS": "1", "PYTHAINLP_READ_ONLY": "1"}

_OCR_SLOTS: Any = None  # the batch's OcrSlots (lock files), set in local pool workers


class Message(NamedTuple):
    """A worker's answer for one task (plain data: it crosses process boundaries)."""

    outcome: Outcome
    status: str
    error: str | None
    pages: int
    result_class: str | None
    document_json: str | None
    seconds: float


def worker_env(overrides: dict[str, str] | None = None) -> dict[str, str | None]:
    """The ``EVIDENCE_REVIEW_*`` variables of this process (plus ``overrides`` and
    :data:`WORKER_ENV`), to replay in workers, whose environment may date from an earlier run;
    a value ``None`` unsets it. (The stages' options travel as arguments, not through this:
    it is for the environment of child tools and test doubles.)"""
    env: dict[str, str | None] = {k: v for k, v in os.environ.items()
                                  if k.startswith("EVIDENCE_REVIEW_")}
    env.update(overrides or {})
    env.update(WORKER_ENV)
    return env


def apply_env(env: dict[str, str | None]) -> None:
    """Make this process's ``EVIDENCE_REVIEW_*`` environment match ``env``."""
    for key in [k for k in os.environ if k.startswith("EVIDENCE_REVIEW_") and k not in env]:
        del os.environ[key]
    for key, value in env.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def limit_memory(memory_mb: int | None) -> None:
    """Cap this process's address space at its current size plus ``memory_mb`` MB, so an
    allocation beyond it raises MemoryError here instead of exhausting the machine."""
    if not memory_mb:
        return
    try:
        import resource

        import psutil

        base = psutil.Process().memory_info().vms
        cap = base + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    except (ImportError, ValueError, OSError) as exc:  # not on this platform: RSS watch remains
        log.debug("cannot set RLIMIT_AS: %s", exc)


@contextlib.contextmanager
def ocr_slot() -> Iterator[None]:
    """Hold one of the batch's OCR slots (at most ``cores`` OCR jobs at once across workers).

    A no-op outside a batch worker, so OCR code may always wrap Tesseract calls in it.
    """
    slots = _OCR_SLOTS
    if slots is None:
        yield
        return
    with slots.hold():
        yield


def _share_ocr_slots() -> None:
    """Route the extractors' Tesseract runs through :func:`ocr_slot` (their explicit gate).

    The PDF extractor runs up to two Tesseract processes per document; with one worker per core
    that would be two per core, fighting for it (and for memory). Gating them here caps
    Tesseract runs across all workers at the OCR slots, without the extractor knowing about
    batches.
    """
    from evidence_review.extractors import ocr

    ocr.set_gate(ocr_slot)


def _status_of(result: Any) -> str:
    status = getattr(result, "status", "success")
    if isinstance(status, Enum):
        status = status.value
    return str(status)


def _pages_of(result: Any) -> int:
    pages = getattr(result, "pages", 0)
    if isinstance(pages, int):
        return pages
    try:
        return len(pages)
    except TypeError:
        return 0


def describe(result: Any, seconds: float) -> Message:
    """Turn a work function's result into a :class:`Message`."""
    error = getattr(result, "error", None)
    return Message(
        outcome=Outcome.DONE,
        status=_status_of(result),
        error=one_line(str(error)) if error else None,
        pages=_pages_of(result),
        result_class=object_path(type(result)),
        document_json=result.model_dump_json(),
        seconds=seconds,
    )


def failure(outcome: Outcome, reason: str, seconds: float = 0.0) -> Message:
    return Message(outcome, "failure", reason, 0, None, None, seconds)


def memory_reason(memory_mb: int | None) -> str:
    """Why a worker stopped for memory, one line (Thai first).

    >>> memory_reason(300)
    'ใช้หน่วยความจำเกิน 300 MB จึงหยุดอ่าน [used more than 300 MB]'
    """
    if memory_mb:
        return message(MessageKey.MEMORY_LIMIT, memory_mb=memory_mb)
    return message(MessageKey.OUT_OF_MEMORY)


def run_one(work: Any, rubric: Any, path: str, rel: str, submission: str,
            memory_mb: int | None = None, options: Any = None,
            split: Any = None) -> Message:
    """Run the work function on one file; never raises (except for KeyboardInterrupt).
    ``split`` (a reviewer's page ranges for a bound file) is passed only when given."""
    t0 = time.perf_counter()
    try:
        extra = {"split": [tuple(r) for r in split]} if split else {}
        result = work(Path(path), rubric, rel, submission, options, **extra)
        return describe(result, time.perf_counter() - t0)
    except MemoryError:
        return failure(Outcome.MEMORY, memory_reason(memory_mb), time.perf_counter() - t0)
    except Exception as exc:  # a bug in the work function: this file fails, the batch goes on
        log.info("work function raised on %s", path, exc_info=True)
        first = (str(exc).splitlines() or [""])[0]
        return failure(Outcome.CRASHED,
                       message(MessageKey.WORK_FAILED, error_type=type(exc).__name__,
                               detail=first),
                       time.perf_counter() - t0)


class _OneLine(logging.Formatter):
    """Log records as one line, never a traceback (the file's result already says why)."""

    def format(self, record: logging.LogRecord) -> str:
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return " ".join(super().format(record).split())


def log_level() -> int | None:
    """The level a worker should log at: the coordinator's, if it configured logging; else
    ``None`` (workers stay silent: no library traceback reaches the user's terminal)."""
    root = logging.getLogger()
    return root.getEffectiveLevel() if root.handlers else None


def configure_logging(level: int | None) -> None:
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    if level is None:
        root.addHandler(logging.NullHandler())
        return
    handler = logging.StreamHandler()
    handler.setFormatter(_OneLine("worker %(process)d: %(levelname)s %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)


def _die_with_coordinator(coordinator: int | None) -> None:
    """Make sure a worker stuck in a pathological file cannot outlive a ``kill -9`` of the batch.

    A watchdog thread checks every second that the coordinator lives and otherwise kills this
    worker's process group (the worker and its Tesseract/LibreOffice children). The thread runs
    while the worker is in C code (pdfium and friends release the GIL). Also, on Linux, the
    worker asks to be killed with its parent, the fork server, which exits with the coordinator
    once no worker holds its "alive" pipe -- so the worker lets go of its inherited copy.
    """
    import signal
    import threading

    with contextlib.suppress(Exception):
        from multiprocessing import forkserver

        fd = forkserver._forkserver._forkserver_alive_fd  # type: ignore[attr-defined]
        if fd is not None:
            os.close(fd)
            forkserver._forkserver._forkserver_alive_fd = None  # type: ignore[attr-defined]
    with contextlib.suppress(Exception):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if coordinator is None:
        return

    def watch() -> None:
        while _alive(coordinator):
            time.sleep(1.0)
        if os.getpgrp() == os.getpid():  # our own group: the worker and its children only
            with contextlib.suppress(OSError):
                os.killpg(os.getpgrp(), signal.SIGKILL)
        os._exit(1)

    threading.Thread(target=watch, name="coordinator-watch", daemon=True).start()


def _release_memory() -> None:
    """Give freed heap back to the OS after a big file (glibc keeps it otherwise), so a worker's
    RSS reflects what it holds, not the biggest document it has seen. (No ``gc.collect()``:
    with the Thai dictionaries loaded it costs ~80 ms.)"""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _alive(pid: int | None) -> bool:
    if pid is None:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def worker_main(conn: Any, work_path: str, rubric: Any, env: dict[str, str | None],
                memory_mb: int | None, ocr_slots: Any, level: int | None = None,
                coordinator: int | None = None, options: Any = None) -> None:
    """A local pool worker: receive ``(path, rel, submission)``, answer a :class:`Message`,
    until ``None`` or the coordinator goes away."""
    global _OCR_SLOTS
    with contextlib.suppress(OSError):
        os.setpgrp()  # so a kill on timeout also reaches Tesseract/LibreOffice children
    _die_with_coordinator(coordinator)
    if not _alive(coordinator):  # it died while we were starting: nobody to answer
        return
    configure_logging(level)
    apply_env(env)
    _OCR_SLOTS = ocr_slots
    work = import_object(work_path)
    if ocr_slots is not None:
        _share_ocr_slots()
    limit_memory(memory_mb)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if task is None or not _alive(coordinator):  # a task left in the pipe of a dead batch
            return
        try:
            path, rel, submission, split = task
            msg = run_one(work, rubric, path, rel, submission, memory_mb=memory_mb,
                          options=options, split=split)
        except KeyboardInterrupt:
            return
        try:
            conn.send(msg)
        except (OSError, ValueError):
            return
        except MemoryError:
            conn.send(failure(Outcome.MEMORY, memory_reason(memory_mb), msg.seconds))
        if msg.pages > 3 or msg.seconds > 0.5:
            _release_memory()
        del msg


def dask_task(work_path: str, rubric: Any, env: dict[str, str | None], path: str, rel: str,
              submission: str, options: Any = None, split: Any = None) -> Message:
    """The per-file function submitted to dask (runs in a dask worker thread)."""
    if any(os.environ.get(k) != v for k, v in env.items()):
        apply_env(env)
    return run_one(import_object(work_path), rubric, path, rel, submission, options=options,
                   split=split)
