"""The PDF extractor: opens the file, reads each page's text layer, sends pages whose text is
untrustworthy to OCR and adds tables and blocks to the others."""

from __future__ import annotations

import dataclasses
import logging
import re
from pathlib import Path
from typing import Any, Self

from evidence_review.extractors.base import ExtractionError, Extractor
from evidence_review.extractors.model import (
    Block,
    BlockKind,
    Document,
    ErrorCategory,
    ErrorItem,
    Page,
    Span,
    Status,
    Table,
)
from evidence_review.extractors.options import ExtractOptions, PdfOptions
from evidence_review.extractors.pdf.glyphs import GLYPH_REPAIRS, Boxes
from evidence_review.extractors.pdf.grid import TABLE_PATHS, page_paths
from evidence_review.extractors.pdf.lines import (
    Line,
    cutter,
    fix_lines,
    line_box,
    page_blocks,
    read_lines,
    source_index,
)
from evidence_review.extractors.pdf.ocr_run import OcrRun
from evidence_review.extractors.pdf.tables import PageTable, find_tables, rows_text, with_cells
from evidence_review.extractors.pdf.unruled import unruled_tables
from evidence_review.intake import FileFormat, IntakeRecord, Limits
from evidence_review.messages import Bilingual, MessageKey, message
from evidence_review.messages import text as _text  # `text` is a common local name here

log = logging.getLogger(__name__)

#: Producers measured to write Thai in logical order with correct marks (0.00% CER on the
#: fixtures): their chars need no position checks, which keeps them near raw pypdfium2 speed.
_IN_ORDER = re.compile(r"LibreOffice|OpenOffice")


def _positions(result: Page, pdfium_raw: Any, page: Any, boxes: Boxes, chars: str,
               lines: list[Line], tracked: Any) -> None:
    """Offsets from the page text to pdfium char indices, one span (box) per line, page size."""
    import bisect

    width = float(pdfium_raw.FPDF_GetPageWidthF(page))
    height = float(pdfium_raw.FPDF_GetPageHeightF(page))
    result.size = (width, height)
    lead = len(tracked.text) - len(tracked.text.lstrip("\n"))
    source = source_index(lines)
    offs = tracked.offsets[lead:lead + len(result.text)]
    if offs and min(offs) >= 0 and max(offs) < len(source):  # always, unless text was lost
        result.offsets = list(map(source.__getitem__, offs))
    else:
        result.offsets = [source[k] if 0 <= k < len(source) else -1 for k in offs]
    for ln in lines:
        if not ln.fixed.strip():
            continue
        box = ln.box or line_box(boxes, chars, ln.first, ln.last)
        if box is None:
            continue
        start = max(bisect.bisect_left(offs, ln.start), 0)
        end = bisect.bisect_left(offs, ln.end)
        if end > start:
            left, bottom, right, top = box
            result.spans.append(Span(start=start, end=end,
                                     box=(left, height - top, right, height - bottom)))


def _producer(meta: dict[str, str]) -> str | None:
    producer = (meta.get("Producer") or "").strip()
    creator = (meta.get("Creator") or "").strip()
    if producer and creator and creator != producer:
        return f"{creator} / {producer}"
    return producer or creator or None


def _open(path: Path) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        raise _load_error(path, str(exc)) from None


def _load_error(path: Path, detail: str) -> ExtractionError:
    """Why PDFium could not load ``path``. PDFium reports the process's LAST error, which some
    failed loads leave as it was: a PDF with no pages, read after an encrypted one in the same
    worker, was called password-protected. So a password is believed only when the file declares
    encryption (``/Encrypt`` in its trailer), and "Success" (no reason given) is a damaged file."""
    msg = detail.lower()
    if ("password" in msg or "security" in msg) and b"/Encrypt" in path.read_bytes():
        return ExtractionError(ErrorCategory.ENCRYPTED, message(MessageKey.PDF_PASSWORD))
    if any(word in msg for word in ("format", "file", "data", "success", "password", "security")):
        return ExtractionError(ErrorCategory.CORRUPT, message(MessageKey.PDF_DAMAGED))
    return ExtractionError(ErrorCategory.CORRUPT, message(MessageKey.PDF_UNREADABLE, detail=detail))


def has_image(pdfium_raw: Any, page: Any) -> bool:
    get, kind, image = pdfium_raw.FPDFPage_GetObject, pdfium_raw.FPDFPageObj_GetType, \
        pdfium_raw.FPDF_PAGEOBJ_IMAGE
    return any(kind(get(page, i)) == image
               for i in range(pdfium_raw.FPDFPage_CountObjects(page)))


