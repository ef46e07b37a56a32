"""The agency's name, read from the first lines of its documents when they are screened.

A Thai government document names its issuer near the top: a title followed by the agency
(``สรุปผลการทบทวน… / กรมส่งเสริมสหกรณ์``), an order or announcement headed by it
(``คำสั่งจังหวัดนครสวรรค์``), a memo's ``ส่วนราชการ`` line. A candidate is a word there that
starts with the name of a kind of agency (กรม, สำนักงาน, จังหวัด, …). Each document gives at most
one (its first); the submission's name is the one most of its documents give. Text from OCR is
not used: a misread name in an official report is worse than the folder id.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from evidence_review.extractors.model import Document

#: Kinds of government agencies and units whose names start a word.
KINDS = ("สำนักงาน", "สำนัก", "กรม", "จังหวัด", "กอง", "ศูนย์", "สถาบัน", "องค์การ", "กระทรวง")
#: Words a heading puts directly before the agency's name.
_HEADS = ("คำสั่ง", "ประกาศ", "ส่วนราชการ")
#: How many non-empty lines at the top of the first page are read.
LINES = 6
#: A name is a word: at most this many characters (a longer run is a sentence).
MAX_CHARS = 60
#: Marks of a sentence rather than a name: a verb or a predicate right after the kind.
_SENTENCE = re.compile(r"ได้|มีหน้าที่|ดำเนินการ|เป็นหน่วยงาน|จัดทำ|ทำหน้าที่|ฯ")
_WORD = re.compile(r"[^\s()\[\]:;,\"'“”]+")


def candidate(word: str) -> str | None:
    """The agency name a word of a heading line holds, or None.

    >>> candidate("คำสั่งจังหวัดนครสวรรค์"), candidate("กรมส่งเสริมสหกรณ์")
    ('จังหวัดนครสวรรค์', 'กรมส่งเสริมสหกรณ์')
    >>> candidate("สำนักงาน"), candidate("กรมดำเนินการตามแผน"), candidate("สำนักงานฯ")
    (None, None, None)
    """
    for head in _HEADS:
        if word.startswith(head):
            word = word[len(head):]
            break
    kind = next((k for k in KINDS if word.startswith(k)), None)
    if kind is None or len(word) < len(kind) + 3 or len(word) > MAX_CHARS:
        return None
    if _SENTENCE.search(word[len(kind):]):
        return None
    return word.rstrip(".")


def document_agency(doc: Document) -> str | None:
    """The first agency name among the top lines of the document's first page with text."""
    page = next((p for p in doc.pages if p.text.strip()), None)
    if page is None or page.ocr:
        return None
    lines = [ln for ln in page.text.splitlines() if ln.strip()][:LINES]
    for line in lines:
        for word in _WORD.findall(line):
            name = candidate(word)
            if name:
                return name
    return None


def submission_agency(names: Iterable[str | None]) -> str | None:
    """The name most documents give (the first given on a tie), or None.

    >>> submission_agency(["ศูนย์สารสนเทศ", "กรมควบคุมโรค", None, "กรมควบคุมโรค"])
    'กรมควบคุมโรค'
    """
    given = [n for n in names if n]
    if not given:
        return None
    counts = Counter(given)
    return max(given, key=lambda n: (counts[n], -given.index(n)))
