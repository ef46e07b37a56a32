"""Scoring: pure functions from confirmed figures to the indicator score (no store, no I/O).

Public surface: :func:`score`, :func:`provisional`, :class:`Activity`, :class:`ScoreResult`,
:func:`level_score`, :func:`weighted_percent`, :func:`round_half_up`.
"""

from evidence_review.scoring.core import (
    Activity,
    CriterionScore,
    ScoreResult,
    WeightedAverage,
    level_score,
    policy_lines,
    provisional,
    round_half_up,
    score,
    weighted_percent,
)

__all__ = [
    "Activity", "CriterionScore", "ScoreResult", "WeightedAverage", "level_score",
    "policy_lines", "provisional", "round_half_up", "score", "weighted_percent",
]