class PdfExtractor(Extractor):
    """Read a PDF into pages of repaired Thai text, blocks and tables (see module docstring)."""

    formats = (FileFormat.PDF,)

    def __init__(self, options: PdfOptions | None = None) -> None:
        self.options = options or PdfOptions()

    @classmethod
    def with_options(cls, options: ExtractOptions) -> Self:
        return cls(options.pdf)

    def extract(self, record: IntakeRecord, limits: Limits) -> Document:
        import pypdfium2.raw as pdfium_raw

        opts = self.options
        pdf = _open(record.path)
        ocr_run = OcrRun(opts)
        try:
            n_pages = len(pdf)
            if n_pages > limits.max_pages:
                raise ExtractionError(ErrorCategory.LIMIT,
                                      message(MessageKey.PDF_TOO_MANY_PAGES, pages=n_pages,
                                              limit=limits.max_pages))
            try:
                producer = _producer(pdf.get_metadata_dict(skip_empty=True))
            except Exception:  # metadata is optional; a broken Info dict is no reason to stop
                producer = None
            doc = Document(path=record.path, format=FileFormat.PDF, sha256=record.sha256,
                           producer=producer)
            if producer and _IN_ORDER.search(producer):
                opts = dataclasses.replace(opts, geometry=False)
            for number in range(1, n_pages + 1):
                if opts.pages is not None and number not in opts.pages:
                    continue
                doc.pages.append(self._page(pdf, pdfium_raw, number, opts, ocr_run, doc.errors))
            ocr_run.finish(doc.errors)
        finally:
            ocr_run.close()
            pdf.close()
        if doc.errors:
            doc.status = Status.PARTIAL
        return doc

    def _page(self, pdf: Any, pdfium_raw: Any, number: int, opts: PdfOptions,
              ocr_run: OcrRun, errors: list[ErrorItem]) -> Page:

        try:
            page = pdf[number - 1]
        except Exception as exc:
            reason = message(MessageKey.PAGE_NOT_PARSED, error_type=type(exc).__name__)
            errors.append(ErrorItem(component="pdf", category=ErrorCategory.UNREADABLE_PAGE,
                                    message=reason, page=number))
            return Page(number=number, text="", unreadable=reason)
        textpage = None
        try:
            textpage = page.get_textpage()
            return self._read(page, textpage.raw, pdfium_raw, number, opts, ocr_run, errors)
        finally:
            if textpage is not None:
                textpage.close()
            page.close()

    @staticmethod
    def _read(page: Any, textpage: Any, pdfium_raw: Any, number: int, opts: PdfOptions,
              ocr_run: OcrRun, errors: list[ErrorItem]) -> Page:
        from evidence_review.thaitext import quality
        from evidence_review.thaitext.chain import run

        fired: set[str] = set()
        raw, lines, boxes, chars = read_lines(pdfium_raw, textpage, opts.geometry, fired)
        tables: list[PageTable] = []
        paths = page_paths(pdfium_raw, page.raw) if opts.tables and raw.strip() else []
        if len(paths) >= TABLE_PATHS:
            try:
                tables = find_tables(pdfium_raw, page.raw, paths, boxes, chars, lines, fired)
            except Exception as exc:  # tables are extra structure: the text is there
                log.warning("table extraction failed on page %d: %s", number, exc)
                for ln in lines:
                    ln.in_table, ln.table = False, None
        if opts.tables and not tables and not opts.geometry and raw.strip():
            tables = unruled_tables(lines, boxes, chars, fired)  # in-order producers only
        fix_lines(lines, boxes, chars, opts.geometry, fired)
        lines = with_cells(lines, tables)
        _number(lines)
        tracked = run("\n".join(ln.fixed for ln in lines))
        text = tracked.text.strip("\n")
        score = quality(text, tracked.tokens)  # the wrap step's tokens: no second tokenizing
        result = Page(number=number, text=text, raw=raw, quality=score,
                      repairs=[n for n in GLYPH_REPAIRS if n in fired] + list(tracked.fired))
        _positions(result, pdfium_raw, page.raw, boxes, chars, lines, tracked)
        needs_ocr: Bilingual | None = None
        if not text.strip():
            if has_image(pdfium_raw, page.raw):
                needs_ocr = _text(MessageKey.SCANNED_PAGE)
        elif score is not None and score < opts.quality_threshold:
            needs_ocr = _text(MessageKey.GARBLED_PAGE, quality=score)
        if needs_ocr:
            # the text layer stays as a single block unless OCR reads better
            if text:
                result.blocks = [Block(kind=BlockKind.PARAGRAPH, text=text, raw=raw)]
            ocr_run.submit(page, result, needs_ocr, errors)
            return result
        cut = cutter(tracked)
        cells: list[Block] = []
        for table in tables:
            rows = rows_text(table, cut)
            index = len(result.tables)
            result.tables.append(Table(page=result.number, rows=rows))
            if not table.lone_row:
                cells.extend(Block(kind=BlockKind.TABLE_CELL, text=cell, raw=cell, table=index,
                                   row=r, col=c)
                             for r, row in enumerate(rows) for c, cell in enumerate(row) if cell)
        result.blocks = page_blocks(lines, cut) + cells
        return result


def _number(lines: list[Line]) -> None:
    """Each line's span in the page's fixed text (the lines joined by ``\\n``)."""
    pos = 0
    for line in lines:
        line.start, line.end = pos, pos + len(line.fixed)
        pos = line.end + 1
