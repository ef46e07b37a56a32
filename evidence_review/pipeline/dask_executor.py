"""The "dask" executor: the same per-file work, submitted to a ``dask.distributed`` cluster.

Results are gathered as they complete and handed back to the coordinator, which alone writes
them. At most one task per worker thread is in flight, so a task's time limit counts from
about when it starts; a task over its limit is cancelled and its file fails. Dask cannot stop
a running thread, so a hung task keeps its worker thread until it returns: memory limits are the
cluster's own (a worker's ``memory_limit``; the nanny restarts a worker that exceeds it, and
the coordinator reports that file as failed).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Iterable
from typing import Any

from evidence_review.messages import MessageKey, message
from evidence_review.pipeline.model import BatchUsageError, FileResult, Outcome, Task
from evidence_review.pipeline.pages import time_limit
from evidence_review.pipeline.worker import Message, dask_task, failure

log = logging.getLogger(__name__)

_POLL_S = 0.02


def _client(scheduler: Any) -> tuple[Any, bool]:
    try:
        from distributed import Client
    except ImportError:
        raise BatchUsageError(
            "the dask executor needs dask.distributed: pip install 'evidence-review[dask]'"
        ) from None
    if scheduler is None:
        raise BatchUsageError("the dask executor needs a scheduler address (e.g. tcp://host:8786)")
    if isinstance(scheduler, str):
        try:
            return Client(scheduler, set_as_default=False, timeout="10s"), True
        except (OSError, TimeoutError) as exc:
            raise BatchUsageError(f"cannot reach dask scheduler {scheduler}: {exc}") from None
    if hasattr(scheduler, "submit"):  # a Client
        return scheduler, False
    return Client(scheduler, set_as_default=False), True  # a cluster object


def run_dask(items: Iterable[tuple[Task, str] | FileResult], *, work: str, rubric: Any,
             env: dict[str, str | None], scheduler: Any,
             timeout_s: float | None, options: Any = None,
             per_page_s: float = 0.0) -> Generator[FileResult, None, None]:
    """Yield a result per item (``(task, sha256)`` pairs run on the cluster)."""
    client, own = _client(scheduler)
    try:
        slots = max(1, sum(client.nthreads().values()))
        rubric_future = client.scatter(rubric, broadcast=True)
        inflight: dict[Any, tuple[Task, str, float]] = {}
        source = iter(items)
        exhausted = False
        while True:
            while not exhausted and len(inflight) < slots:
                item = next(source, None)
                if item is None:
                    exhausted = True
                elif isinstance(item, FileResult):
                    yield item
                else:
                    task, sha = item
                    fut = client.submit(dask_task, work, rubric_future, env, str(task.abs_path),
                                        task.rel, task.submission, options, task.split,
                                        pure=False)
                    inflight[fut] = (task, sha, time.monotonic())
            if not inflight:
                if exhausted:
                    return
                continue
            # poll (futures' own waits need a default client, which we must not install)
            done = [f for f in inflight if f.done()]
            if not done:
                time.sleep(_POLL_S)
            for fut in done:
                task, sha, t0 = inflight.pop(fut)
                try:
                    msg: Message = fut.result()
                except Exception as exc:  # KilledWorker, CancelledError, ...
                    first = (str(exc).splitlines() or [""])[0]
                    msg = failure(Outcome.CRASHED,
                                  message(MessageKey.DASK_FAILED, error_type=type(exc).__name__,
                                          detail=first), time.monotonic() - t0)
                yield FileResult(task=task, sha256=sha, outcome=msg.outcome, status=msg.status,
                                 error=msg.error, pages=msg.pages, seconds=msg.seconds,
                                 result_class=msg.result_class, document_json=msg.document_json)
            if timeout_s:
                now = time.monotonic()
                for fut, (task, sha, t0) in list(inflight.items()):
                    limit = time_limit(task.pages, timeout_s, per_page_s) or timeout_s
                    if now - t0 > limit:
                        del inflight[fut]
                        fut.cancel()
                        yield FileResult(task=task, sha256=sha, outcome=Outcome.TIMEOUT,
                                         status="failure", seconds=now - t0,
                                         error=message(MessageKey.TIMED_OUT,
                                                       seconds=round(limit)))
    finally:
        if own:
            client.close()
