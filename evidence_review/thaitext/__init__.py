"""Thai text repair and quality measures, in one place.

Public surface (stable; implementations grow behind it):

* :func:`repair` -- raw extracted text -> repaired text for matching and display.
* :func:`repair_with_map` -- the same plus a map from repaired offsets to raw offsets.
* :func:`quality` -- a 0..1 score of how trustworthy a text layer is.
* :func:`thai_digits_to_arabic` -- ๐..๙ -> 0..9 for later stages (repair keeps Thai digits).

The repair chain is :data:`thaitext.chain.CHAIN` (one small pure function per fix);
measures shared by tests and benchmarks are in :mod:`thaitext.metrics`.
"""

from __future__ import annotations

from pydantic import BaseModel

from evidence_review.thaitext.metrics import cer, quality

_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


class Repaired(BaseModel):
    text: str
    offsets: list[int]  # offsets[i] = index in the raw text of repaired character i


def repair_with_map(raw: str) -> Repaired:
    """Repair ``raw`` and map each repaired character back to its index in ``raw``.

    >>> r = repair_with_map("ท า งาน")
    >>> r.text, r.offsets
    ('ทำ งาน', [0, 1, 3, 4, 5, 6])
    """
    from evidence_review.thaitext.chain import run

    t = run(raw)
    return Repaired(text=t.text, offsets=list(t.offsets))


def repair(raw: str) -> str:
    """Repair raw extracted Thai text (see :mod:`thaitext.chain` for the steps).

    >>> repair("\\ufeffวิิสััยทััศน์์ เเผน ผู\\n้ใช้")
    'วิสัยทัศน์ แผน ผู้ใช้'
    """
    from evidence_review.thaitext.chain import run

    return run(raw).text


def thai_digits_to_arabic(s: str) -> str:
    """Replace Thai digits by Arabic ones, leaving everything else.

    >>> thai_digits_to_arabic("พ.ศ. ๒๕๕๐ ข้อ 3")
    'พ.ศ. 2550 ข้อ 3'
    """
    return s.translate(_DIGITS)


__all__ = ["Repaired", "cer", "quality", "repair", "repair_with_map", "thai_digits_to_arabic"]
