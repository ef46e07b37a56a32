"""evidence-review: pre-screen, review and score agency submissions for OPDC KPI 14 (FY 2550).

The data flow, one folder per stage::

    intake (IntakeRecord) -> extractors (Document) -> classifiers (proposals)
        -> pipeline (screen: the batch runner, into the store) -> review (decisions)
        -> scoring (score) -> reports

The public API (imported lazily, so ``import evidence_review`` stays cheap)::

    extract(path) -> Document
    screen(paths, db) -> [ScreenedDocument]       # registered in the store
    open_store(db) -> Store
    apply_decisions(store, submission, decisions) -> (recorded, unchanged)
    score(store, submission) -> ScoreResult       # raises Unconfirmed
    build_report(store, submission) -> OfficialReport
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["apply_decisions", "build_report", "extract", "open_store", "score", "screen"]


def __getattr__(name: str) -> Any:
    if name in __all__ or name == "Unconfirmed":
        from evidence_review import api

        return getattr(api, name)
    raise AttributeError(f"module 'evidence_review' has no attribute {name!r}")
