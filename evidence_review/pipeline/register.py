"""Registration: every screened file goes into the store ``review``, ``score`` and ``report``
read, one transaction per file, as its result arrives -- with its current sha256, so decisions
made on other content stop counting at once.

The coordinator alone writes (workers never touch the database). Submission ids are claimed
from the store by agency folder: a folder keeps the id it had, and a second folder of the same
name under another root gets ``name-2`` (said plainly in the run's notes).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from evidence_review.messages import MessageKey, message
from evidence_review.pipeline.model import ChangedFile, FileResult, Task


class Registrar:
    """Writes a batch's results into the store (see module docstring)."""

    def __init__(self, database_url: str | None, rubric: Any) -> None:
        from evidence_review.store.db import Store

        self.store = Store.open(database_url)
        self.rubric = rubric
        self.notes: list[str] = []
        self.roots: dict[str, Path] = {}

    def close(self) -> None:
        self.store.close()

    def claim(self, ident: str, root: Path) -> str:
        """The store's id for the agency folder ``root`` (named ``ident``)."""
        root = Path(os.path.abspath(root))
        final = self.store.claim_submission(root.name or ident, root)
        if final != (root.name or ident):
            other = self.store.submission(root.name or ident)
            self.notes.append(message(MessageKey.SAME_NAME, name=root.name or ident,
                                      other=other.root if other else "?", ident=final))
        self.roots[final] = root
        return final

    def record(self, result: FileResult) -> ChangedFile | None:
        """Store one file's result; the change when the store held other content for it."""
        from evidence_review.pipeline.document import unread_document

        task = result.task
        doc = result.document
        if doc is None or getattr(doc, "proposals", None) is None:
            doc = unread_document(self.rubric, task.abs_path, task.rel, task.submission,
                                  result.error or message(MessageKey.FAILED), result.sha256)
        path = task.doc_path
        proposals = doc.proposals.model_copy(update={"path": path})
        doc = doc.model_copy(update={"path": path, "proposals": proposals,
                                     "sha256": doc.sha256 or result.sha256})
        root = self.roots.get(task.submission) or task.root or task.abs_path.parent
        _, before = self.store.save_document(task.submission, root, doc,
                                             getattr(doc, "analyses", None))
        if before is None:
            return None
        from evidence_review.store.db import now

        return ChangedFile(submission=task.submission, path=path, old_sha256=before,
                           new_sha256=doc.sha256, changed_at=now())

    def finish(self, tasks: list[Task]) -> None:
        """After a complete run: documents no longer in their agency folder stop counting."""
        present: dict[str, set[str]] = {ident: set() for ident in self.roots}
        for task in tasks:
            present.setdefault(task.submission, set()).add(task.doc_path)
        from evidence_review.pipeline.agency import submission_agency
        from evidence_review.store.agency import document_agencies, set_found_agency

        for ident, paths in present.items():
            self.store.mark_removed(ident, paths)
            engine = self.store.engine
            set_found_agency(engine, ident, submission_agency(document_agencies(engine, ident)))
