"""The house: options passed down from the edge, explicit joints between stages."""

from __future__ import annotations

import contextlib
import os
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


def test_every_doctest_of_the_package_is_collected(request: pytest.FixtureRequest) -> None:
    """Every module of the package with ``>>>`` examples lies under a test path, with
    ``--doctest-modules`` on and no ``--ignore`` over it (pipeline/'s examples once never ran)."""
    import doctest
    import importlib

    import evidence_review

    config = request.config
    root = Path(config.rootpath)
    package = Path(evidence_review.__file__).parent
    assert config.getoption("doctestmodules"), "--doctest-modules is off"
    testpaths = [root / p for p in config.getini("testpaths")]
    ignored = [Path(p).resolve() for p in (config.getoption("ignore") or [])]
    finder = doctest.DocTestFinder()
    with_examples = []
    for path in sorted(package.rglob("*.py")):
        if ">>>" not in path.read_text(encoding="utf-8"):
            continue
        name = ".".join(path.relative_to(package.parent).with_suffix("").parts)
        module = importlib.import_module(name.removesuffix(".__init__"))
        if not any(t.examples for t in finder.find(module)):
            continue
        with_examples.append(path)
        assert any(path.is_relative_to(t) for t in testpaths), f"{path} is not under testpaths"
        assert not any(path.is_relative_to(i) for i in ignored), f"{path} is --ignore'd"
    assert any("pipeline" in p.parts for p in with_examples)


def test_the_one_dictionary_holds_what_the_classifier_adds_for_the_bundled_rubric() -> None:
    """thaitext's vocabulary.txt is the bundled rubric's dictionary words, so the classifier
    tokenizes with the process's one nlpo3 dictionary instead of loading a second one."""
    from evidence_review.classifiers.matcher import compiled
    from evidence_review.rubric.model import load_rubric
    from evidence_review.thaitext import words

    wanted = compiled(load_rubric()).dictionary
    assert words.vocabulary() == wanted, (
        "evidence_review/thaitext/vocabulary.txt is out of date: run "
        "`python tests/test_house.py --write-vocabulary`")
    assert words.load_dictionary(wanted) == words.load_dictionary()



def test_screening_a_document_loads_one_thai_dictionary() -> None:
    """Repair and quality (extraction) and word boundaries (classification) share one nlpo3
    dictionary: a process that screened a Thai document holds exactly one (~55 MB each)."""
    import subprocess
    import sys

    from support import FIXTURES

    code = (
        "from pathlib import Path\n"
        "from evidence_review.pipeline.document import screen_document\n"
        "from evidence_review.rubric.model import load_rubric\n"
        "from evidence_review.thaitext import words\n"
        f"p = Path({str(FIXTURES / 'formats' / 'sample.docx')!r})\n"
        "d = screen_document(p, load_rubric(), p.name, 'x')\n"
        "assert d.status == 'success', d.error\n"
        "print(words._load.cache_info().currsize)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=300, check=True).stdout
    assert out.strip() == "1"



def test_an_ocr_slot_held_by_a_killed_worker_is_free_again() -> None:
    """A worker killed over its time limit while running Tesseract must not keep its OCR slot
    (with a semaphore it did, and every later OCR page of the batch timed out waiting)."""
    import multiprocessing as mp
    import signal
    import time

    from evidence_review.pipeline.slots import OcrSlots

    slots = OcrSlots(1)
    try:
        holder = mp.get_context("fork").Process(target=_hold_forever, args=(slots,))
        holder.start()
        deadline = time.monotonic() + 30
        while slots.free() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert slots.free() == 0, "the holder never took the slot"
        os.kill(holder.pid, signal.SIGKILL)
        holder.join(10)
        assert slots.free() == 1
        with slots.hold():  # and it can be taken again
            assert slots.free() == 0
    finally:
        slots.remove()


def _hold_forever(slots: object) -> None:
    import time

    with slots.hold():  # type: ignore[attr-defined]
        time.sleep(3600)



def test_workers_forked_with_the_shared_dictionary_screen_thai(tmp_path: Path) -> None:
    """With three workers the fork server loads the Thai dictionary before forking them; the
    workers tokenize with the inherited copy (a fresh process each: the fork server of this
    test process may already be running)."""
    import json
    import sys

    from support import FIXTURES

    folder = tmp_path / "กรมตัวอย่าง"
    folder.mkdir()
    for name in ("sample.docx", "sample.xlsx", "sample-tis620.txt"):
        (folder / name).write_bytes((FIXTURES / "formats" / name).read_bytes())
    out = tmp_path / "out.jsonl"
    run = subprocess.run(
        [sys.executable, "-m", "evidence_review.pipeline", str(folder), "-j", "3", "-q",
         "--db", f"sqlite:///{tmp_path / 'b.db'}", "--jsonl", str(out)],
        capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    statuses = [json.loads(line)["status"] for line in out.read_text().splitlines()]
    assert statuses == ["success"] * 3


if __name__ == "__main__":
    import sys

    if "--write-vocabulary" in sys.argv:
        from evidence_review.classifiers.matcher import compiled
        from evidence_review.rubric.model import load_rubric
        from evidence_review.thaitext.words import VOCABULARY_FILE

        VOCABULARY_FILE.write_text(
            "\n".join(sorted(compiled(load_rubric()).dictionary)) + "\n", encoding="utf-8")
        print(f"wrote {VOCABULARY_FILE}")
