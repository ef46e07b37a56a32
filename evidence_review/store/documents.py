"""Submissions, their documents (with each one's current sha256), proposals and analyses.

``screen`` writes here one file at a time (:meth:`DocumentsMixin.save_document`, one
transaction per file), so an interrupted run keeps every file it finished and the store always
knows the content (sha256) each document has now: decisions made on other content no longer
count (see :mod:`store.decisions`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, select

from evidence_review.models.proposals import DocumentProposals, Evidence, Role, SubIssueProposal
from evidence_review.store import schema as t
from evidence_review.store.engine import LOCK_REGISTER, write_transaction
from evidence_review.store.rows import (
    IMPROVEMENT,
    DocumentRow,
    ProgressRow,
    ScreenedLike,
    SubmissionRow,
    as_text,
    load,
    new_id,
    now,
    value_of,
)


def _free_id(c: Connection, ident: str) -> str:
    n = 2
    while c.execute(select(t.submissions.c.id).where(
            t.submissions.c.id == f"{ident}-{n}")).first() is not None:
        n += 1
    return f"{ident}-{n}"


class DocumentsMixin:
    engine: Engine

    # -- submissions --------------------------------------------------------------------

    def submission(self, submission_id: str) -> SubmissionRow | None:
        with self.engine.connect() as c:
            row = c.execute(select(t.submissions).where(
                t.submissions.c.id == submission_id)).mappings().first()
        return SubmissionRow.model_validate(dict(row)) if row else None

    def submission_by_root(self, root: Path) -> SubmissionRow | None:
        with self.engine.connect() as c:
            row = c.execute(select(t.submissions).where(
                t.submissions.c.root == str(root))).mappings().first()
        return SubmissionRow.model_validate(dict(row)) if row else None

    def submissions(self) -> list[SubmissionRow]:
        with self.engine.connect() as c:
            rows = c.execute(select(t.submissions).order_by(t.submissions.c.id)).mappings()
            return [SubmissionRow.model_validate(dict(r)) for r in rows]

    def claim_submission(self, ident: str, root: Path) -> str:
        """The store's id for the agency folder ``root``, proposed as ``ident`` (the folder's
        name): the id it already has, ``ident`` if free, else ``ident-2``, ``ident-3``... so two
        folders of one name under different roots never share decisions."""
        root_text = str(root)
        with write_transaction(self.engine, LOCK_REGISTER) as c:
            mine = c.execute(select(t.submissions.c.id).where(
                t.submissions.c.root == root_text).order_by(t.submissions.c.created_at)).first()
            if mine is not None:
                return str(mine[0])
            taken = c.execute(select(t.submissions.c.id).where(
                t.submissions.c.id == ident)).first() is not None
            final = _free_id(c, ident) if taken else ident
            c.execute(t.submissions.insert().values(id=final, root=root_text, created_at=now()))
            return final

    # -- screening ----------------------------------------------------------------------

    def save_document(self, submission_id: str, root: Path, sd: ScreenedLike,
                      analyses: dict[str, Any] | None = None) -> tuple[int, str | None]:
        """Record one screened file in one transaction; returns (document id, the sha256 it
        had before when its content changed, else None).

        ``sd.path`` is relative to the agency folder ``root``. A document whose content
        changed gets its proposals replaced; earlier decisions stay in the log but no longer
        count.
        """
        with write_transaction(self.engine, LOCK_REGISTER) as c:
            self._ensure_submission(c, submission_id, root)
            return self._save_document(c, submission_id, sd, analyses or {}, now())

    def save_screening(self, submission_id: str, root: Path, screened: Iterable[ScreenedLike],
                       analyses: dict[str, dict[str, Any]] | None = None,
                       present: Iterable[str] | None = None) -> None:
        """Record a whole screening of a submission in one transaction; documents not in
        ``present`` (default: the paths screened) are marked removed."""
        analyses = analyses or {}
        stamp = now()
        with write_transaction(self.engine, LOCK_REGISTER) as c:
            self._ensure_submission(c, submission_id, root)
            seen = set()
            for sd in screened:
                seen.add(sd.path)
                self._save_document(c, submission_id, sd, analyses.get(sd.path, {}), stamp)
            self._mark_removed(c, submission_id, seen | set(present or ()), stamp)

    def mark_removed(self, submission_id: str, present: Iterable[str]) -> None:
        """Documents of the submission whose path is not in ``present`` are gone from its
        folder: they stop counting (their rows and decisions stay)."""
        with write_transaction(self.engine, LOCK_REGISTER) as c:
            self._mark_removed(c, submission_id, set(present), now())

    @staticmethod
    def _ensure_submission(c: Connection, submission_id: str, root: Path) -> None:
        stamp = now()
        if c.execute(select(t.submissions.c.id).where(
                t.submissions.c.id == submission_id)).first() is None:
            c.execute(t.submissions.insert().values(id=submission_id, root=str(root),
                                                    created_at=stamp, screened_at=stamp))
        else:
            c.execute(t.submissions.update().where(t.submissions.c.id == submission_id)
                      .values(root=str(root), screened_at=stamp))

    @staticmethod
    def _mark_removed(c: Connection, submission_id: str, keep: set[str], stamp: str) -> None:
        d = t.documents.c
        c.execute(t.documents.update().where(
            d.submission_id == submission_id,
            d.path.not_in(keep) if keep else d.id.is_not(None),
            d.removed_at.is_(None)).values(removed_at=stamp))

    @staticmethod
    def _save_document(c: Connection, submission_id: str, sd: ScreenedLike,
                       analyses: dict[str, Any], stamp: str) -> tuple[int, str | None]:
        values = {
            "abs_path": str(sd.abs_path), "format": value_of(sd.format), "sha256": sd.sha256,
            "status": value_of(sd.status), "error": sd.error, "pages": sd.pages or 0,
            "role": sd.proposals.role.value, "role_confidence": sd.proposals.role_confidence,
            "screened_at": stamp, "removed_at": None,
        }
        row = c.execute(select(t.documents.c.id, t.documents.c.sha256).where(
            t.documents.c.submission_id == submission_id,
            t.documents.c.path == sd.path)).first()
        before = None
        if row is None:
            doc_id = new_id(c.execute(t.documents.insert().values(
                submission_id=submission_id, path=sd.path, **values)))
        else:
            doc_id = int(row[0])
            before = row[1] if row[1] and sd.sha256 and row[1] != sd.sha256 else None
            c.execute(t.documents.update().where(t.documents.c.id == doc_id).values(**values))
        for table in (t.proposals, t.progress_figures, t.analyses):
            c.execute(table.delete().where(table.c.document_id == doc_id))
        items = dict(sd.proposals.subissues)
        if sd.proposals.improvement_vs_2549 is not None:
            items[IMPROVEMENT] = sd.proposals.improvement_vs_2549
        for item, p in items.items():
            c.execute(t.proposals.insert().values(
                document_id=doc_id, item=item, proposed=p.proposed, confidence=p.confidence,
                reason=p.reason, evidence=json.dumps(
                    [e.model_dump(mode="json") for e in p.evidence], ensure_ascii=False)))
        for kind, data in analyses.items():
            _insert_analysis(c, doc_id, kind, data)
        return doc_id, before

    def save_analysis(self, document_id: int, kind: str, data: dict[str, Any]) -> None:
        """Store (replace) one analysis of a document; "activities" also fills the proposed
        progress figures."""
        with write_transaction(self.engine, LOCK_REGISTER) as c:
            c.execute(t.analyses.delete().where(t.analyses.c.document_id == document_id,
                                                t.analyses.c.kind == kind))
            if kind == "activities":
                c.execute(t.progress_figures.delete().where(
                    t.progress_figures.c.document_id == document_id))
            _insert_analysis(c, document_id, kind, data)

    # -- reading ------------------------------------------------------------------------

    def documents(self, submission_id: str) -> list[DocumentRow]:
        """The submission's current documents with their proposals, by path."""
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
        p = t.progress_figures
        with self.engine.connect() as c:
            rows = c.execute(select(p).where(p.c.document_id == document_id)
                             .order_by(p.c.position)).mappings().all()
        return [ProgressRow.model_validate(dict(r)) for r in rows]

    def analysis(self, document_id: int, kind: str) -> dict | None:
        a = t.analyses
        with self.engine.connect() as c:
            data = c.execute(select(a.c.data).where(a.c.document_id == document_id,
                                                    a.c.kind == kind)).scalar()
        return load(data)


def _insert_analysis(c: Connection, doc_id: int, kind: str, data: dict[str, Any]) -> None:
    c.execute(t.analyses.insert().values(document_id=doc_id, kind=kind,
                                         data=json.dumps(data, ensure_ascii=False)))
    if kind == "activities":
        for pos, a in enumerate(data.get("activities", [])):
            c.execute(t.progress_figures.insert().values(
                document_id=doc_id, position=pos, name=a["name"], weight=as_text(a.get("weight")),
                percent=as_text(a.get("percent")), achieved=a.get("achieved"),
                page=a.get("page")))
