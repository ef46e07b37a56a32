"""Spreadsheet and Markdown cells that cannot carry a formula, a link or markup.

Text in reports comes from agencies (document text, activity and folder names) and reviewers
(names, reasons). A cell starting with ``=`` becomes a live formula in Excel (``=HYPERLINK``
sends data away); in CSV, ``+ - @``, tab and CR start one too (OWASP "CSV injection"). In
Markdown, raw HTML (``<img onerror=…>``) and link syntax (``[x](javascript:…)``) would run or
link when the report is shown as HTML.
"""

from __future__ import annotations

import re
from typing import Any

#: First characters that make a spreadsheet program read a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV value that a spreadsheet program reads as text: a string starting with a formula
    character gets a leading apostrophe (OWASP); numbers pass unchanged.

    >>> [csv_cell(v) for v in ("=1+1", "+66 2", "-x", "@SUM(A1)", "\\tx", "ok", 3, -1.5)]
    ["'=1+1", "'+66 2", "'-x", "'@SUM(A1)", "'\\tx", 'ok', 3, -1.5]
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def xlsx_as_text(workbook: Any) -> int:
    """Make every formula cell of an openpyxl ``workbook`` a text cell (reports never hold
    formulas: any ``=…`` came from a document or a reviewer). Returns how many were changed.

    openpyxl stores a string starting with ``=`` as a formula; as a text cell Excel shows the
    characters and never evaluates them. Such cells also get the "quote prefix" style, so that
    editing the cell in Excel keeps it text.
    """
    changed = 0
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str)
                                             and cell.value.startswith(FORMULA_STARTS)):
                    cell.data_type = "s"
                    cell.quotePrefix = True
                    changed += 1
    return changed


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|!#~])")
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def md_text(value: object) -> str:
    """Text for a Markdown cell or line: one line, HTML and link syntax escaped, so a
    document or a reviewer cannot put markup, images or links into the report.

    ``<`` ``>`` ``&`` become entities; ``[ ] ( ) ! ` * _ | # ~`` and ``\\`` are backslash-escaped,
    which stops ``[x](javascript:…)``, ``![x](http://…)`` and emphasis.

    >>> md_text('<img src=x onerror=alert(1)>')
    '&lt;img src=x onerror=alert(1)&gt;'
    >>> md_text('[x](javascript:alert(1))')
    '\\\\[x\\\\](javascript:alert(1))'
    >>> md_text("a|b\\nc")
    'a\\\\|b c'
    """
    flat = " ".join(str(value).split())
    out = []
    for ch in flat:
        if ch in _MD_ENTITIES:
            out.append(_MD_ENTITIES[ch])
        elif _MD_SPECIAL.match(ch):
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def md_code(value: object) -> str:
    """Text as a Markdown code span, which shows markup and links as the characters they are;
    a backtick in the text cannot close the span (the fence is longer than any run of them)
    and ``|`` is escaped so a table cell stays one cell (GFM).

    >>> md_code("review.txt"), md_code("a`b|c")
    ('`review.txt`', '`` a`b\\\\|c ``')
    """
    flat = " ".join(str(value).split()).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    if not longest:
        return f"`{flat}`"
    fence = "`" * (longest + 1)
    return f"{fence} {flat} {fence}"


__all__ = ["FORMULA_STARTS", "csv_cell", "md_code", "md_text", "xlsx_as_text"]
