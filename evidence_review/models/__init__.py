"""Types that more than one stage shares, so no stage imports another for a type.

The proposals (made by the classifiers; stored, scored, reviewed and reported by the others),
an activity of the progress report (read by plans, scored by scoring) and the record of one
screened file.
"""

from evidence_review.models.activity import Activity
from evidence_review.models.proposals import (
    DocumentProposals,
    Evidence,
    Role,
    SubIssueProposal,
    Where,
)
from evidence_review.models.screening import ScreenedDocument

__all__ = [
    "Activity", "DocumentProposals", "Evidence", "Role", "ScreenedDocument", "SubIssueProposal",
    "Where",
]
