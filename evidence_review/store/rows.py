"""The rows the store hands out (pydantic models) and the small codecs they share."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel

from evidence_review.models.proposals import DocumentProposals

#: Decision items that are not sub-issue ids.
ROLE, IMPROVEMENT, PROGRESS = "role", "improvement_vs_2549", "progress"
#: A reviewer's split of a bound file into documents: page ranges ``[[first, last], ...]``,
#: applied when the file is next screened (``pipeline.register.Registrar.split_for``).
PARTS = "parts"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class ScreenedLike(Protocol):
    """What the store reads from ``pipeline.ScreenedDocument``."""

    path: str
    abs_path: Any
    format: Any
    sha256: str
    status: Any
    error: str | None
    pages: int
    proposals: DocumentProposals


class SubmissionRow(BaseModel):
    id: str
    root: str
    created_at: str
    screened_at: str | None = None

    @property
    def root_path(self) -> Path:
        return Path(self.root)


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
    evidence: str | None = None
    prev_hash: str | None = None  # the hash chain (store/chain.py), migration 20
    row_hash: str | None = None

    def key(self) -> tuple[int | None, str]:
        return (self.document_id, self.item)


def dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def load(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def new_id(result: Any) -> int:
    key = result.inserted_primary_key
    assert key is not None  # an INSERT always has one
    return int(key[0])


def value_of(x: Any) -> str:
    return getattr(x, "value", x)


def as_text(x: Any) -> str | None:
    return None if x is None else str(x)


def show(value: Any) -> str:
    if value is True:
        return "✓"
    if value is False:
        return "✗"
    return str(value)


def show_value(value: Any) -> str:
    """A decision value for people: ✓/✗ for booleans, activity counts for progress.

    >>> show_value(True), show_value([{}, {}]), show_value(None)
    ('✓', '2 activities', '-')
    """
    if isinstance(value, list):
        return f"{len(value)} activities"
    return "-" if value is None else show(value)
