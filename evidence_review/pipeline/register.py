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
        self.recorded: dict[str, set[str]] = {}  # per submission: the document paths stored
        self.split_files: set[tuple[str, str]] = set()  # (submission, file) stored as parts
        self._splits: dict[str, dict[str, tuple[str | None, list[tuple[int, int]]]]] = {}

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
        """Store one file's result (each part of a bound file as its own document, named
        ``FILE#pages=A-B``); the change when the store held other content for it."""
        from evidence_review.pipeline.document import documents_of, unread_document

        task = result.task
        doc = result.document
        if doc is None or getattr(doc, "proposals", None) is None:
            doc = unread_document(self.rubric, task.abs_path, task.rel, task.submission,
                                  result.error or message(MessageKey.FAILED), result.sha256)
        path = task.doc_path
        doc = doc.model_copy(update={"path": path, "sha256": doc.sha256 or result.sha256})
        root = self.roots.get(task.submission) or task.root or task.abs_path.parent
        changed = None
        ones = documents_of(doc)
        if len(ones) > 1 or ones[0].path != path:  # the file's parts stand in its place
            self.split_files.add((task.submission, path))
        for one in ones:
            one = one.model_copy(update={
                "proposals": one.proposals.model_copy(update={"path": one.path})})
            self.recorded.setdefault(task.submission, set()).add(one.path)
            _, before = self.store.save_document(task.submission, root, one,
                                                 getattr(one, "analyses", None))
            if before is not None and changed is None:
                from evidence_review.store.db import now

                changed = ChangedFile(submission=task.submission, path=path, old_sha256=before,
                                      new_sha256=doc.sha256, changed_at=now())
        return changed

    def split_for(self, task: Task, sha256: str) -> list[tuple[int, int]] | None:
        """The page ranges a reviewer gave for this file (a ``parts`` decision on it or on one
        of its parts, made on the same content), else ``None``: found from its titles."""
        from evidence_review.classifiers.parts import file_of
        from evidence_review.store.db import PARTS

        if task.submission not in self._splits:
            found: dict[str, tuple[str | None, list[tuple[int, int]]]] = {}
            for row in self.store.trail(task.submission):
                if row.item == PARTS and row.document_path and isinstance(row.after, list):
                    found[file_of(row.document_path)] = (
                        row.document_sha256, [(int(a), int(b)) for a, b in row.after])
            self._splits[task.submission] = found
        sha, ranges = self._splits[task.submission].get(task.doc_path, (None, None))
        return ranges if ranges and sha == sha256 else None

    def finish(self, tasks: list[Task]) -> None:
        """After a complete run: documents no longer in their agency folder stop counting (and
        a file now stored as parts no longer counts whole, nor its parts of another split)."""
        present: dict[str, set[str]] = {ident: set() for ident in self.roots}
        for task in tasks:
            if (task.submission, task.doc_path) not in self.split_files:
                present.setdefault(task.submission, set()).add(task.doc_path)
        for ident, paths in self.recorded.items():  # the parts of bound files
            present.setdefault(ident, set()).update(paths)
        from evidence_review.pipeline.agency import submission_agency
        from evidence_review.store.agency import document_agencies, set_found_agency

        for ident, paths in present.items():
            self.store.mark_removed(ident, paths)
            engine = self.store.engine
            set_found_agency(engine, ident, submission_agency(document_agencies(engine, ident)))
