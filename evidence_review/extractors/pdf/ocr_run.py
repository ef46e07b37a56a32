"""Pages sent to Tesseract from the PDF backend, read in parallel and merged back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evidence_review.extractors.model import (
    ErrorCategory,
    ErrorItem,
    Page,
)
from evidence_review.extractors.options import PdfOptions
from evidence_review.extractors.pdf.ocr_page import build
from evidence_review.messages import Bilingual, MessageKey
from evidence_review.messages import text as _text  # `text` is a common local name here


class OcrRun:
    """Pages sent to Tesseract: rendered here one by one (pdfium is not thread-safe), read by
    up to ``workers`` Tesseract processes at once, merged into their pages at the end."""

    def __init__(self, opts: PdfOptions) -> None:
        self.opts = opts
        self._jobs: list[tuple[Page, Bilingual, Any]] = []
        self._pool: Any = None
        self._tmp: Any = None
        self._missing: Bilingual | bool | None = False  # False: not checked yet

    def _unavailable(self) -> Bilingual | None:
        if self._missing is False:
            from evidence_review.extractors import ocr

            self._missing = (_text(MessageKey.OCR_OFF) if not self.opts.ocr
                             else ocr.unavailable(self.opts.ocr_languages))
        return self._missing or None  # type: ignore[return-value]

    def submit(self, page: Any, result: Page, why: Bilingual, errors: list[ErrorItem]) -> None:
        from evidence_review.extractors import ocr

        missing = self._unavailable()
        if missing:
            result.unreadable = str(why.then(missing))
            errors.append(ErrorItem(component="ocr", category=ErrorCategory.MISSING_TOOL,
                                    message=result.unreadable, page=result.number))
            return
        if self._pool is None:
            import os
            import tempfile
            from concurrent.futures import ThreadPoolExecutor

            self._tmp = tempfile.TemporaryDirectory(prefix="er-ocr-")
            self._pool = ThreadPoolExecutor(max_workers=max(1, min(self.opts.ocr_workers,
                                                                   os.cpu_count() or 1)))
        png = ocr.render_page(page, Path(self._tmp.name) / f"p{result.number}.png",
                              self.opts.ocr_dpi)
        future = self._pool.submit(ocr.read_scan, png, self.opts.ocr_languages,
                                   self.opts.ocr_timeout_s, dpi=self.opts.ocr_dpi)
        self._jobs.append((result, why, future))

    def finish(self, errors: list[ErrorItem]) -> None:
        from evidence_review.extractors import ocr
        from evidence_review.thaitext import quality

        for result, why, future in self._jobs:
            try:
                scan = future.result()
            except ocr.OcrError as exc:
                result.unreadable = str(why.then(exc.reason))
                errors.append(ErrorItem(component="ocr", category=ErrorCategory.UNREADABLE_PAGE,
                                        message=result.unreadable, page=result.number))
                continue
            read = result.model_copy(update={"spans": [], "offsets": [], "blocks": []})
            sure = build(read, scan, self.opts.ocr_dpi)
            # honest: what Tesseract was sure of, and what the Thai text looks like
            score = min(x for x in (quality(read.text), sure, 1.0) if x is not None) \
                if read.text.strip() else 0.0
            if result.text.strip() and score <= (result.quality or 0):
                continue  # OCR read no better than the text layer: keep the text layer
            read.quality, read.ocr = round(score, 3), True
            problem: Bilingual | None = None
            if not read.text.strip():
                problem = _text(MessageKey.OCR_NO_TEXT)
            elif score < self.opts.quality_threshold:
                problem = _text(MessageKey.OCR_LOW_QUALITY, quality=score)
            if problem is not None:
                read.unreadable = str(why.then(problem))
                errors.append(ErrorItem(component="ocr", category=ErrorCategory.UNREADABLE_PAGE,
                                        message=read.unreadable, page=result.number))
            for name in type(result).model_fields:
                setattr(result, name, getattr(read, name))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        if self._tmp is not None:
            self._tmp.cleanup()

