"""The store: submissions, screened documents, proposals, progress figures and the
append-only decision log, in SQLite by default or any SQLAlchemy URL (PostgreSQL).

Every write is one transaction. Decisions are never updated: a change is a new row holding
reviewer, time, value before, value after and reason; the current value of an item is its
latest decision made on the document's current content (same sha256).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel
from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import SQLAlchemyError

from evidence_review.models.proposals import DocumentProposals, Evidence, Role, SubIssueProposal
from evidence_review.store import schema
from evidence_review.store.migrations import migrate

log = logging.getLogger(__name__)

#: Decision items that are not sub-issue ids.
ROLE, IMPROVEMENT, PROGRESS = "role", "improvement_vs_2549", "progress"


class StoreError(Exception):
    """A store that cannot be opened or a write that is not allowed; one-line message."""


class DecisionError(StoreError):
    """A decision that may not be recorded (e.g. an override without a reason)."""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


#: The store when nobody names one (the ``EVIDENCE_REVIEW_DATABASE_URL`` setting's default; the
#: CLI passes the setting's value down, the store never reads settings itself).
DEFAULT_DATABASE_URL = "sqlite:///evidence-review.db"


def database_url(db: str | Path | None = None) -> str:
    """The SQLAlchemy URL for ``--db``: a URL as is, a file path as SQLite, ``None`` as
    :data:`DEFAULT_DATABASE_URL`.

    >>> database_url("postgresql://u@h/db")
    'postgresql://u@h/db'
    >>> database_url("/tmp/x.db")
    'sqlite:////tmp/x.db'
    """
    if db is None:
        return DEFAULT_DATABASE_URL
    text = str(db)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")  # batch workers and a reviewer may write at once
    cur.close()


def make_engine(db: str | Path | None = None) -> Engine:
    """An engine for ``db`` (see :func:`database_url`): a SQLite file's folder is created (so
    ``--db out/review.db`` works before ``out/`` exists) and its connections get WAL pragmas."""
    url = database_url(db)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


class ScreenedLike(Protocol):
    """What :func:`Store.save_screening` reads from ``pipeline.ScreenedDocument``."""

    path: str
    abs_path: Any
    format: Any
    sha256: str
    status: Any
    error: str | None
    pages: int
    proposals: DocumentProposals


class DocumentRow(BaseModel):
    id: int
    submission_id: str
    path: str
    abs_path: str
    format: str
    sha256: str
    status: str
    error: str | None
    pages: int
    proposals: DocumentProposals


class ProgressRow(BaseModel):
    """A proposed activity figure (Decimal values as text; None = missing in the report)."""

    document_id: int
    position: int
    name: str
    weight: str | None
    percent: str | None
    achieved: bool | None
    page: int | None


class DecisionRow(BaseModel):
    id: int
    submission_id: str
    document_id: int | None
    document_path: str | None
    document_sha256: str | None
    item: str
    before: Any
    after: Any
    proposed: Any
    reviewer: str
    reason: str | None
    source: str
    decided_at: str

    def key(self) -> tuple[int | None, str]:
        return (self.document_id, self.item)


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)


class Store:
    """One database. Use as a context manager or call :meth:`close`.

    >>> from evidence_review.store.migrations import MIGRATIONS
    >>> with Store.open("sqlite://") as s:
    ...     s.version == MIGRATIONS[-1][0]
    True
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.version = migrate(engine)

    @classmethod
    def open(cls, db: str | Path | None = None) -> Store:
        """Open (creating and migrating on first use) the store at ``db`` (see
        :func:`database_url`). Raises :class:`StoreError` with a one-line reason."""
        url = database_url(db)
        try:
            return cls(make_engine(url))
        except (SQLAlchemyError, OSError, RuntimeError, ImportError) as exc:
            first = (str(exc).splitlines() or [type(exc).__name__])[0]
            raise StoreError(f"cannot open store {url}: {first}") from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- submissions and screening ---------------------------------------------------------

    def submission(self, submission_id: str) -> dict | None:
        with self.engine.connect() as c:
            row = c.execute(select(schema.submissions).where(
                schema.submissions.c.id == submission_id)).mappings().first()
        return dict(row) if row else None

    def submission_by_root(self, root: Path) -> dict | None:
        with self.engine.connect() as c:
            row = c.execute(select(schema.submissions).where(
                schema.submissions.c.root == str(root))).mappings().first()
        return dict(row) if row else None

    def submissions(self) -> list[dict]:
        with self.engine.connect() as c:
            rows = c.execute(select(schema.submissions).order_by(schema.submissions.c.id))
            return [dict(r) for r in rows.mappings()]

    def save_screening(self, submission_id: str, root: Path, screened: Iterable[ScreenedLike],
                       analyses: dict[str, dict[str, Any]] | None = None,
                       present: Iterable[str] | None = None) -> None:
        """Record a screening of a submission in one transaction.

        Documents are matched by relative path; a document whose sha256 changed gets its
        proposals replaced (earlier decisions stay in the log but no longer count).
        Documents not in ``present`` (default: the paths in ``screened``) are marked removed.
        ``analyses`` maps a path to {"activities": ..., "completeness": ...} JSON.
        """
        analyses = analyses or {}
        stamp = now()
        t = schema
        with self.engine.begin() as c:
            if c.execute(select(t.submissions.c.id).where(
                    t.submissions.c.id == submission_id)).first() is None:
                c.execute(t.submissions.insert().values(id=submission_id, root=str(root),
                                                        created_at=stamp, screened_at=stamp))
            else:
                c.execute(t.submissions.update().where(t.submissions.c.id == submission_id)
                          .values(root=str(root), screened_at=stamp))
            seen: set[str] = set()
            for sd in screened:
                seen.add(sd.path)
                values = {
                    "abs_path": str(sd.abs_path), "format": _value(sd.format),
                    "sha256": sd.sha256, "status": _value(sd.status), "error": sd.error,
                    "pages": sd.pages or 0, "role": sd.proposals.role.value,
                    "role_confidence": sd.proposals.role_confidence, "screened_at": stamp,
                    "removed_at": None,
                }
                doc_id = c.execute(select(t.documents.c.id).where(
                    t.documents.c.submission_id == submission_id,
                    t.documents.c.path == sd.path)).scalar()
                if doc_id is None:
                    doc_id = _new_id(c.execute(t.documents.insert().values(
                        submission_id=submission_id, path=sd.path, **values)))
                else:
                    c.execute(t.documents.update().where(t.documents.c.id == doc_id)
                              .values(**values))
                for table in (t.proposals, t.progress_figures, t.analyses):
                    c.execute(table.delete().where(table.c.document_id == doc_id))
                items = dict(sd.proposals.subissues)
                if sd.proposals.improvement_vs_2549 is not None:
                    items[IMPROVEMENT] = sd.proposals.improvement_vs_2549
                for item, p in items.items():
                    c.execute(t.proposals.insert().values(
                        document_id=doc_id, item=item, proposed=p.proposed,
                        confidence=p.confidence, reason=p.reason,
                        evidence=json.dumps([e.model_dump(mode="json") for e in p.evidence],
                                            ensure_ascii=False)))
                for kind, data in analyses.get(sd.path, {}).items():
                    c.execute(t.analyses.insert().values(document_id=doc_id, kind=kind,
                                                         data=json.dumps(data, ensure_ascii=False)))
                    if kind == "activities":
                        for pos, a in enumerate(data.get("activities", [])):
                            c.execute(t.progress_figures.insert().values(
                                document_id=doc_id, position=pos, name=a["name"],
                                weight=_text(a.get("weight")), percent=_text(a.get("percent")),
                                achieved=a.get("achieved"), page=a.get("page")))
            keep = seen | set(present or ())
            c.execute(t.documents.update().where(
                t.documents.c.submission_id == submission_id,
                t.documents.c.path.not_in(keep) if keep else t.documents.c.id.is_not(None),
                t.documents.c.removed_at.is_(None)).values(removed_at=stamp))

    def save_analysis(self, document_id: int, kind: str, data: dict[str, Any]) -> None:
        """Store (replace) one analysis of a document; "activities" also fills the proposed
        progress figures."""
        t = schema
        with self.engine.begin() as c:
            c.execute(t.analyses.delete().where(t.analyses.c.document_id == document_id,
                                                t.analyses.c.kind == kind))
            c.execute(t.analyses.insert().values(document_id=document_id, kind=kind,
                                                 data=json.dumps(data, ensure_ascii=False)))
            if kind == "activities":
                c.execute(t.progress_figures.delete().where(
                    t.progress_figures.c.document_id == document_id))
                for pos, a in enumerate(data.get("activities", [])):
                    c.execute(t.progress_figures.insert().values(
                        document_id=document_id, position=pos, name=a["name"],
                        weight=_text(a.get("weight")), percent=_text(a.get("percent")),
                        achieved=a.get("achieved"), page=a.get("page")))

    def documents(self, submission_id: str) -> list[DocumentRow]:
        """The submission's current documents with their proposals, by path."""
        t = schema
        with self.engine.connect() as c:
            docs = c.execute(select(t.documents).where(
                t.documents.c.submission_id == submission_id,
                t.documents.c.removed_at.is_(None)).order_by(t.documents.c.path)).mappings().all()
            ids = [d["id"] for d in docs]
            props = c.execute(select(t.proposals).where(
                t.proposals.c.document_id.in_(ids))).mappings().all() if ids else []
        by_doc: dict[int, dict[str, SubIssueProposal]] = {}
        for p in props:
            by_doc.setdefault(p["document_id"], {})[p["item"]] = SubIssueProposal(
                proposed=p["proposed"], confidence=p["confidence"], reason=p["reason"],
                evidence=[Evidence.model_validate(e) for e in json.loads(p["evidence"])])
        out: list[DocumentRow] = []
        for d in docs:
            items = by_doc.get(d["id"], {})
            improvement = items.pop(IMPROVEMENT, None)
            proposals = DocumentProposals(
                path=d["path"], role=Role(d["role"] or "other"),
                role_confidence=d["role_confidence"] or 0.0,
                subissues=dict(sorted(items.items())), improvement_vs_2549=improvement)
            out.append(DocumentRow(
                id=d["id"], submission_id=d["submission_id"], path=d["path"],
                abs_path=d["abs_path"], format=d["format"], sha256=d["sha256"],
                status=d["status"], error=d["error"], pages=d["pages"], proposals=proposals))
        return out

    def progress(self, document_id: int) -> list[ProgressRow]:
        """Proposed activity figures read from one document, in table order."""
        t = schema.progress_figures
        with self.engine.connect() as c:
            rows = c.execute(select(t).where(t.c.document_id == document_id)
                             .order_by(t.c.position)).mappings().all()
        return [ProgressRow.model_validate(dict(r)) for r in rows]

    def analysis(self, document_id: int, kind: str) -> dict | None:
        t = schema.analyses
        with self.engine.connect() as c:
            data = c.execute(select(t.c.data).where(t.c.document_id == document_id,
                                                    t.c.kind == kind)).scalar()
        return _load(data)

    # -- decisions ---------------------------------------------------------------------

    def record_decision(self, submission_id: str, item: str, after: Any, reviewer: str, *,
                        document_id: int | None = None, proposed: Any = None,
                        reason: str | None = None, source: str = "interactive") -> DecisionRow:
        """Append one decision, committed at once.

        ``before`` is the item's current value (its latest valid decision, else the
        proposal). A value different from the proposal is an override and needs a reason.

        Raises:
            DecisionError: no reviewer, or an override without a reason.
        """
        if not reviewer or not reviewer.strip():
            raise DecisionError("a decision needs a reviewer name")
        reason = reason.strip() if reason and reason.strip() else None
        if proposed is not None and after != proposed and reason is None:
            raise DecisionError(f"overriding the proposal for {item} "
                                f"({_show(proposed)} → {_show(after)}) needs a reason")
        t = schema
        with self.engine.begin() as c:
            sha = None
            if document_id is not None:
                sha = c.execute(select(t.documents.c.sha256).where(
                    t.documents.c.id == document_id)).scalar()
                if sha is None:
                    raise DecisionError(f"no document with id {document_id}")
            latest = self._latest(c, submission_id, document_id, item, sha)
            before = latest if latest is not _NONE else proposed
            new_id = _new_id(c.execute(t.decisions.insert().values(
                submission_id=submission_id, document_id=document_id, document_sha256=sha,
                item=item, before=_dump(before), after=_dump(after), proposed=_dump(proposed),
                reviewer=reviewer.strip(), reason=reason, source=source,
                decided_at=now())))
        return self._decisions(schema.decisions.c.id == new_id)[0]

    @staticmethod
    def _latest(c: Any, submission_id: str, document_id: int | None, item: str,
                sha: str | None) -> Any:
        t = schema.decisions
        cond = [t.c.submission_id == submission_id, t.c.item == item]
        cond.append(t.c.document_id.is_(None) if document_id is None
                    else t.c.document_id == document_id)
        if sha is not None:
            cond.append(t.c.document_sha256 == sha)
        row = c.execute(select(t.c.after).where(*cond).order_by(t.c.id.desc()).limit(1)).first()
        return _NONE if row is None else _load(row[0])

    def trail(self, submission_id: str) -> list[DecisionRow]:
        """Every decision for the submission, oldest first."""
        return self._decisions(schema.decisions.c.submission_id == submission_id)

    def _decisions(self, where: Any) -> list[DecisionRow]:
        d, docs = schema.decisions, schema.documents
        q = (select(d, docs.c.path.label("document_path"))
             .select_from(d.outerjoin(docs, d.c.document_id == docs.c.id))
             .where(where).order_by(d.c.id))
        with self.engine.connect() as c:
            rows = c.execute(q).mappings().all()
        return [DecisionRow(**{**dict(r), "before": _load(r["before"]), "after": _load(r["after"]),
                               "proposed": _load(r["proposed"])}) for r in rows]

    def current(self, submission_id: str) -> dict[tuple[int | None, str], DecisionRow]:
        """The latest valid decision per (document id, item): decisions on a document whose
        content has since changed (another sha256) or that was removed no longer count."""
        docs = {d.id: d.sha256 for d in self.documents(submission_id)}
        out: dict[tuple[int | None, str], DecisionRow] = {}
        for row in self.trail(submission_id):
            if row.document_id is not None and docs.get(row.document_id) != row.document_sha256:
                continue
            out[row.key()] = row
        return out


_NONE = object()


def _new_id(result: Any) -> int:
    key = result.inserted_primary_key
    assert key is not None  # an INSERT always has one
    return int(key[0])


def _value(x: Any) -> str:
    return getattr(x, "value", x)


def _text(x: Any) -> str | None:
    return None if x is None else str(x)


def _show(value: Any) -> str:
    if value is True:
        return "✓"
    if value is False:
        return "✗"
    return str(value)


def show_value(value: Any) -> str:
    """A decision value for people: ✓/✗ for booleans, activity counts for progress."""
    if isinstance(value, list):
        return f"{len(value)} activities"
    return "-" if value is None else _show(value)


__all__: Sequence[str] = [
    "IMPROVEMENT", "PROGRESS", "ROLE", "DecisionError", "DecisionRow", "DocumentRow",
    "ProgressRow", "Store", "StoreError", "database_url", "show_value",
]
