"""An activity of the progress report: read from its table by :mod:`evidence_review.plans`,
confirmed in review, scored by :mod:`evidence_review.scoring` (which shares it, not imports it
from plans or the reverse)."""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel, Field


class Activity(BaseModel):
    """One activity of the progress report, as confirmed (or proposed) figures.

    ``None`` means the value is missing from the report; how a missing value is treated is
    stated in the result's notes.
    """

    name: str
    weight: Decimal | None = Field(None, ge=0)
    percent: Decimal | None = Field(None, ge=0)
    achieved: bool | None = None
