"""README stays true: its command list matches the CLI, its settings table matches Settings,
and ``--help`` stays light (no PDF/Thai NLP imports, which cost seconds)."""

from __future__ import annotations

import re
import subprocess
import sys

from click.testing import CliRunner
from support import ROOT

from evidence_review.cli.main import COMMANDS, main
from evidence_review.settings import Settings

README = (ROOT / "README.md").read_text(encoding="utf-8")


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


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from evidence_review.cli import main\n"
        "r = CliRunner().invoke(main, ['--help'])\n"
        "assert r.exit_code == 0, r.output\n"
        "heavy = [m for m in ('pythainlp', 'pdfplumber', 'pypdfium2', 'docx', 'openpyxl',"
        " 'sqlalchemy', 'weasyprint', 'dask') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"--help imported {out.stdout.strip()}"


def test_readme_python_example_runs(monkeypatch, capsys) -> None:
    block = README.split("```python", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert out.startswith("review True ")
