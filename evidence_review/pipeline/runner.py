"""``run_batch``: screen every file of every submission, in parallel, cached and resumable.

The coordinator (this process) finds the files, hashes each one, answers from the cache where
it can, hands the rest to an executor (local worker processes or a dask cluster), and for each
result -- in completion order -- commits it to the database in its own transaction, passes it
to the caller's ``sink`` and forgets it. Nothing about the batch is held in memory but counts
and failure lines, so memory stays flat whatever the number of files.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from evidence_review.extractors.options import ExtractOptions
from evidence_review.intake.records import Limits
from evidence_review.messages import MessageKey, message
from evidence_review.pipeline.document import screen_document
from evidence_review.pipeline.model import (
    BatchSummary,
    BatchUsageError,
    FileResult,
    Task,
    import_object,
    object_path,
)
from evidence_review.pipeline.progress import BatchProgress, print_summary
from evidence_review.pipeline.worker import worker_env

log = logging.getLogger(__name__)

#: The per-file work function: ``(path, rubric, rel, submission, options) -> ScreenedDocument``.
#: Workers import it by the path of the function object (``module:name``).
DEFAULT_WORK: Callable[..., Any] = screen_document

Executor = Literal["local", "dask"]
Sink = Callable[[FileResult], None]


def find_tasks(paths: Sequence[str | Path], claim: Callable[[str, Path], str] | None = None,
               max_bytes: int | None = None, one_agency: bool = False
               ) -> tuple[list[Task], list[str]]:
    """The files to screen, as tasks, and warnings about what was skipped (link loops...).

    ``claim`` maps a submission's (id, agency folder) to the id to use (the store's). With
    ``one_agency`` the single folder named is one agency, its subfolders attachments (review
    and the web's upload name one agency folder).

    Raises:
        BatchUsageError: a named path does not exist, or there is no file to screen.
    """
    from evidence_review.intake.submissions import DiscoveryError, discover
    from evidence_review.pipeline.document import relative_name
    from evidence_review.pipeline.pages import estimate_pages

    try:
        submissions = discover([Path(p) for p in paths])
    except DiscoveryError as exc:
        raise BatchUsageError(str(exc)) from None
    if one_agency and len(paths) == 1 and Path(paths[0]).is_dir():
        from evidence_review.intake.submissions import Submission

        root = Path(paths[0])
        submissions = [Submission(
            id=Path(os.path.abspath(root)).name, root=root,
            files=sorted((f for s in submissions for f in s.files),
                         key=lambda f: Path(os.path.abspath(f)).as_posix()),
            warnings=[w for s in submissions for w in s.warnings])]
    if not any(s.files for s in submissions):
        raise BatchUsageError(f"{', '.join(str(p) for p in paths)}: "
                              f"{message(MessageKey.NO_FILES)}")
    args = [Path(os.path.abspath(p)) for p in paths]
    tasks: list[Task] = []
    for s in submissions:
        root = Path(os.path.abspath(s.root))
        ident = claim(s.id, root) if claim is not None and s.files else s.id
        tasks.extend(Task(submission=ident, rel=relative_name(f, args),
                          abs_path=Path(os.path.abspath(f)), root=root,
                          pages=estimate_pages(Path(f), max_bytes)) for f in s.files)
    warnings = [w for s in submissions for w in s.warnings]
    return tasks, warnings


def file_sha256(path: Path, max_bytes: int | None) -> str:
    """The file's sha256, or ``""`` when it cannot or should not be hashed (unreadable, not a
    regular file, over the size limit): such files are screened, never served from cache."""
    from evidence_review.intake.records import sha256_file

    try:
        st = path.stat()
        if not path.is_file() or (max_bytes is not None and st.st_size > max_bytes):
            return ""
        return sha256_file(path)
    except OSError:
        return ""


def work_path(work: str | Callable[..., Any]) -> str:
    """The import path (``module:name``) by which workers load ``work``.

    >>> work_path(screen_document)
    'evidence_review.pipeline.document:screen_document'
    """
    return work if isinstance(work, str) else object_path(work)


def _check(jobs: int | None, timeout_s: float | None, memory_mb: int | None,
           executor: str, work: str) -> int:
    if executor not in ("local", "dask"):
        raise BatchUsageError(f"unknown executor {executor!r}; choose 'local' or 'dask'")
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if jobs < 1:
        raise BatchUsageError(f"jobs must be at least 1, got {jobs}")
    if timeout_s is not None and timeout_s <= 0:
        raise BatchUsageError(f"timeout must be positive, got {timeout_s}")
    if memory_mb is not None and memory_mb <= 0:
        raise BatchUsageError(f"memory limit must be positive, got {memory_mb}")
    try:
        import_object(work)
    except (ImportError, AttributeError, ValueError) as exc:
        raise BatchUsageError(f"cannot load work function {work!r}: {exc}") from None
    return jobs


def run_batch(
    paths: Sequence[str | Path],
    rubric: Any = None,
    *,
    jobs: int | None = None,
    timeout_s: float | None = 120,
    memory_mb: int | None = 2048,
    executor: Executor = "local",
    scheduler: Any = None,
    cache: bool = True,
    quiet: bool = False,
    database_url: str | None = None,
    sink: Sink | None = None,
    work: str | Callable[..., Any] = DEFAULT_WORK,
    limits: Limits | None = None,
    console: Any = None,
    ocr_jobs: int | None = None,
    timeout_per_page_s: float = 0.0,
    register: bool = False,
    one_agency: bool = False,
    options: ExtractOptions | None = None,
) -> BatchSummary:
    """Screen every file of the submissions under ``paths``; stream results to ``sink``.

    Args:
        paths: files and folders, grouped into submissions by :func:`intake.discover`.
        rubric: the rubric (``rubric.load_rubric()`` when ``None``); part of the cache key.
        jobs: worker processes (local executor); default ``os.cpu_count()``.
        timeout_s: time limit per file; a file over it fails "timed out after N s".
        memory_mb: memory limit per file; over it the file fails "used more than N MB". Applied
            as an address-space cap of the worker's start-up size plus ``memory_mb`` (inherited
            by Tesseract/LibreOffice children) and a check, every second, of the RSS of the
            worker with its children.
        executor: ``"local"`` (worker processes here) or ``"dask"``.
        scheduler: for dask, a scheduler address, a ``Client`` or a cluster object.
        cache: reuse results for unchanged bytes (same sha256, rubric and tool version).
            ``False`` re-screens every file (results are still recorded).
        quiet: no progress display and no summary on stderr.
        database_url: SQLAlchemy URL of the cache (the store's default when ``None``).
        sink: called with each :class:`FileResult` as soon as it is committed, in completion
            order (write JSON/Markdown incrementally from here).
        work: the per-file work function (a module-level function) or its import path.
        limits: intake limits for the workers, replacing ``options.limits``.
        options: limits and reading choices handed to every worker (the extractors'
            defaults when ``None``; the CLI passes the settings').
        console: a rich Console for the progress display (tests); stderr by default.
        ocr_jobs: Tesseract runs at once across local workers (default: cores - 1, at least 1).
        timeout_per_page_s: added to ``timeout_s`` per page of the file (as
            :func:`pipeline.pages.estimate_pages` counts them): a long file gets longer.
        register: write every submission and document into the store at ``database_url``
            (:mod:`pipeline.register`), one transaction per file, as results arrive.
        one_agency: the one folder in ``paths`` is one agency, whatever its subfolders.

    Returns:
        Counts, failure lines and changed files; ``summary.exit_status`` is 0 or 1.

    Raises:
        BatchUsageError: a bad argument or path (exit status 2); no file was screened.
    """
    from evidence_review.pipeline.cache import (
        CacheKey,
        ResultCache,
        options_digest,
        rubric_hash,
        tool_version,
    )

    work = work_path(work)
    jobs = _check(jobs, timeout_s, memory_mb, executor, work)
    options = options or ExtractOptions()
    if limits is not None:
        options = options.model_copy(update={"limits": limits})
    if rubric is None:
        from evidence_review.rubric.model import RubricError, load_rubric

        try:
            rubric = load_rubric()
        except RubricError as exc:
            raise BatchUsageError(str(exc)) from None
    env = worker_env()
    max_bytes = options.limits.max_bytes
    registrar = _registrar(database_url, rubric) if register else None
    try:
        tasks, warnings = find_tasks(paths, registrar.claim if registrar else None, max_bytes,
                                     one_agency)
        for warning in warnings:
            log.info("skipped: %s", warning)
        summary = BatchSummary()
        t0 = time.perf_counter()
        try:
            version = f"{tool_version(work)}+{options_digest(options)}"
            store = ResultCache(database_url, CacheKey(rubric_hash(rubric), version))
        except Exception as exc:  # a bad URL or an unwritable database file
            raise BatchUsageError(f"cannot open database {database_url!r}: {exc}") from None

        def items() -> Iterator[tuple[Task, str] | FileResult]:
            for task in tasks:
                sha = file_sha256(task.abs_path, max_bytes)
                split = registrar.split_for(task, sha) if registrar and sha else None
                if split:  # a reviewer's split of a bound file: screened again, not cached
                    yield task.model_copy(update={"split": tuple(split)}), sha
                    continue
                hit = store.lookup(task, sha) if cache else None
                yield hit if hit is not None else (task, sha)

        total_pages = sum(t.pages for t in tasks)
        with store, BatchProgress(len(tasks), quiet=quiet, console=console,
                                  total_pages=total_pages) as progress:
            results = _execute(items(), executor=executor, work=work, rubric=rubric, env=env,
                               jobs=jobs, timeout_s=timeout_s, memory_mb=memory_mb,
                               scheduler=scheduler, ocr_jobs=ocr_jobs,
                               options=options, per_page_s=timeout_per_page_s)
            with contextlib.closing(results):
                for result in results:
                    changed = store.record(result, store_result=result.task.split is None)
                    if registrar is not None:
                        changed = registrar.record(result)
                    if changed is not None:
                        summary.changed.append(changed)
                    if sink is not None:
                        sink(result)
                    summary.add(result)
                    progress.update(result)
        if registrar is not None:
            registrar.finish(tasks)
            summary.submissions = {k: str(v) for k, v in registrar.roots.items()}
            summary.notes = registrar.notes
    finally:
        if registrar is not None:
            registrar.close()
    summary.seconds = time.perf_counter() - t0
    summary.skipped = warnings
    print_summary(summary, quiet=quiet)
    return summary


def _registrar(database_url: str | None, rubric: Any) -> Any:
    from evidence_review.pipeline.register import Registrar
    from evidence_review.store.db import StoreError

    try:
        return Registrar(database_url, rubric)
    except StoreError as exc:
        raise BatchUsageError(str(exc)) from None


def _execute(items: Iterable[tuple[Task, str] | FileResult], *, executor: str, work: str,
             rubric: Any, env: dict[str, str | None], jobs: int, timeout_s: float | None,
             memory_mb: int | None, scheduler: Any, ocr_jobs: int | None = None,
             options: ExtractOptions | None = None, per_page_s: float = 0.0
             ) -> Generator[FileResult, None, None]:
    if executor == "dask":
        from evidence_review.pipeline.dask_executor import run_dask

        return run_dask(items, work=work, rubric=rubric, env=env, scheduler=scheduler,
                        timeout_s=timeout_s, options=options, per_page_s=per_page_s)
    from evidence_review.pipeline.pool import LocalPool

    pool = LocalPool(work, rubric, jobs=jobs, timeout_s=timeout_s, memory_mb=memory_mb, env=env,
                     ocr_jobs=ocr_jobs, options=options, per_page_s=per_page_s)
    return pool.run(items)
