"""The append-only decision log: every decision write goes through
:meth:`DecisionsMixin.record_decision` (one function, one transaction), so the rules a write must
pass (a reviewer, a reason for an override or a change, the content decided on) live in one
place, and so can a stronger write path later (``BEGIN IMMEDIATE``, a hash chain).

A decision names the document's sha256 at the time; it counts only while the document still
has that content (:meth:`DecisionsMixin.current`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, select

from evidence_review.store import schema as t
from evidence_review.store.engine import DecisionError
from evidence_review.store.rows import DecisionRow, dump, load, new_id, now, show


def _clean(text: str | None) -> str | None:
    return text.strip() if text and text.strip() else None


class DecisionsMixin:
    engine: Engine

    def record_decision(self, submission_id: str, item: str, after: Any, reviewer: str, *,
                        document_id: int | None = None, proposed: Any = None,
                        reason: str | None = None, source: str = "interactive",
                        evidence: str | None = None,
                        content_sha256: str | None = None,
                        stream: str | None = None) -> DecisionRow:
        """Append one decision, committed at once.

        ``before`` is the item's current value (its latest decision on the document's current
        content, else the proposal). ``evidence`` is the passage the reviewer says supports
        the decision (optional). A submission-level decision (the progress figures) may name
        the content it was read from (``content_sha256``): it then counts only while a
        document of the submission still has that content.

        Raises:
            DecisionError: no reviewer; an override of the proposal, or a change of a
                confirmed decision, without a reason; an unknown document.
        """
        if not reviewer or not reviewer.strip():
            raise DecisionError("a decision needs a reviewer name")
        reason = _clean(reason)
        if proposed is not None and after != proposed and reason is None:
            raise DecisionError(f"overriding the proposal for {item} "
                                f"({show(proposed)} → {show(after)}) needs a reason")
        with self.engine.begin() as c:
            sha = content_sha256 if document_id is None else None
            if document_id is not None:
                sha = c.execute(select(t.documents.c.sha256).where(
                    t.documents.c.id == document_id)).scalar()
                if sha is None:
                    raise DecisionError(f"no document with id {document_id}")
            latest = _latest(c, submission_id, document_id, item, sha, stream)
            if latest is not _NONE and latest != after and reason is None:
                raise DecisionError(f"changing the confirmed decision for {item} "
                                    f"({show(latest)} → {show(after)}) needs a reason")
            before = latest if latest is not _NONE else proposed
            row_id = new_id(c.execute(t.decisions.insert().values(
                submission_id=submission_id, document_id=document_id, document_sha256=sha,
                item=item, before=dump(before), after=dump(after), proposed=dump(proposed),
                reviewer=reviewer.strip(), reason=reason, source=source, decided_at=now(),
                evidence=_clean(evidence))))
        return self._decisions(t.decisions.c.id == row_id)[0]

    def trail(self, submission_id: str) -> list[DecisionRow]:
        """Every decision for the submission, oldest first."""
        return self._decisions(t.decisions.c.submission_id == submission_id)

    def _decisions(self, where: Any) -> list[DecisionRow]:
        d, docs = t.decisions, t.documents
        q = (select(d, docs.c.path.label("document_path"))
             .select_from(d.outerjoin(docs, d.c.document_id == docs.c.id))
             .where(where).order_by(d.c.id))
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
        for row in self.trail(submission_id):
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
        for row in self.trail(submission_id):
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
