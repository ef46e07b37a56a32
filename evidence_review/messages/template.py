"""A message's two wordings (:class:`Template`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Template:
    """A message's two wordings and an example of every field it takes (for the tests).

    The example's types are the types callers must pass (a ``float`` field has a number
    format such as ``{size_mb:,.1f}``).
    """

    th: str
    en: str
    example: dict[str, Any] = field(default_factory=dict)


#: The example fields of the messages about a damaged Office file.
_OFFICE = {"label": "Word"}
