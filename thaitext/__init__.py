"""Thai text repair and quality measures, in one place.

Public surface (stable; implementations grow behind it):

* :func:`repair` -- raw extracted text -> repaired text for matching and display.
* :func:`repair_with_map` -- the same plus a map from repaired offsets to raw offsets.
* :func:`quality` -- a 0..1 score of how trustworthy a text layer is.
"""

from __future__ import annotations

import unicodedata

from pydantic import BaseModel


class Repaired(BaseModel):
    text: str
    offsets: list[int]  # offsets[i] = index in the raw text of repaired character i


def repair_with_map(raw: str) -> Repaired:
    text = unicodedata.normalize("NFC", raw)
    return Repaired(text=text, offsets=list(range(len(text))))


def repair(raw: str) -> str:
    return repair_with_map(raw).text


def quality(text: str) -> float | None:
    return None
