"""The append-only decision log: every decision write goes through
:meth:`DecisionsMixin.record_decision` (one function, one transaction), so the rules a write must
pass (a reviewer, a reason for an override or a change, the content decided on) live in one
place: one write-locked transaction per call, every row hash-chained (:mod:`store.chain`).

A decision names the document's sha256 at the time; it counts only while the document still
has that content (:meth:`DecisionsMixin.current`).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, Engine, func, select

from evidence_review.messages import MessageKey, message
from evidence_review.store import chain, triggers
from evidence_review.store import schema as t
from evidence_review.store.engine import (
    DecisionError,
    StaleVersionError,
    TamperedError,
    write_transaction,
)
from evidence_review.store.rows import DecisionRow, dump, load, new_id, now, show

#: The source of a lead's final decision on a double review (:mod:`review.team`).
ADJUDICATION = "adjudication"


def _clean(text: str | None) -> str | None:
    return text.strip() if text and text.strip() else None


class NewDecision(BaseModel):
    """A decision to record (see :meth:`DecisionsMixin.record_decisions`)."""

    item: str
    after: Any
    document_id: int | None = None
    proposed: Any = None
    reason: str | None = None
    evidence: str | None = None
    content_sha256: str | None = None


class DecisionsMixin:
    engine: Engine

    def record_decision(self, submission_id: str, item: str, after: Any, reviewer: str, *,
                        document_id: int | None = None, proposed: Any = None,
                        reason: str | None = None, source: str = "interactive",
                        evidence: str | None = None,
                        content_sha256: str | None = None,
                        stream: str | None = None) -> DecisionRow:
        """Append one decision, committed at once (the item's latest row when ``after`` is
        already its value: nothing is written). See :meth:`record_decisions`."""
        new = NewDecision(item=item, after=after, document_id=document_id, proposed=proposed,
                          reason=reason, evidence=evidence, content_sha256=content_sha256)
        ids = self.record_decisions(submission_id, [new], reviewer, source=source,
                                    stream=stream)
        if ids[0] is None:
            return self.current(submission_id)[(document_id, item)]
        return self._decisions(t.decisions.c.id == ids[0])[0]

    def record_decisions(self, submission_id: str, decisions: list[NewDecision], reviewer: str,
                         *, source: str, stream: str | None = None,
                         base_version: int | None = None,
                         version_of: str | None = None) -> list[int | None]:
        """Append decisions in ONE write transaction: all are recorded or none.

        The transaction holds the write lock from its start (SQLite ``BEGIN IMMEDIATE``; the
        submission's row ``FOR UPDATE`` on PostgreSQL), then reads each item's current value
        (its latest decision on the document's current content, else the proposal) as
        ``before``, so concurrent writers never interleave: every row's ``before`` is the
        previous row's ``after``. A decision equal to the item's current decision is not
        written again (``None`` in the list returned, else the new row's id). Each row is
        chained to the submission's previous row (:mod:`store.chain`). ``stream`` (a double
        review's reviewer, :mod:`review.team`) limits the current value to that reviewer's
        own decisions. With ``base_version`` the review state's version (:func:`trail_version`
        of ``version_of``'s stream, else of the whole submission) is compared under the same
        lock: a save based on an older state is refused across processes and servers.

        Raises:
            StaleVersionError: the version is no longer ``base_version`` (nothing written).
            DecisionError: no reviewer; an override of the proposal, or a change of a
                confirmed decision, without a reason; an unknown document; a broken chain or
                missing append-only triggers (nothing is written then).
        """
        if not reviewer or not reviewer.strip():
            raise DecisionError(message(MessageKey.DECISION_NO_REVIEWER))
        for new in decisions:
            if new.proposed is not None and new.after != new.proposed and not _clean(new.reason):
                raise DecisionError(message(MessageKey.OVERRIDE_NEEDS_REASON, item=new.item,
                                            before=show(new.proposed), after=show(new.after)))
        with write_transaction(self.engine) as c:
            prev = self._lock_chain(c, submission_id)
            if base_version is not None:
                current = trail_version(c, submission_id, version_of)
                if current != base_version:
                    raise StaleVersionError(current)
            out: list[int | None] = []
            for new in decisions:
                row_id, prev = _append(c, submission_id, new, reviewer.strip(), source, prev,
                                       stream)
                out.append(row_id)
        return out

    def _lock_chain(self, c: Connection, submission_id: str) -> str:
        """Take the submission's write lock; the hash its next row chains on.

        Raises:
            DecisionError: the append-only triggers are missing, or the chain is broken.
        """
        if c.dialect.name == "postgresql":
            c.execute(select(t.submissions.c.id).where(
                t.submissions.c.id == submission_id).with_for_update())
        gone = triggers.missing(c)
        if gone:
            raise TamperedError(message(MessageKey.TRIGGERS_MISSING, names=", ".join(gone)))
        rows = chain_rows(c, submission_id)
        broken = chain.verify(rows)
        if broken is not None:
            raise TamperedError(message(MessageKey.CHAIN_BROKEN, submission=submission_id,
                                        row=broken.row_id, reason=broken.reason))
        return str(rows[-1]["row_hash"]) if rows else chain.GENESIS

    def trail_version(self, submission_id: str) -> int:
        """The version a save names as ``base_version`` (:func:`trail_version`)."""
        with self.engine.connect() as c:
            return trail_version(c, submission_id)

    def trail_where(self, submission_id: str) -> list[Any]:
        """The SQL conditions selecting this view's decisions of the submission (a double
        review's stream narrows them, :mod:`review.team`)."""
        return [t.decisions.c.submission_id == submission_id]

    def trail(self, submission_id: str) -> list[DecisionRow]:
        """Every decision for the submission, oldest first."""
        return self._decisions(*self.trail_where(submission_id))

    def heads(self, submission_id: str) -> list[DecisionRow]:
        """The latest decision per (document, item, content sha256), oldest first: all that
        :meth:`current` and :meth:`stale` need, a few rows per item however long the trail
        (a save reads these, not the whole trail)."""
        d = t.decisions
        latest = (select(func.max(d.c.id)).where(*self.trail_where(submission_id))
                  .group_by(d.c.document_id, d.c.item, d.c.document_sha256))
        return self._decisions(d.c.id.in_(latest.scalar_subquery()))

    def _decisions(self, *where: Any) -> list[DecisionRow]:
        d, docs = t.decisions, t.documents
        q = (select(d, docs.c.path.label("document_path"))
             .select_from(d.outerjoin(docs, d.c.document_id == docs.c.id))
             .where(*where).order_by(d.c.id))
        with self.engine.connect() as c:
            rows = c.execute(q).mappings().all()
        return [DecisionRow(**{**dict(r), "before": load(r["before"]), "after": load(r["after"]),
                               "proposed": load(r["proposed"])}) for r in rows]

    def current(self, submission_id: str) -> dict[tuple[int | None, str], DecisionRow]:
        """The latest valid decision per (document id, item): decisions on a document whose
        content has since changed (another sha256) or that was removed no longer count."""
        docs = self._current_sha256(submission_id)
        contents = set(docs.values())
        out: dict[tuple[int | None, str], DecisionRow] = {}
        for row in self.heads(submission_id):
            if row.document_id is not None and docs.get(row.document_id) != row.document_sha256:
                continue
            if (row.document_id is None and row.document_sha256 is not None
                    and row.document_sha256 not in contents):
                continue  # figures read from a document whose content has changed
            out[row.key()] = row
        return out

    def stale(self, submission_id: str) -> dict[int, str]:
        """Documents (id → path) holding decisions made on content they no longer have: the
        file changed after it was reviewed."""
        docs = self._current_sha256(submission_id)
        out: dict[int, str] = {}
        for row in self.heads(submission_id):
            if (row.document_id in docs and row.document_path is not None
                    and docs[row.document_id] != row.document_sha256):
                out[row.document_id] = row.document_path
        return out

    def _current_sha256(self, submission_id: str) -> dict[int, str]:
        d = t.documents.c
        with self.engine.connect() as c:
            rows = c.execute(select(d.id, d.sha256).where(
                d.submission_id == submission_id, d.removed_at.is_(None))).all()
        return {int(r[0]): r[1] for r in rows}


_NONE = object()


def _latest(c: Connection, submission_id: str, document_id: int | None, item: str,
            sha: str | None, stream: str | None = None) -> Any:
    d = t.decisions
    cond = [d.c.submission_id == submission_id, d.c.item == item]
    cond.append(d.c.document_id.is_(None) if document_id is None
                else d.c.document_id == document_id)
    if sha is not None:
        cond.append(d.c.document_sha256 == sha)
    if stream is not None:
        cond.append(d.c.reviewer == stream)
    row = c.execute(select(d.c.after).where(*cond).order_by(d.c.id.desc()).limit(1)).first()
    return _NONE if row is None else load(row[0])


def _append(c: Connection, submission_id: str, new: NewDecision, reviewer: str, source: str,
            prev: str, stream: str | None = None) -> tuple[int | None, str]:
    """Insert one decision chained on ``prev`` (None when it changes nothing); the new tip."""
    sha = new.content_sha256 if new.document_id is None else None
    if new.document_id is not None:
        sha = c.execute(select(t.documents.c.sha256).where(
            t.documents.c.id == new.document_id)).scalar()
        if sha is None:
            raise DecisionError(message(MessageKey.NO_DOCUMENT_ID, document_id=new.document_id))
    latest = _latest(c, submission_id, new.document_id, new.item, sha, stream)
    if latest is not _NONE and latest == new.after:
        return None, prev
    reason = _clean(new.reason)
    if latest is not _NONE and reason is None:
        raise DecisionError(message(MessageKey.CHANGE_NEEDS_REASON, item=new.item,
                                    before=show(latest), after=show(new.after)))
    values = {"submission_id": submission_id, "document_id": new.document_id,
              "document_sha256": sha, "item": new.item,
              "before": latest if latest is not _NONE else new.proposed, "after": new.after,
              "proposed": new.proposed, "reviewer": reviewer, "reason": reason,
              "source": source, "decided_at": now(), "evidence": _clean(new.evidence)}
    digest = chain.row_hash(values, prev)
    stored = {**values, **{k: dump(values[k]) for k in ("before", "after", "proposed")}}
    row_id = new_id(c.execute(t.decisions.insert().values(**stored, prev_hash=prev,
                                                          row_hash=digest)))
    return row_id, digest


def trail_version(c: Connection, submission_id: str, stream: str | None = None) -> int:
    """The version of a submission's review state: the id of its latest decision (0 before
    any); of a double review's ``stream`` (that reviewer's own decisions), when given."""
    d = t.decisions
    cond = [d.c.submission_id == submission_id]
    if stream is not None:
        cond += [d.c.reviewer == stream, d.c.source != ADJUDICATION]
    return int(c.execute(select(func.max(d.c.id)).where(*cond)).scalar() or 0)


def chain_rows(c: Connection, submission_id: str) -> list[dict[str, Any]]:
    """The submission's decision rows as the chain hashes them (insertion order)."""
    d = t.decisions
    rows = c.execute(select(d).where(d.c.submission_id == submission_id)
                     .order_by(d.c.id)).mappings().all()
    return [{**dict(r), **{k: load(r[k]) for k in ("before", "after", "proposed")}}
            for r in rows]
