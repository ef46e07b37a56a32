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
from functools import lru_cache
from pathlib import Path

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
    binary = shutil.which("tesseract")
    if binary is None:
        raise OcrError(text(MessageKey.OCR_NOT_INSTALLED))
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        with _gate():
            proc = subprocess.run(
                [binary, str(image), "stdout", "-l", languages, "--psm", "3"],
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
