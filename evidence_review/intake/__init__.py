"""Intake: a typed record for every input file before it is parsed.

Public surface: :class:`FileFormat`, :class:`IntakeRecord`, :class:`Limits`,
:func:`sniff_format`, :func:`record_file`, :class:`Submission`, :func:`discover`, and the
user-facing file messages :func:`message` / :class:`MessageKey` (:mod:`evidence_review.messages`).
"""

from evidence_review.intake.formats import FileFormat
from evidence_review.intake.records import IntakeRecord, Limits, record_file
from evidence_review.intake.sniff import sniff_format
from evidence_review.intake.submissions import Submission, discover
from evidence_review.messages import MessageKey, message

__all__ = [
    "FileFormat",
    "IntakeRecord",
    "Limits",
    "MessageKey",
    "Submission",
    "discover",
    "message",
    "record_file",
    "sniff_format",
]
