"""Plans: activity tables of progress reports (criteria 3-4) and action-plan completeness.

Public surface: :func:`analyse_document`, :func:`plans.activities.extract_activities` and
:func:`plans.completeness.check_plan` (this package imports nothing heavy at import time).
"""

from __future__ import annotations

from typing import Any


def analyse_document(document: Any, role: str) -> dict[str, dict[str, Any]]:
    """What the review needs from a document in its role, as JSON-ready dicts:
    ``"activities"`` (the activity table, for progress reports and plans) and ``"completeness"``
    (plan findings, for plans). Empty for other roles."""
    from evidence_review.plans.activities import extract_activities
    from evidence_review.plans.completeness import check_plan

    role = getattr(role, "value", role)
    out: dict[str, dict[str, Any]] = {}
    if role in ("progress", "plan"):
        out["activities"] = extract_activities(document).model_dump(mode="json")
    if role == "plan":
        out["completeness"] = check_plan(document).model_dump(mode="json")
    return out
