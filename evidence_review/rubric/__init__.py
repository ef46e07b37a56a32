"""The rubric as data: sub-issues, phrases, criteria, weights, thresholds and policies.

Public surface: :class:`Rubric` and :func:`load_rubric`. The bundled rubric for the FY 2550
indicator is ``evidence_review/rubric/kpi14-2550.toml``; ``--rubric FILE`` selects another.
"""

from evidence_review.rubric.model import (
    AmbiguityRule,
    Criterion,
    CriterionKind,
    Issue,
    Phrase,
    PhraseKind,
    Policies,
    Rubric,
    RubricError,
    SubIssue,
    load_rubric,
)

__all__ = [
    "AmbiguityRule", "Criterion", "CriterionKind", "Issue", "Phrase", "PhraseKind",
    "Policies", "Rubric", "RubricError", "SubIssue", "load_rubric",
]
