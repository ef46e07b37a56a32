"""The ``--decisions FILE`` format (JSON or YAML), validated; errors name the file and key.

::

    {"reviewer": "สมชาย", "documents": {"<path as in screen's JSON>": {
        "role": "review", "subissues": {"1.1": {"covered": true, "reason": "...",
                                                "evidence": "the passage that covers it"}},
        "improvement_vs_2549": true,
        "parts": ["1-4", "5-9", "10-12"]}},
     "progress": {"activities": [{"name": "...", "weight": 20, "percent": 85,
                                  "achieved": true}]}}

``progress`` may instead be ``{"accept": true}``: the figures proposed from the table, as read.

Any part omitted stays as it is. Besides the documented keys, a document may give
``"reason"`` (used for any override in it without its own reason), ``"role_reason"`` and
``"improvement_reason"``; ``progress`` may give ``"reason"``.

Refused with one line naming the file: a key given twice in one mapping (JSON or YAML; the
last one silently won before), nesting deeper than :data:`MAX_DEPTH`, a reviewer name over
100 characters or a reason over 2,000 (:mod:`evidence_review.userinput`, which also strips
control characters from both).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from evidence_review.messages import MessageKey, message
from evidence_review.models.proposals import Role
from evidence_review.userinput import (
    MAX_REASON_CHARS,
    clean_name,
    clean_reason,
    strip_controls,
)

#: Deepest nesting of mappings and lists a decisions file may have (the format needs 6).
MAX_DEPTH = 32


class ReviewError(Exception):
    """A user mistake in review input: one line naming the file or submission and why."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Reasons(_Strict):
    """Reasons (any field named ``*reason``) cleaned and limited as they come in."""

    @field_validator("*", mode="after")
    @classmethod
    def _clean_reasons(cls, value: object, info: object) -> object:
        name = getattr(info, "field_name", "") or ""
        if (name.endswith("reason") or name == "evidence") and isinstance(value, str):
            return clean_reason(value)
        return value


class SubIssueDecision(_Reasons):
    covered: bool
    reason: str | None = None
    evidence: str | None = Field(None, description="The passage that covers it (or not), "
                                                   "in the reviewer's words or quoted.")


class DocumentDecision(_Reasons):
    role: Role | None = None
    role_reason: str | None = None
    subissues: dict[str, SubIssueDecision] = Field(default_factory=dict)
    improvement_vs_2549: bool | None = None
    improvement_reason: str | None = None
    reason: str | None = None
    parts: list[str] | None = Field(
        None, max_length=100,
        description="A bound file's split into documents, as page ranges (\"1-4\", "
                    "\"5-9\"...), given on the file or any of its parts; applied when the "
                    "folder is next screened.")

    @field_validator("parts", mode="after")
    @classmethod
    def _ranges(cls, value: list[str] | None) -> list[str] | None:
        from evidence_review.classifiers.parts import parse_split

        if value is not None:
            parse_split(value)  # SplitError is a ValueError: reported with the file and key
        return value


class ActivityFigures(_Strict):
    name: str = Field(min_length=1, max_length=MAX_REASON_CHARS)
    weight: Decimal | None = Field(None, ge=0)
    percent: Decimal | None = Field(None, ge=0)
    achieved: bool | None = None

    @field_validator("name", mode="after")
    @classmethod
    def _clean_name(cls, value: str) -> str:
        return " ".join(strip_controls(value).split())


class ProgressDecision(_Reasons):
    activities: list[ActivityFigures] | None = None
    accept: bool = Field(False, description="Confirm the figures proposed from the table "
                                            "as read, instead of listing them.")
    reason: str | None = None

    @model_validator(mode="after")
    def _one_of(self) -> ProgressDecision:
        if self.accept == (self.activities is not None):
            raise ValueError(message(MessageKey.PROGRESS_FIGURES_OR_ACCEPT))
        return self


class DecisionsFile(_Strict):
    reviewer: str | None = None
    documents: dict[str, DocumentDecision] = Field(default_factory=dict)
    progress: ProgressDecision | None = None

    @field_validator("reviewer", mode="after")
    @classmethod
    def _clean_reviewer(cls, value: str | None) -> str | None:
        return None if value is None else clean_name(value)


class _DuplicateKey(ValueError):
    pass


def _unique_pairs(pairs: list[tuple[object, object]]) -> dict[object, object]:
    """A JSON object's pairs as a dict; a key given twice raises (the last won silently)."""
    out: dict[object, object] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(message(MessageKey.DUPLICATE_KEY, name=str(key)))
        out[key] = value
    return out


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing a key given twice in one mapping."""

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict:
        if isinstance(node, yaml.MappingNode):
            seen: set[object] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                try:
                    duplicate = key in seen
                except TypeError:  # an unhashable key: PyYAML's own error follows
                    break
                if duplicate:
                    raise _DuplicateKey(message(MessageKey.DUPLICATE_KEY, name=str(key)))
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _depth_ok(data: object) -> bool:
    """True when lists and mappings nest at most :data:`MAX_DEPTH` deep (no recursion)."""
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return False
        if isinstance(value, dict):
            stack.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            stack.extend((v, depth + 1) for v in value)
    return True


def _parse(path: Path, text: str) -> object:
    """The file's data; one-line :class:`ReviewError` for syntax, duplicates and depth."""
    too_deep = f"{path}: " + message(MessageKey.NESTED_TOO_DEEP, limit=MAX_DEPTH)
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text, object_pairs_hook=_unique_pairs)
        else:
            data = yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass
    except _DuplicateKey as exc:
        raise ReviewError(f"{path}: {exc}") from None
    except RecursionError:
        raise ReviewError(too_deep) from None
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        first = (str(exc).splitlines() or ["syntax error"])[0]
        raise ReviewError(f"{path}: "
                          + message(MessageKey.DECISIONS_NOT_PARSED, detail=first)) from None
    if not _depth_ok(data):
        raise ReviewError(too_deep)
    return data


def load_decisions(path: Path) -> DecisionsFile:
    """Read and validate a decisions file (JSON, or YAML by extension or content).

    Raises:
        ReviewError: unreadable file, bad syntax, or a bad key (named).
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ReviewError(f"{path}: " + message(MessageKey.DECISIONS_CANNOT_READ,
                                                  detail=exc.strerror or str(exc))) from None
    except UnicodeDecodeError:
        raise ReviewError(f"{path}: " + message(MessageKey.DECISIONS_NOT_UTF8)) from None
    data = _parse(path, text)
    if not isinstance(data, dict):
        raise ReviewError(f"{path}: " + message(MessageKey.DECISIONS_NOT_MAPPING))
    try:
        return DecisionsFile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(x) for x in err['loc']) or '(top)'}: "
            + err["msg"].removeprefix("Value error, ") for err in exc.errors())
        raise ReviewError(f"{path}: {problems}") from None
