"""The house: options passed down from the edge, explicit joints between stages."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from evidence_review.extractors import ocr
from evidence_review.extractors.options import ExtractOptions
from evidence_review.settings import Settings, get_settings


def test_tesseract_runs_inside_the_gate(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    events: list[str] = []

    @contextlib.contextmanager
    def gate() -> Iterator[None]:
        events.append("enter")
        yield
        events.append("exit")

    def fake_run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[bytes]:
        events.append("tesseract")
        return subprocess.CompletedProcess(cmd, 0, "ข้อความ".encode(), b"")

    monkeypatch.setattr(ocr.shutil, "which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(ocr.subprocess, "run", fake_run)
    ocr.set_gate(gate)
    try:
        assert ocr.ocr_image(tmp_path / "p.png") == "ข้อความ"
    finally:
        ocr.set_gate(None)
    assert events == ["enter", "tesseract", "exit"]
    ocr.ocr_image(tmp_path / "p.png")  # no gate: runs as before
    assert events[-1] == "tesseract"


def test_batch_worker_gates_ocr_with_its_slots(monkeypatch: pytest.MonkeyPatch) -> None:
    from evidence_review.pipeline import worker

    monkeypatch.setattr(ocr, "_gate", contextlib.nullcontext)
    worker._share_ocr_slots()
    assert ocr._gate is worker.ocr_slot


def test_settings_become_options() -> None:
    s = Settings(max_file_mb=2, max_pages=9, ocr=False, ocr_dpi=150, soffice="lo",
                 convert_timeout_s=7, cache_dir=Path("/tmp/c"))
    o = s.extract_options()
    assert isinstance(o, ExtractOptions)
    assert (o.limits.max_bytes, o.limits.max_pages) == (2 * 2**20, 9)
    assert (o.pdf.ocr, o.pdf.ocr_dpi) == (False, 150)
    assert (o.office.soffice, o.office.convert_timeout_s, o.office.cache_dir) == (
        "lo", 7, Path("/tmp/c"))


def test_cli_passes_the_soffice_setting_down(monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    from support import FIXTURES

    from evidence_review.cli import main

    monkeypatch.setenv("EVIDENCE_REVIEW_SOFFICE", "no-such-soffice")
    monkeypatch.setenv("EVIDENCE_REVIEW_CACHE_DIR", str(tmp_path))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(main, ["extract", str(FIXTURES / "formats" / "sample.doc")])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 1
    assert "LibreOffice" in result.stderr and "Traceback" not in result.output
