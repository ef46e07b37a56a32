"""The ``--decisions FILE`` format (JSON or YAML), validated; errors name the file and key.

::

    {"reviewer": "สมชาย", "documents": {"<path as in screen's JSON>": {
        "role": "review", "subissues": {"1.1": {"covered": true, "reason": "...",
                                                "evidence": "the passage that covers it"}},
        "improvement_vs_2549": true}},
     "progress": {"activities": [{"name": "...", "weight": 20, "percent": 85,
                                  "achieved": true}]}}

``progress`` may instead be ``{"accept": true}``: the figures proposed from the table, as read.

Any part omitted stays as it is. Besides the documented keys, a document may give
``"reason"`` (used for any override in it without its own reason), ``"role_reason"`` and
``"improvement_reason"``; ``progress`` may give ``"reason"``.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from evidence_review.models.proposals import Role


class ReviewError(Exception):
    """A user mistake in review input: one line naming the file or submission and why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SubIssueDecision(_Strict):
    covered: bool
    reason: str | None = None
    evidence: str | None = Field(None, description="The passage that covers it (or not), "
                                                   "in the reviewer's words or quoted.")


class DocumentDecision(_Strict):
    role: Role | None = None
    role_reason: str | None = None
    subissues: dict[str, SubIssueDecision] = Field(default_factory=dict)
    improvement_vs_2549: bool | None = None
    improvement_reason: str | None = None
    reason: str | None = None


class ActivityFigures(_Strict):
    name: str = Field(min_length=1)
    weight: Decimal | None = Field(None, ge=0)
    percent: Decimal | None = Field(None, ge=0)
    achieved: bool | None = None


class ProgressDecision(_Strict):
    activities: list[ActivityFigures] | None = None
    accept: bool = Field(False, description="Confirm the figures proposed from the table "
                                            "as read, instead of listing them.")
    reason: str | None = None

    @model_validator(mode="after")
    def _one_of(self) -> ProgressDecision:
        if self.accept == (self.activities is not None):
            raise ValueError("give either \"activities\" or \"accept: true\"")
        return self


class DecisionsFile(_Strict):
    reviewer: str | None = None
    documents: dict[str, DocumentDecision] = Field(default_factory=dict)
    progress: ProgressDecision | None = None


def load_decisions(path: Path) -> DecisionsFile:
    """Read and validate a decisions file (JSON, or YAML by extension or content).

    Raises:
        ReviewError: unreadable file, bad syntax, or a bad key (named).
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ReviewError(f"{path}: cannot read decisions file ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ReviewError(f"{path}: decisions file is not UTF-8 text") from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        first = (str(exc).splitlines() or ["syntax error"])[0]
        raise ReviewError(f"{path}: not valid JSON/YAML ({first})") from None
    if not isinstance(data, dict):
        raise ReviewError(f"{path}: a decisions file is a mapping with 'documents' and/or "
                          "'progress'")
    try:
        return DecisionsFile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(x) for x in err['loc']) or '(top)'}: {err['msg']}"
            for err in exc.errors())
        raise ReviewError(f"{path}: {problems}") from None
