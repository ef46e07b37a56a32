"""The content-hash cache and the file index, in the project's database.

Two tables of the store's schema (:mod:`store.schema`, created by migration 2):

* ``screen_cache`` -- one row per (sha256, rubric hash, tool version): the serialised result
  (zlib-compressed JSON). A file whose bytes, rubric and tool are unchanged is not screened again,
  whatever its name or agency.
* ``screen_files`` -- one row per (submission, path): the sha256 last screened there and the one
  before it, so decisions made on older bytes can be flagged for re-review
  (:func:`changed_files`).

Only the coordinating process writes, one transaction per file; SQLite runs in WAL mode with
``synchronous=NORMAL``, so a ``kill -9`` at any moment leaves every committed file intact and a
re-run resumes where it stopped.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import zlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import (
    Engine,
    Table,
    bindparam,
    select,
)

from evidence_review.pipeline.model import ChangedFile, FileResult, Outcome, Task
from evidence_review.store.db import (
    make_engine,  # the store's: one database, the same SQLite pragmas
)
from evidence_review.store.engine import WRITE_LOCK
from evidence_review.store.schema import screen_cache, screen_files


def _ensure_schema(engine: Engine) -> None:
    """The cache tables are part of the store's schema: bring the database up to date."""
    from evidence_review.store.migrations import migrate

    migrate(engine)


class CacheKey(NamedTuple):
    rubric_hash: str
    tool_version: str


