"""The report as PDF: the HTML rendering laid out by WeasyPrint (an optional extra)."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

from evidence_review.reports.official import OfficialReport
from evidence_review.reports.render import to_html

INSTALL_HINT = "pip install 'evidence-review[pdf-report]'"

#: Thai fonts in order of preference; only installed ones are named in the PDF's CSS.
PREFERRED_FONTS = ("TH Sarabun New", "TH SarabunPSK", "Laksaman", "Garuda", "Noto Sans Thai",
                   "Loma", "Norasi", "Kinnari", "Waree")


class PdfUnavailable(Exception):
    """WeasyPrint (or its system libraries) is missing; the message says how to install."""


def write_pdf(r: OfficialReport, path: Path, *, force: bool = False) -> None:
    """Write the report as PDF through :mod:`evidence_review.outputs` (an existing file only
    with ``force``). Raises :class:`PdfUnavailable` naming the extra to install."""
    from evidence_review.outputs import write_bytes

    write_bytes(path, pdf_bytes(r), force=force)


def pdf_bytes(r: OfficialReport) -> bytes:
    """The report as PDF. Raises :class:`PdfUnavailable` naming the extra to install."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: pango/cairo libraries not found
        raise PdfUnavailable(f"PDF reports need WeasyPrint ({type(exc).__name__}: "
                             f"{str(exc).splitlines()[0] if str(exc) else exc!r}); install it "
                             f"with: {INSTALL_HINT}") from None
    for name in ("weasyprint", "fontTools"):  # font subsetting chatter is not for users
        logging.getLogger(name).setLevel(logging.ERROR)
    fonts = ", ".join(f'"{f}"' for f in thai_fonts()) + ", sans-serif"
    style = (f"body {{ font-family: {fonts}; }} @page {{ @top-center {{ font-family: {fonts}; }}"
             f" @bottom-right {{ font-family: {fonts}; }} }}")
    style += " .w { white-space: nowrap; }"
    html = to_html(r).replace("</head>", f"<style>{style}</style></head>")
    return bytes(HTML(string=for_pdf(thai_breaks(html))).write_pdf())


@lru_cache(maxsize=1)
def thai_fonts() -> tuple[str, ...]:
    """The installed Thai fonts from :data:`PREFERRED_FONTS` (``fc-list :lang=th``)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return ()
    try:
        out = subprocess.run([fc_list, ":lang=th", "family"], capture_output=True, text=True,
                             timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    installed = {name.strip() for line in out.splitlines() for name in line.split(",")}
    return tuple(f for f in PREFERRED_FONTS if f in installed)


_TEXT = re.compile(r">([^<]+)<")


def thai_breaks(html: str) -> str:
    """Lines break only between Thai words: each word of the body's text is kept whole
    (``<span class="w">``, no wrap) with a zero-width space between words. Pango breaks Thai
    by its own rules, which cut words (การดำ|เนินงาน, สม|ชาย) once sara am is spelled out for
    the text layer (:func:`for_pdf`); pythainlp's word boundaries are used instead.

    >>> thai_breaks("<head><title>ระบบ</title></head><body><p>การดำเนินงาน</p></body>")[38:]
    '<p><span class="w">การ</span>\u200b<span class="w">ดำเนินงาน</span></p></body>'
    """
    from evidence_review.thaitext.words import THAI_RUN, segment_all

    def words(m: re.Match[str]) -> str:
        tokens = segment_all(m.group(0))
        return "\u200b".join(f'<span class="w">{t}</span>' if len(t) > 1 else t
                              for t in tokens)

    head, sep, body = html.partition("<body")
    return head + sep + _TEXT.sub(lambda m: ">" + THAI_RUN.sub(words, m.group(1)) + "<", body)


def for_pdf(html: str) -> str:
    """Spell sara am as nikhahit + sara aa for the PDF text layer.

    HarfBuzz draws ำ from two glyphs and WeasyPrint leaves the first without a Unicode
    mapping, so copied or extracted text showed junk (น้ำ → "นĻķา"). The spelled-out pair
    looks the same on the page (checked with pdftoppm) and extracts as ํา, which NFKC
    normalisation equates with ำ.

    >>> for_pdf("น้ำ") == "น้\u0e4d\u0e32"
    True
    """
    return html.replace("\u0e33", "\u0e4d\u0e32")
