"""Every message a user sees about a file problem, in one table: Thai first, English gloss.

Evaluators read Thai; the English gloss stays so a reason can still be searched for on the web
and so older scripts that grep English keep a foothold. A message renders as::

    ไทย [English]

e.g. ``ไฟล์ว่างเปล่า (0 ไบต์) [file is empty (0 bytes)]``. Square brackets, not round ones,
because many English reasons carry their own round brackets ("(0 bytes)", "(zip bomb)"), and
not an em dash, because reports already put " — " between a file name and its reason. (Rich
reads ``[...]`` as markup: print these with ``markup=False`` or :func:`rich.markup.escape`.)

Two messages about one thing (a page's problem and why OCR could not help) are joined part by
part, Thai with Thai and English with English (:meth:`Bilingual.then`)::

    หน้าที่สแกนเป็นภาพ: ยังไม่ได้ติดตั้งโปรแกรม OCR (...) [scanned page: OCR needs ...]

A message never names the file: callers put the path in front ("error: a/b.pdf: ...").
Developer logs (``logging.debug``/``info``) stay in English and do not use this table.

>>> message(MessageKey.EMPTY)
'ไฟล์ว่างเปล่า (0 ไบต์) [file is empty (0 bytes)]'
>>> message(MessageKey.TIMED_OUT, seconds=120.0).split(" [")[1]
'timed out after 120 s; allow more with --timeout]'
>>> str(text(MessageKey.SCANNED_PAGE).then(text(MessageKey.OCR_NO_TEXT)))
'หน้าที่สแกนเป็นภาพ: OCR ไม่พบข้อความ [scanned page: OCR found no text]'
"""

from __future__ import annotations

import errno
import string
from dataclasses import dataclass
from typing import Any

from evidence_review.messages import files, review, web
from evidence_review.messages.keys import MessageKey
from evidence_review.messages.template import Template

#: Longest text a field may put into a message (library error text, member names): longer
#: values are cut, so the English gloss is never lost off the end of a one-line message.
MAX_FIELD_CHARS = 80

#: The table. Thai: short, official (ราชการ) register; English: as the tool said before.
TABLE: dict[MessageKey, Template] = {**files.ENTRIES, **review.ENTRIES, **web.ENTRIES}




@dataclass(frozen=True)
class Bilingual:
    """A rendered message in its two languages; ``str()`` gives ``"ไทย [English]"``.

    >>> str(Bilingual("ไม่พบไฟล์", "no file"))
    'ไม่พบไฟล์ [no file]'
    """

    th: str
    en: str

    def __str__(self) -> str:
        return f"{self.th} [{self.en}]"

    def then(self, other: Bilingual, sep: str = ": ") -> Bilingual:
        """This message followed by ``other``, each language joined with its own.

        >>> str(Bilingual("ก", "a").then(Bilingual("ข", "b")))
        'ก: ข [a: b]'
        """
        return Bilingual(f"{self.th}{sep}{other.th}", f"{self.en}{sep}{other.en}")


class MessageFieldError(TypeError):
    """A message was asked for with missing or unknown fields (a bug in the caller)."""


def template_fields(template: str) -> set[str]:
    """The field names a template takes.

    >>> sorted(template_fields("{pages} pages, over {limit:,}-page limit {limit}"))
    ['limit', 'pages']
    """
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _clip(value: Any) -> Any:
    """Field values as given; long or multi-line text flattened and cut (see MAX_FIELD_CHARS).

    >>> _clip("a\\nb"), len(_clip("x" * 500)), _clip(3)
    ('a b', 80, 3)
    """
    if not isinstance(value, str):
        return value
    flat = " ".join(value.split())
    return flat if len(flat) <= MAX_FIELD_CHARS else flat[: MAX_FIELD_CHARS - 1] + "…"


def text(key: MessageKey, **fields: Any) -> Bilingual:
    """The message ``key`` with ``fields`` filled in, in both languages.

    Raises:
        MessageFieldError: a field the message takes is missing, or an unknown one is given.

    >>> text(MessageKey.PAGES_CUT, pages=3, limit=2).th
    'มี 3 หน้า เกินกำหนด 2 หน้า อ่านเฉพาะ 2 หน้าแรก'
    >>> text(MessageKey.PAGES_CUT, pages=3)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    evidence_review.messages.MessageFieldError: message 'pages_cut' takes fields ...
    """
    template = TABLE[key]
    wanted = set(template.example)
    if set(fields) != wanted:
        raise MessageFieldError(f"message {key.value!r} takes fields {sorted(wanted)}, "
                                f"got {sorted(fields)}")
    values = {name: _clip(value) for name, value in fields.items()}
    return Bilingual(template.th.format(**values), template.en.format(**values))


def message(key: MessageKey, **fields: Any) -> str:
    """The message ``key`` rendered as one line, ``"ไทย [English]"``.

    >>> message(MessageKey.PDF_PASSWORD)
    'ไฟล์ PDF ถูกตั้งรหัสผ่าน เปิดอ่านไม่ได้ [PDF is password-protected]'
    """
    return str(text(key, **fields))


def os_error(exc: OSError) -> Bilingual:
    """Why a file could not be read, from the operating system's error.

    >>> str(os_error(FileNotFoundError(2, "No such file or directory")))
    'ไม่พบไฟล์ [cannot read file: No such file or directory]'
    >>> os_error(OSError(5, "Input/output error")).en
    'cannot read file: Input/output error'
    """
    if exc.errno == errno.ENOENT:
        return text(MessageKey.FILE_NOT_FOUND)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return text(MessageKey.NO_PERMISSION)
    return text(MessageKey.CANNOT_READ, detail=exc.strerror or str(exc))


__all__ = ["TABLE", "Bilingual", "MessageFieldError", "MessageKey", "Template", "message",
           "os_error", "template_fields", "text"]
