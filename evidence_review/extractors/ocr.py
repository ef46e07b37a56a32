"""OCR of one rendered PDF page with the Tesseract binary (Debian tesseract-ocr, -tha).

Tesseract runs as a subprocess with a time limit and ``OMP_THREAD_LIMIT=1`` (its OpenMP threads
slow it down on a small shared machine); its output is raw text for :func:`thaitext.repair`
(it writes ``ํ`` + ``า`` for ``ำ``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from evidence_review.messages import Bilingual, MessageKey, message, text

log = logging.getLogger(__name__)

#: What a user must install when OCR is missing (one line, Thai first).
INSTALL_HINT = message(MessageKey.OCR_NOT_INSTALLED)


#: Entered around every Tesseract run; see :func:`set_gate`.
_gate: Callable[[], AbstractContextManager[object]] = contextlib.nullcontext


def set_gate(gate: Callable[[], AbstractContextManager[object]] | None) -> None:
    """Run every Tesseract process of this process inside ``gate()`` (``None``: no gate).

    The batch worker passes its share of the batch's OCR slots, so Tesseract runs across all
    workers stay within the core count while this module knows nothing of batches.
    """
    global _gate
    _gate = gate or contextlib.nullcontext


class OcrError(Exception):
    """OCR of a page failed (timeout, crash). ``reason`` is the user's message in both
    languages; ``str()`` renders it as one line."""

    def __init__(self, reason: Bilingual) -> None:
        super().__init__(str(reason))
        self.reason = reason


@lru_cache(maxsize=4)
def _installed_languages(binary: str) -> frozenset[str]:
    try:
        out = subprocess.run([binary, "--list-langs"], capture_output=True, text=True,
                             timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in out.splitlines()[1:] if line.strip())


def unavailable(languages: str = "tha+eng") -> Bilingual | None:
    """Why OCR cannot run here, or None when Tesseract has every language needed.

    >>> unavailable("tha+eng") in (None, text(MessageKey.OCR_NOT_INSTALLED))
    True
    """
    binary = shutil.which("tesseract")
    if binary is None:
        return text(MessageKey.OCR_NOT_INSTALLED)
    missing = set(languages.split("+")) - _installed_languages(binary)
    if missing:
        return text(MessageKey.OCR_NO_LANGUAGE, languages=", ".join(sorted(missing)))
    return None


def ocr_image(image: Path, languages: str = "tha+eng", timeout_s: float = 120.0) -> str:
    """Text of one image file, as Tesseract reads it (not repaired).

    Raises:
        OcrError: Tesseract is missing, failed, or took longer than ``timeout_s``.
    """
    return _tesseract(image, ["-l", languages, "--psm", "3"], timeout_s)


def ocr_tsv(image: Path, languages: str = "tha+eng", timeout_s: float = 120.0,
            psm: int = 4, dpi: int | None = None) -> str:
    """Tesseract's TSV output for one image file: every word with its box and confidence
    (:mod:`extractors.ocr_layout` reads it). Page segmentation mode 4 (one column of lines
    of varying size) keeps rows of tone marks with their letters better than the default 3
    on noisy scans (measured on the noisy-scan fixtures). ``dpi``: the image's resolution,
    for an image file that does not say (Tesseract otherwise starts from 70 dpi and
    guesses; on a scanned progress table the guess lost every figure column).

    Raises:
        OcrError: Tesseract is missing, failed, or took longer than ``timeout_s``.
    """
    resolution = ["--dpi", str(dpi)] if dpi else []
    return _tesseract(image, ["-l", languages, "--psm", str(psm), *resolution, "tsv"],
                      timeout_s)


def _tesseract(image: Path, args: list[str], timeout_s: float) -> str:
    binary = shutil.which("tesseract")
    if binary is None:
        raise OcrError(text(MessageKey.OCR_NOT_INSTALLED))
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        with _gate():
            proc = subprocess.run(
                [binary, str(image), "stdout", *args],
                capture_output=True, timeout=timeout_s, env=env, check=False,
            )
    except subprocess.TimeoutExpired:
        raise OcrError(text(MessageKey.OCR_TIMEOUT, seconds=timeout_s)) from None
    except OSError as exc:
        raise OcrError(text(MessageKey.OCR_CANNOT_RUN, detail=exc.strerror or str(exc))) from None
    if proc.returncode != 0:
        last = (proc.stderr.decode("utf-8", "replace").strip().splitlines() or ["?"])[-1]
        raise OcrError(text(MessageKey.OCR_FAILED, detail=last))
    return proc.stdout.decode("utf-8", "replace")


@dataclass
class ScanResult:
    """What :func:`read_scan` read from one page image."""

    tsv: str
    angle: float = 0.0  # deskew rotation applied, degrees counter-clockwise
    size: tuple[int, int] = (0, 0)  # image width, height in pixels
    tables: list[Any] = field(default_factory=list)  # (bbox, rows of cell boxes), pixels
    letters: Any = None  # N x 4 array of letter-sized ink boxes on the cleaned page, pixels

    def coverage(self, boxes: list[tuple[int, int, int, int]]) -> float | None:
        """Share of the page's letters whose centre lies in one of ``boxes`` (the words
        read): writing Tesseract did not read lowers it. None when not measured."""
        if self.letters is None or not len(self.letters):
            return None
        import numpy as np

        cx = (self.letters[:, 0] + self.letters[:, 2]) / 2
        cy = (self.letters[:, 1] + self.letters[:, 3]) / 2
        hit = np.zeros(len(cx), dtype=bool)
        for left, top, right, bottom in boxes:
            hit |= (cx >= left) & (cx <= right) & (cy >= top) & (cy <= bottom)
        return float(hit.mean())


def read_scan(image: Path, languages: str = "tha+eng", timeout_s: float = 120.0,
              clean: bool = True, dpi: int | None = None) -> ScanResult:
    """One page image read by Tesseract (TSV) after cleaning it (:mod:`extractors.scan`:
    flatten, despeckle, border, deskew) when OpenCV is there, with its ruled tables found on
    the cleaned image. ``dpi``: the resolution the page was rendered at (the cleaned image
    file carries none, so Tesseract is told)."""
    from evidence_review.extractors import scan

    if not (clean and scan.available()):
        return ScanResult(tsv=ocr_tsv(image, languages, timeout_s))
    from evidence_review.extractors.pdf.grid import grid_tables

    cleaned = image.with_name(image.stem + "-clean.png")
    angle, page = scan.clean_file(image, cleaned)
    height = scan.text_height(scan.binarise(page))
    tables = grid_tables(scan.ruling_edges(page), tolerance=max(3.0, 0.3 * height))
    return ScanResult(tsv=ocr_tsv(cleaned, languages, timeout_s, dpi=dpi), angle=angle,
                      size=(page.shape[1], page.shape[0]), tables=tables,
                      letters=scan.letter_boxes(page))


def render_page(page: object, path: Path, dpi: int = 300) -> Path:
    """Render a ``pypdfium2.PdfPage`` at ``dpi`` in grey to a PNG file (call from one thread:
    pdfium is not thread-safe; Tesseract runs can then go in parallel)."""
    bitmap = page.render(scale=dpi / 72.0, grayscale=True)  # type: ignore[attr-defined]
    try:
        bitmap.to_pil().save(path, dpi=(dpi, dpi))
    finally:
        bitmap.close()
    return path


def ocr_pdf_page(page: object, dpi: int = 300, languages: str = "tha+eng",
                 timeout_s: float = 120.0) -> str:
    """Render a ``pypdfium2.PdfPage`` at ``dpi`` in grey and OCR it (text not repaired)."""
    with tempfile.TemporaryDirectory(prefix="er-ocr-") as tmp:
        png = render_page(page, Path(tmp) / "page.png", dpi)
        return ocr_image(png, languages, timeout_s)