def rubric_hash(rubric: Any) -> str:
    """A stable hash of a rubric (its JSON form for a pydantic model, else its repr).

    >>> rubric_hash({"a": 1}) == rubric_hash({"a": 1}) != rubric_hash({"a": 2})
    True
    """
    if hasattr(rubric, "model_dump_json"):
        text = rubric.model_dump_json()
    else:
        text = json.dumps(rubric, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


#: Packages whose code decides a screening result: a change to any of their files (a fixed
#: rule, a rubric word) makes cached results stale even when the version number is unchanged.
RESULT_PACKAGES = tuple(f"evidence_review.{name}" for name in (
    "intake", "extractors", "thaitext", "classifiers", "plans", "rubric", "pipeline",
    "models"))


@functools.cache
def code_hash(packages: tuple[str, ...] = RESULT_PACKAGES) -> str:
    """A short hash of the source and data files (.py, .toml) of ``packages``, as installed."""
    h = hashlib.sha256()
    for name in packages:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        for root in spec.submodule_search_locations:
            for f in sorted(Path(root).rglob("*")):
                if f.suffix in (".py", ".toml") and f.is_file():
                    h.update(f"{name}/{f.relative_to(root).as_posix()}\0".encode())
                    h.update(f.read_bytes())
    return h.hexdigest()[:12]


def tool_version(work: str) -> str:
    """The tool version part of the cache key: package version, a hash of the code that makes
    results (:func:`code_hash`), the work function, and a hash of its result model's schema, so
    a result cached before the code or the model changed is not reused.
    """
    import typing
    from importlib.metadata import PackageNotFoundError, version

    from evidence_review.pipeline.model import import_object

    try:  # the distribution's version, not the top package's (pipeline does not import upward)
        __version__ = version("evidence-review")
    except PackageNotFoundError:  # run from a source tree that was never installed
        __version__ = "0+unknown"

    shape = ""
    try:
        result = typing.get_type_hints(import_object(work)).get("return")
        if result is not None and hasattr(result, "model_json_schema"):
            schema = json.dumps(result.model_json_schema(), sort_keys=True)
            shape = "/" + hashlib.sha256(schema.encode()).hexdigest()[:12]
    except Exception:  # an unimportable or unannotated work function: version and name only
        shape = ""
    return f"{__version__}+{code_hash()}/{work}{shape}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


#: JSON keys of a ScreenedDocument that name where the file was; rewritten when a cached
#: result made for one path is reused for identical bytes at another.
_LOCATION_KEYS = ("submission", "path", "abs_path")


def relocate(document_json: str, task: Task) -> str:
    """Point a cached result at ``task``'s file (same bytes, other name or agency).

    >>> from pathlib import Path
    >>> t = Task(submission="b", rel="x.pdf", abs_path=Path("/s/b/x.pdf"))
    >>> relocate('{"submission": "a", "path": "y.pdf", "proposals": {"path": "y.pdf"}}', t)
    '{"submission":"b","path":"x.pdf","proposals":{"path":"x.pdf"}}'
    """
    data = json.loads(document_json)
    if isinstance(data, dict):
        values = {"submission": task.submission, "path": task.rel,
                  "abs_path": str(task.abs_path)}
        for key in _LOCATION_KEYS:
            if key in data:
                data[key] = values[key]
        proposals = data.get("proposals")
        if isinstance(proposals, dict) and "path" in proposals:
            proposals["path"] = task.rel
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class _Statements:
    """Statements built once per run: building SQLAlchemy Core statements costs more than
    running them, and a warm run does little else."""

    def __init__(self) -> None:
        c, f = screen_cache.c, screen_files.c
        self.lookup = select(
            c.result_class, c.status, c.error, c.pages, c.payload, c.origin_submission,
            c.origin_path, c.origin_abs,
        ).where(c.sha256 == bindparam("k_sha256"), c.rubric_hash == bindparam("k_rubric_hash"),
                c.tool_version == bindparam("k_tool_version"))
        self.file_row = select(
            f.sha256, f.previous_sha256, f.changed_at, f.status, f.outcome, f.error,
        ).where(f.submission == bindparam("k_submission"), f.path == bindparam("k_path"))
        self.cache_update, self.cache_insert = self._upsert(
            screen_cache, ("sha256", "rubric_hash", "tool_version"))
        self.files_update, self.files_insert = self._upsert(screen_files, ("submission", "path"))

    @staticmethod
    def _upsert(table: Table, key: tuple[str, ...]) -> tuple[Any, Any]:
        others = [col.name for col in table.columns if col.name not in key]
        update = table.update().where(*[table.c[k] == bindparam(f"k_{k}") for k in key]).values(
            {name: bindparam(name) for name in others})
        insert = table.insert().values(
            {**{k: bindparam(f"k_{k}") for k in key}, **{n: bindparam(n) for n in others}})
        return update, insert


class ResultCache:
    """Cache reads and per-file writes for one batch run (coordinator only)."""

    def __init__(self, database_url: str | None, key: CacheKey) -> None:
        self.engine = make_engine(database_url)
        self.key = key
        _ensure_schema(self.engine)
        # each record() reads then writes: take the write lock at BEGIN (SQLite BEGIN
        # IMMEDIATE), so a concurrent writer makes it wait, never fail with "database is locked"
        self._conn = self.engine.connect().execution_options(**{WRITE_LOCK: True})
        self._sql = _Statements()
        self._key = {"k_rubric_hash": key.rubric_hash, "k_tool_version": key.tool_version}

    def close(self) -> None:
        self._conn.close()
        self.engine.dispose()

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def lookup(self, task: Task, sha256: str) -> FileResult | None:
        """The cached result for these bytes, pointed at ``task``; ``None`` on a miss."""
        if not sha256:
            return None
        with self._conn.begin():
            row = self._conn.execute(self._sql.lookup, {**self._key, "k_sha256": sha256}).first()
        if row is None:
            return None
        doc = zlib.decompress(row.payload).decode("utf-8")
        if (row.origin_submission, row.origin_path, row.origin_abs) != (
                task.submission, task.rel, str(task.abs_path)):
            doc = relocate(doc, task)
        return FileResult(task=task, sha256=sha256, outcome=Outcome.CACHED, status=row.status,
                          error=row.error, pages=row.pages, result_class=row.result_class,
                          document_json=doc)

    def record(self, result: FileResult, store_result: bool = True) -> ChangedFile | None:
        """Write one file's result in one transaction; return the change if its bytes differ
        from those last screened at the same (submission, path)."""
        task = result.task
        now = _now()
        changed = None
        with self._conn.begin():
            if (store_result and result.sha256 and result.document_json is not None
                    and result.outcome is Outcome.DONE and result.result_class):
                values = {
                    "result_class": result.result_class, "status": result.status,
                    "error": result.error, "pages": result.pages,
                    "payload": zlib.compress(result.document_json.encode("utf-8"), 3),
                    "origin_submission": task.submission, "origin_path": task.rel,
                    "origin_abs": str(task.abs_path), "created_at": now,
                    **self._key, "k_sha256": result.sha256,
                }
                self._upsert(self._sql.cache_update, self._sql.cache_insert, values)
            file_key = {"k_submission": task.submission, "k_path": task.rel}
            row = self._conn.execute(self._sql.file_row, file_key).first()
            values = {"sha256": result.sha256, "status": result.status,
                      "outcome": result.outcome.value, "error": result.error,
                      "screened_at": now, "previous_sha256": None, "changed_at": None,
                      **file_key}
            if row is not None and row.sha256 == result.sha256:
                if (row.status, row.outcome, row.error) == (
                        result.status, result.outcome.value, result.error):
                    return None  # nothing new: keep the write path of a warm run cheap
                values.update(previous_sha256=row.previous_sha256, changed_at=row.changed_at)
            elif row is not None:
                values.update(previous_sha256=row.sha256, changed_at=now)
                if row.sha256 and result.sha256:
                    changed = ChangedFile(submission=task.submission, path=task.rel,
                                          old_sha256=row.sha256, new_sha256=result.sha256,
                                          changed_at=now)
            self._upsert(self._sql.files_update, self._sql.files_insert, values)
        return changed

    def _upsert(self, update: Any, insert: Any, values: dict[str, Any]) -> None:
        if not self._conn.execute(update, values).rowcount:
            self._conn.execute(insert, values)


def changed_files(database_url: str | None = None, *,
                  submission: str | None = None) -> list[ChangedFile]:
    """Every (submission, path) whose latest screened bytes differ from the ones screened
    before, newest change first: decisions made on the old bytes need a re-review.

    The store's owner calls this (or reads ``BatchSummary.changed`` after a run) to flag
    decisions whose document's sha256 is no longer the current one.
    """
    engine = make_engine(database_url)
    try:
        _ensure_schema(engine)
        f = screen_files.c
        query = (select(f.submission, f.path, f.previous_sha256, f.sha256, f.changed_at)
                 .where(f.previous_sha256.is_not(None), f.previous_sha256 != "",
                        f.sha256 != "", f.previous_sha256 != f.sha256)
                 .order_by(f.changed_at.desc(), f.submission, f.path))
        if submission is not None:
            query = query.where(f.submission == submission)
        with engine.connect() as conn:
            return [ChangedFile(submission=r.submission, path=r.path, old_sha256=r.previous_sha256,
                                new_sha256=r.sha256, changed_at=r.changed_at)
                    for r in conn.execute(query)]
    finally:
        engine.dispose()


def current_sha256(database_url: str | None, submission: str, path: str) -> str | None:
    """The sha256 last screened at (submission, path), or ``None`` if never screened."""
    engine = make_engine(database_url)
    try:
        _ensure_schema(engine)
        f = screen_files.c
        with engine.connect() as conn:
            return conn.execute(select(f.sha256).where(f.submission == submission,
                                                       f.path == path)).scalar()
    finally:
        engine.dispose()
