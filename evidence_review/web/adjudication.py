"""A double review's differences and the lead's adjudication, for the API and the pages."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from evidence_review.extractors.options import ExtractOptions
from evidence_review.messages import MessageKey, message
from evidence_review.pipeline.limited import limited_reader
from evidence_review.review import team
from evidence_review.review.decisions_file import DecisionsFile, ReviewError
from evidence_review.rubric.model import Rubric
from evidence_review.store.db import Store
from evidence_review.store.engine import StaleVersionError
from evidence_review.web import service


def _row(row: Any) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"value": row.after, "shown": service.show_value(row.after), "reason": row.reason,
            "reviewer": row.reviewer, "decided_at": row.decided_at, "evidence": row.evidence}


def differences_json(store: Store, submission: str, rubric: Rubric) -> dict[str, Any]:
    """Both reviewers' names, the status, the ``version`` an adjudication is based on, and
    every item they decided differently, with both decisions and the final one if any."""
    names = store.assignees(submission)
    return {
        "submission": submission, "reviewers": names,
        "status": team.double_status(store, submission, rubric),
        "version": service.version(store, submission),
        "differences": [{"document": d.document, "document_id": d.document_id, "item": d.item,
                         "first": _row(d.first), "second": _row(d.second),
                         "final": _row(d.final) if d.adjudicated else None}
                        for d in team.differences(store, submission)],
    }


def adjudicate_json(store: Store, submission: str, rubric: Rubric, body: Any,
                    lead: str, options: ExtractOptions | None = None) -> int:
    """Apply a decisions-file object with ``base_version`` as the lead's final decisions (a
    document read again is read under ``options``' limits). Returns the new version."""
    if not isinstance(body, dict):
        raise service.InputError(message(MessageKey.WEB_BODY_NOT_OBJECT))
    body = dict(body)
    base = service.base_version_of(body)
    body.pop("reviewer", None)
    try:
        data = DecisionsFile.model_validate(body)
    except ValidationError as exc:
        raise service.invalid_fields(exc) from None
    with service._locked(submission):
        service._check(store, submission, base)
        try:
            team.adjudicate(store, submission, rubric, data, lead, "body", base_version=base,
                            extract_fn=limited_reader(options))
        except StaleVersionError as exc:
            raise service.stale(store, submission, base, exc) from None
        except ReviewError as exc:
            raise service.review_error(exc) from None
        return service.version(store, submission)
