"""The JSON API's view of a submission (``GET /api/submissions/{id}``): its documents keyed by
path as in ``screen --json``, proposals with evidence, decisions (with the text a reviewer
selected), the progress figures, what is missing and the review state's ``version``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from evidence_review.review.state import review_state
from evidence_review.rubric.model import Rubric
from evidence_review.store import schema
from evidence_review.store.db import Store
from evidence_review.store.rows import DocumentRow
from evidence_review.web.service import missing, summary, version


def document_json(d: Any, chosen: dict[int, dict[str, Any]] | None = None) -> dict[str, Any]:
    """One document as the API gives it; a decision carries the text the reviewer selected
    on the page as its evidence (``selection``: {"page", "text"}) when there is one."""
    doc: DocumentRow = d.doc
    p = doc.proposals
    decisions = {item: row.model_dump(mode="json", exclude={"submission_id"})
                 | {"selection": (chosen or {}).get(row.id)}
                 for item, row in d.decisions.items()}
    return {
        "path": doc.path, "format": doc.format, "status": doc.status, "error": doc.error,
        "pages": doc.pages, "sha256": doc.sha256, "role": p.role.value,
        "role_confidence": p.role_confidence,
        "subissues": {k: v.model_dump(mode="json") for k, v in p.subissues.items()},
        "improvement_vs_2549": (p.improvement_vs_2549.model_dump(mode="json")
                                if p.improvement_vs_2549 else None),
        "confirmed": {"role": d.role.value if d.role else None, "subissues": d.subissues,
                      "improvement_vs_2549": d.improvement},
        "decisions": decisions,
    }


def submission_json(store: Store, submission: str, rubric: Rubric) -> dict[str, Any]:
    # the version is read BEFORE the state: a save landing in between then makes the
    # client's next save stale (409) instead of basing it on a state older than its version
    # (found by benchmarks/review_load.py: a save that changed nothing was accepted)
    current = version(store, submission)
    st = review_state(store, submission, rubric)
    chosen = selections(store, submission)
    return {
        "id": submission, "status": summary(store, st, rubric).status,
        "version": current, "rubric": rubric.id,
        "documents": {f"{submission}/{d.doc.path}": document_json(d, chosen)
                      for d in st.documents},
        "progress": {"confirmed": st.progress, "proposed": st.proposed_progress,
                     "source": st.progress_source.doc.path if st.progress_source else None},
        "missing": [m.model_dump() for m in missing(st)],
    }


def selections(store: Store, submission: str) -> dict[int, dict[str, Any]]:
    """Selected evidence texts by decision id."""
    s, d = schema.decision_selections, schema.decisions
    with store.engine.connect() as c:
        rows = c.execute(select(s.c.decision_id, s.c.page, s.c.text).select_from(
            s.join(d, s.c.decision_id == d.c.id)).where(d.c.submission_id == submission))
        return {r[0]: {"page": r[1], "text": r[2]} for r in rows}
