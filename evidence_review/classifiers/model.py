"""The proposal types, kept importable here: they live in :mod:`evidence_review.models.proposals`
(the store, scoring and reports share them without depending on the classifier)."""

from evidence_review.models.proposals import (
    DocumentProposals,
    Evidence,
    Role,
    SubIssueProposal,
    Where,
)

__all__ = ["DocumentProposals", "Evidence", "Role", "SubIssueProposal", "Where"]
