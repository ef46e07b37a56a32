"""Intake: a typed record for every input file before it is parsed.

Public surface: :class:`FileFormat`, :class:`IntakeRecord`, :class:`Limits`,
:func:`sniff_format`, :func:`record_file`, :class:`Submission`, :func:`discover`.
"""

from intake.formats import FileFormat
from intake.records import IntakeRecord, Limits, record_file
from intake.sniff import sniff_format
from intake.submissions import Submission, discover

__all__ = [
    "FileFormat",
    "IntakeRecord",
    "Limits",
    "Submission",
    "discover",
    "record_file",
    "sniff_format",
]
