"""Intake: a typed record for every input file before it is parsed.

Public surface: :class:`FileFormat`, :class:`IntakeRecord`, :class:`Limits`,
:func:`sniff_format`, :func:`record_file`, :class:`Submission`, :func:`discover`, and the
user-facing file messages :func:`message` / :class:`MessageKey` (:mod:`intake.messages`).
"""

from intake.formats import FileFormat
from intake.messages import MessageKey, message
from intake.records import IntakeRecord, Limits, record_file
from intake.sniff import sniff_format
from intake.submissions import Submission, discover

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
