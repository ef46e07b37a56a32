"""What a batch run works on and what it reports: tasks, per-file results, the summary."""

from __future__ import annotations

import importlib
import json
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from evidence_review.messages import MessageKey, message


class BatchUsageError(Exception):
    """A mistake in how the batch was asked for (bad path, bad option): exit status 2."""


class Task(BaseModel):
    """One file of one submission, to be screened.

    ``rel`` is the path relative to the PATH argument the file was found under, with ``/``
    separators (so it usually starts with the agency folder).
    """

    @property
    def display(self) -> str:
        """How the file is named in messages: ``rel``, with the submission id in front when
        ``rel`` does not already start with the agency folder.

        >>> Task(submission="a", rel="a/x.pdf", abs_path=Path("/s/a/x.pdf")).display
        'a/x.pdf'
        >>> Task(submission="s", rel="x.pdf", abs_path=Path("/s/x.pdf")).display
        's/x.pdf'
        """
        first = self.rel.split("/", 1)[0]
        return display_path(self.rel if first == self.submission
                            else f"{self.submission}/{self.rel}")

    model_config = ConfigDict(frozen=True)

    submission: str
    rel: str
    abs_path: Path
    root: Path | None = Field(None, description="The agency folder (None: not known).")
    pages: int = Field(1, description="About how many pages (pipeline.pages), for the time "
                                      "limit and the ETA.")
    split: tuple[tuple[int, int], ...] | None = Field(
        None, description="A bound file's page ranges as a reviewer gave them (None: its "
                          "parts are found from its titles); such a result is never cached.")

    @property
    def doc_path(self) -> str:
        """The path relative to the agency folder, as the store names documents.

        >>> Task(submission="a", rel="a/d/x.pdf", abs_path=Path("/s/a/d/x.pdf"),
        ...      root=Path("/s/a")).doc_path
        'd/x.pdf'
        """
        if self.root is None:
            return self.rel
        try:
            return self.abs_path.relative_to(self.root).as_posix()
        except ValueError:
            return self.abs_path.name


class Outcome(StrEnum):
    """How a file's result was obtained."""

    DONE = "done"  # the work function returned a result
    CACHED = "cached"  # reused from the content-hash cache
    TIMEOUT = "timeout"  # killed after the time limit
    MEMORY = "memory"  # killed (or MemoryError) over the memory limit
    CRASHED = "crashed"  # the worker process died or the work function raised


#: Outcomes that are a property of the run (limits, crashes), not of the file's bytes:
#: they are never cached, so a re-run tries the file again.
TRANSIENT = frozenset({Outcome.TIMEOUT, Outcome.MEMORY, Outcome.CRASHED})


class FileResult(BaseModel):
    """One file's result, as streamed to the caller's sink.

    ``document_json`` is the work function's result serialised as JSON (``None`` when the
    worker failed before producing one: see ``outcome`` and ``error``). :attr:`document`
    parses it back into the work function's result class on first use.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    task: Task
    sha256: str = ""
    outcome: Outcome
    status: str = Field(description="success, partial or failure (the document's own status).")
    error: str | None = None
    pages: int = 0
    seconds: float = 0.0
    result_class: str | None = Field(None, description="'module:QualName' of the result model.")
    document_json: str | None = None

    @property
    def failed(self) -> bool:
        return self.status == "failure"

    @cached_property
    def document(self) -> Any:
        """The work function's result (e.g. a ``ScreenedDocument``), or ``None``."""
        if self.document_json is None or not self.result_class:
            return None
        cls = import_object(self.result_class)
        return cls.model_validate_json(self.document_json)

    def line(self) -> str:
        """One line naming the file and what happened (control characters escaped).

        >>> t = Task(submission="a", rel="a/x\\ny.pdf", abs_path=Path("/s/a/x\\ny.pdf"))
        >>> FileResult(task=t, outcome=Outcome.TIMEOUT, status="failure",
        ...            error=message(MessageKey.TIMED_OUT, seconds=120)).line()[:38]
        'a/x\\\\ny.pdf: ใช้เวลาอ่านเกิน 120 วินาที'
        """
        where = self.task.display
        if self.failed or self.error:
            return f"{where}: {one_line(self.error or message(MessageKey.FAILED))}"
        return f"{where}: {self.status}"

    def to_json_dict(self) -> dict[str, Any]:
        """The result as a JSON object: batch fields plus ``document`` (the work's own JSON)."""
        return {
            "submission": self.task.submission,
            "path": self.task.rel,
            "sha256": self.sha256,
            "outcome": self.outcome.value,
            "status": self.status,
            "error": self.error,
            "pages": self.pages,
            "document": json.loads(self.document_json) if self.document_json else None,
        }


class ChangedFile(BaseModel):
    """A (submission, path) whose bytes changed since it was last screened."""

    submission: str
    path: str
    old_sha256: str
    new_sha256: str
    changed_at: str


class BatchSummary(BaseModel):
    """Counts and failures of one batch run (results themselves are streamed, not kept)."""

    total: int = 0
    succeeded: int = 0
    partial: int = 0
    failed: int = 0
    cached: int = 0
    pages: int = 0
    seconds: float = 0.0
    failures: list[str] = Field(default_factory=list, description="One line per failed file.")
    changed: list[ChangedFile] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list,
                               description="Paths not screened and why (link loops, ...).")
    submissions: dict[str, str] = Field(default_factory=dict,
                                        description="Submission id -> its agency folder.")
    notes: list[str] = Field(default_factory=list,
                             description="Said once after the run (e.g. an id made distinct).")

    def add(self, result: FileResult) -> None:
        self.total += 1
        self.pages += result.pages
        if result.outcome is Outcome.CACHED:
            self.cached += 1
        if result.failed:
            self.failed += 1
            self.failures.append(result.line())
        elif result.status == "partial":
            self.partial += 1
        else:
            self.succeeded += 1

    @property
    def exit_status(self) -> int:
        return exit_status(self)


def exit_status(summary: BatchSummary | None) -> int:
    """The process exit status for a batch: 0 all files succeeded (partial counts as read),
    1 some failed, 2 usage error (pass ``None`` when the batch could not start).

    >>> exit_status(BatchSummary(total=3, succeeded=3)), exit_status(BatchSummary(failed=1))
    (0, 1)
    >>> exit_status(None)
    2
    """
    if summary is None:
        return 2
    return 1 if summary.failed else 0


def one_line(text: str, limit: int = 400) -> str:
    """Collapse a message to one line of at most ``limit`` characters.

    >>> one_line("bad\\nthing  here")
    'bad thing here'
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def display_path(path: str) -> str:
    r"""A path safe to print on one line: control characters shown as escapes.

    >>> display_path("a\nb\tc.pdf")
    'a\\nb\\tc.pdf'
    """
    if path.isprintable():
        return path
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)


def import_object(target: str) -> Any:
    """Import ``"package.module:name"`` (dots allowed in ``name`` for nested attributes).

    >>> import_object("pathlib:Path").__name__
    'Path'
    """
    module_name, sep, attr = target.partition(":")
    if not sep or not module_name or not attr:
        raise ValueError(f"expected 'module:name', got {target!r}")
    obj: Any = importlib.import_module(module_name)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


def object_path(obj: Any) -> str:
    """The ``"module:QualName"`` of a class or function (inverse of :func:`import_object`).

    >>> object_path(Path)
    'pathlib:Path'
    """
    return f"{obj.__module__}:{obj.__qualname__}"
