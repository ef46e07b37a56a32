"""README stays true: its command list matches the CLI, its settings table matches Settings,
``--help`` stays light, and every README command, README Python example and ``--help`` example
that can run in CI runs as printed (in a scratch folder holding ``fixtures``). A block README
marks ``<!-- test_docs: not run (reason) -->`` is left out, with its reason; so are the help
examples of ``serve`` (a server), ``users`` (a password prompt), ``assign`` and ``adjudicate``
(a double review: tests/test_team.py)."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import ROOT, need_tool

from evidence_review.cli.main import COMMANDS, main
from evidence_review.settings import Settings

README = (ROOT / "README.md").read_text(encoding="utf-8")
#: Commands whose --help examples cannot run in CI, and why.
HELP_NOT_RUN = {"serve": "a server that runs until stopped",
                "users": "`users add` asks for a password",
                "assign": "it turns the session's submission into a double review "
                          "(tests/test_team.py runs that flow)",
                "adjudicate": "it needs a double review with differences and a decisions file "
                              "(tests/test_team.py runs that flow)"}
SKIP = re.compile(r"<!-- test_docs: not run \((?P<why>[^)]+)\) -->\s*$")
EXIT = re.compile(r"#\s*exit (\d+)")


def blocks(lang: str) -> list[tuple[str, str | None]]:
    """README's fenced blocks of ``lang``: (text, why it is not run or None)."""
    out = []
    parts = README.split("```")
    for i in range(1, len(parts), 2):
        head, _, body = parts[i].partition("\n")
        if head.strip() != lang:
            continue
        before = parts[i - 1].rstrip().splitlines()[-1] if parts[i - 1].strip() else ""
        m = SKIP.search(before)
        out.append((body, m.group("why") if m else None))
    return out


def readme_commands() -> list[tuple[str, int]]:
    """Every ``$ evidence-review ...`` line of README's console blocks that can run, with the
    exit status README says it ends with."""
    cmds = []
    for body, why in blocks("console"):
        if why:
            continue
        for line in body.splitlines():
            if line.startswith("$ "):
                m = EXIT.search(line)
                cmds.append((line[2:].split("  #")[0].strip(), int(m.group(1)) if m else 0))
    return cmds


def help_examples() -> list[str]:
    out = []
    for name in COMMANDS:
        if name in HELP_NOT_RUN:
            continue
        text = CliRunner().invoke(main, [name, "--help"]).output
        out.extend(line.strip() for line in text.splitlines()
                   if line.strip().startswith("evidence-review "))
    return out


def shell(command: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess:
    tool = f"{shlex.quote(sys.executable)} -m evidence_review"
    line = re.sub(r"(^|[|;&]\s*)evidence-review\b", lambda m: m.group(1) + tool, command)
    return subprocess.run(line, shell=True, cwd=cwd, input=stdin, capture_output=True,
                          text=True, timeout=900)


def scratch(tmp: Path) -> Path:
    """A folder to run README in: ``fixtures`` (read-only use) and its own store."""
    (tmp / "fixtures").symlink_to(ROOT / "fixtures")
    return tmp


def test_readme_starts_with_setup_and_test_commands() -> None:
    first_block = README.split("```")[1]
    assert "evidence-review screen fixtures/submissions" in first_block
    assert "pytest" in first_block


def test_every_command_is_documented_in_readme() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output
        assert re.search(rf"evidence-review {name}\b", README), f"README lacks `{name}`"


def test_every_setting_is_in_readme_table() -> None:
    for name in Settings.model_fields:
        var = f"EVIDENCE_REVIEW_{name.upper()}"
        assert var in README, f"README's configuration table lacks {var}"


def test_every_block_left_out_says_why_and_the_session_is_long_enough() -> None:
    skipped = [why for lang in ("bash", "console") for _, why in blocks(lang) if why]
    assert len(skipped) == 5 and all(len(why) > 20 for why in skipped)
    assert [c for c, _ in readme_commands()][:3] == [
        "evidence-review screen fixtures/submissions --out out --json out/screen.json",
        "evidence-review score s01-fisheries",
        "evidence-review review s01-fisheries --decisions fixtures/decisions/s01-fisheries.yaml"]
    assert dict(readme_commands())["evidence-review score s01-fisheries"] in (0, 3)


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from evidence_review.cli import main\n"
        "r = CliRunner().invoke(main, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "import evidence_review\n"
        "heavy = [m for m in ('pythainlp', 'pdfplumber', 'pypdfium2', 'docx', 'openpyxl',"
        " 'sqlalchemy', 'weasyprint', 'dask') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"--help imported {out.stdout.strip()}"


def test_readme_python_examples_run(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(scratch(tmp_path))
    api, stage = (body for body, why in blocks("python") if not why)
    exec(compile(api, "README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("success ")
    assert out[2:] == ["25 items to confirm", "3.8000"]
    exec(compile(stage, "README.md", "exec"), {})
    assert capsys.readouterr().out.startswith("review True ")


@pytest.mark.slow
@pytest.mark.pdfreport
def test_readme_session_and_every_help_example_run(tmp_path: Path, monkeypatch) -> None:
    """README's session in order (screen all samples, score refused, review from the sample
    decisions file, score, PDF report, the trail, interactive review with Enter), then every
    --help example in the same folder."""
    need_tool("soffice", "libreoffice-writer-nogui")
    need_tool("tesseract", "tesseract-ocr tesseract-ocr-tha")
    pytest.importorskip("weasyprint")
    cwd = scratch(tmp_path)
    monkeypatch.delenv("EVIDENCE_REVIEW_DATABASE_URL")  # README's default store, in cwd
    for command, status in readme_commands():
        r = shell(command, cwd, stdin="\n" * 5)
        assert r.returncode == status, f"{command}\n{r.stderr[-2000:]}"
    assert (cwd / "s01.pdf").read_bytes().startswith(b"%PDF")
    for command in help_examples():
        r = shell(command, cwd, stdin="\n" * 5)
        assert r.returncode == 0, f"{command}\n{r.stderr[-2000:]}"
