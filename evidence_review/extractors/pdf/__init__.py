"""PDF backend: pypdfium2 text with glyph-position fixes, Thai repair, a quality gate to OCR,
and ruled tables on pages that have ruling lines.

Why this combination (measured, see README and benchmarks/extract.py):

* pypdfium2 honours ``/ActualText`` (LibreOffice wraps every ำ in one) and keeps the content
  stream order, so LibreOffice PDFs come out exact, at ~1,000 pages/s.
* Microsoft Word PDFs write a combining mark after the wrong letter (มนั่ใจ) and draw nikhahit as a
  glyph mapped to a space (ท าได้). Each char's box tells which letter a mark sits over and
  that a "space" floats above the line, so both are fixed from positions, not guessed from text.
* Excel -> Distiller doubling, U+FFFD, PUA glyphs, ำา and the like are text problems for
  :mod:`thaitext`.
* Pages whose text is still untrustworthy (:func:`thaitext.quality` below the threshold) or
  empty with an image go to Tesseract (:mod:`extractors.ocr`).
* pdfplumber (pdfminer) is ~50x slower and misreads LibreOffice glyphs: only its grid
  algorithm is used, on ruling lines read by pypdfium2; cell texts come from pypdfium2 chars.

Modules: :mod:`.glyphs` (chars, boxes, positional fixes), :mod:`.lines` (lines and blocks),
:mod:`.tables` (ruled tables), :mod:`.ocr_run` (pages sent to Tesseract), :mod:`.options`,
:mod:`.extractor` (the page loop and quality gate).
"""

from evidence_review.extractors.pdf.extractor import PdfExtractor
from evidence_review.extractors.pdf.lines import heading_level
from evidence_review.extractors.pdf.options import PdfOptions

__all__ = ["PdfExtractor", "PdfOptions", "heading_level"]
