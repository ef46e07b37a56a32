"""Run-time choices of the PDF backend: :class:`PdfOptions` lives with the other extractor
options (:mod:`evidence_review.extractors.options`), passed in by the caller."""

from evidence_review.extractors.options import PdfOptions

__all__ = ["PdfOptions"]
