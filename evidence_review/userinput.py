"""Reviewer names and reasons as they enter the tool (decisions files, the interactive review,
the web workspace): control characters removed, lengths limited.

A name or reason ends up in the terminal, the audit trail and every report; control
characters in it (ANSI escapes, ``\\r``, NUL) would repaint a terminal or hide text in a
report, and a megabyte-long one fills every page. The limits are in README.

>>> clean_name(" สมชาย\\x1b[31m ใจดี\\r\\n")
'สมชาย[31m ใจดี'
>>> clean_reason("บรรทัดหนึ่ง\\nบรรทัดสอง\\x00")
'บรรทัดหนึ่ง\\nบรรทัดสอง'
>>> clean_name("ก" * 101)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
evidence_review.userinput.InputTooLong: ชื่อผู้ตรวจยาว 101 อักขระ ...
"""

from __future__ import annotations

import re
import unicodedata

from evidence_review.messages import MessageKey, message

#: Longest reviewer name accepted (characters, after cleaning).
MAX_NAME_CHARS = 100
#: Longest reason accepted (characters, after cleaning).
MAX_REASON_CHARS = 2000

# C0 and C1 controls, DEL, and the bidirectional overrides and isolates that can make text
# read differently from how it is stored ("Trojan Source"). Zero-width joiners and Thai
# characters are kept.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROLS_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class InputTooLong(ValueError):
    """A name or reason over its limit; ``str()`` is the one-line message (Thai first)."""


def strip_controls(value: str, *, keep_newlines: bool = False) -> str:
    """``value`` without control characters (newlines kept if asked; ``\\r\\n`` becomes ``\\n``).

    >>> strip_controls("a\\tb\\x1b[0m\\u202ec")
    'ab[0mc'
    >>> strip_controls("a\\r\\nb", keep_newlines=True)
    'a\\nb'
    """
    if keep_newlines:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        return _CONTROLS_BUT_NEWLINE.sub("", value)
    return _CONTROLS.sub("", value)


def clean_name(value: str) -> str:
    """A reviewer name: NFC, control characters removed, spaces collapsed, at most
    :data:`MAX_NAME_CHARS` characters (longer raises :class:`InputTooLong`)."""
    cleaned = " ".join(strip_controls(unicodedata.normalize("NFC", value)).split())
    if len(cleaned) > MAX_NAME_CHARS:
        raise InputTooLong(message(MessageKey.NAME_TOO_LONG, length=len(cleaned),
                                   limit=MAX_NAME_CHARS))
    return cleaned


def clean_reason(value: str | None) -> str | None:
    """A reason: NFC, control characters other than newlines removed, outer space trimmed,
    at most :data:`MAX_REASON_CHARS` characters (longer raises :class:`InputTooLong`)."""
    if value is None:
        return None
    cleaned = strip_controls(unicodedata.normalize("NFC", value), keep_newlines=True).strip()
    if len(cleaned) > MAX_REASON_CHARS:
        raise InputTooLong(message(MessageKey.REASON_TOO_LONG, length=len(cleaned),
                                   limit=MAX_REASON_CHARS))
    return cleaned


__all__ = ["MAX_NAME_CHARS", "MAX_REASON_CHARS", "InputTooLong", "clean_name", "clean_reason",
           "strip_controls"]
