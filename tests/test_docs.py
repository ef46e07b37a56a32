"""README stays true: its command list matches the CLI, its settings table matches Settings,
``--help`` stays light, and every README command, README Python example and ``--help`` example
that can run in CI runs as printed (in a scratch folder holding ``fixtures``). A block README
marks ``<!-- test_docs: not run (reason) -->`` is left out, with its reason; so are the help
examples of ``serve`` (a server), ``users`` (a password prompt), ``assign`` and ``adjudicate``
(a double review: tests/test_team.py)."""

from __future__ import annotations

import itertools
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
#: --help examples that cannot run in CI (by how they start), and why.
HELP_NOT_RUN = {"evidence-review serve": "a server that runs until stopped",
                "evidence-review users": "`users add` asks for a password",
                "evidence-review assign": "it turns the session's submission into a double review "
                                          "(tests/test_team.py runs that flow)",
                "evidence-review adjudicate": "it needs a double review with differences and a "
                                              "decisions file (tests/test_team.py runs that flow)",
                "evidence-review db upgrade --db postgresql": "a PostgreSQL server "
                                                              "(tests/test_store_revisions.py)"}
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


#: What varies from run to run in printed output: times, rates, timestamps.
VARIES = [(re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+\-]\d\d:\d\d"), "TIME"),
          (re.compile(r"in [\d.]+ s \([\d,]+ pages/s\)"), "in S"),
          (re.compile(r"manifest sha256: [0-9a-f]{64}"), "manifest sha256: HEX")]


def normal(line: str) -> str:
    """A printed line compared loosely: runs of spaces or tabs as one, varying parts named."""
    for pattern, name in VARIES:
        line = pattern.sub(name, line)
    return " ".join(line.split())


def readme_printed() -> dict[int, list[str]]:
    """What README shows each console command printing, by the command's index in
    :func:`readme_commands`: the lines after it up to the next command, without "..." (left
    out) and without screen's table (drawn for a terminal; a pipe gets tab-separated rows,
    its rows are the indented lines)."""
    printed: dict[int, list[str]] = {}
    index = -1
    for body, why in blocks("console"):
        if why:
            continue
        command = ""
        for line in body.splitlines():
            if line.startswith("$ "):
                index += 1
                command = line
                printed[index] = []
            elif line.strip() and line.strip() != "..." and not (
                    " screen " in command and line.startswith(" ")):
                printed[index].append(normal(line))
    return printed


def help_texts() -> dict[str, str]:
    """``--help`` of every command and of every subcommand of a group (``rubric suggest``,
    ``pack create``...), by the words that run it."""
    import click

    texts = {}
    for name in COMMANDS:
        texts[name] = CliRunner().invoke(main, [name, "--help"]).output
        command = main.get_command(click.Context(main), name)
        if isinstance(command, click.Group):
            for sub in command.commands:
                texts[f"{name} {sub}"] = CliRunner().invoke(main, [name, sub, "--help"]).output
    return texts


def help_examples() -> list[str]:
    """Every example line of every --help that can run in CI, each once."""
    out: list[str] = []
    for text in help_texts().values():
        for line in text.splitlines():
            line = line.strip()
            if (line.startswith("evidence-review ") and line not in out
                    and not any(line.startswith(p) for p in HELP_NOT_RUN)):
                out.append(line)
    # `db upgrade --db review.db` makes the store that `rubric suggest --db review.db` reads
    return sorted(out, key=lambda line: not line.startswith("evidence-review db upgrade"))


def shell(command: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess:
    tool = f"{shlex.quote(sys.executable)} -m evidence_review"
    line = re.sub(r"(^|[|;&(]\s*)evidence-review\b", lambda m: m.group(1) + tool, command)
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
    assert len(skipped) == 6 and all(len(why) > 20 for why in skipped)
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
    printed = readme_printed()
    suggested = ""
    for i, (command, status) in enumerate(readme_commands()):
        r = shell(command, cwd, stdin="\n" * 5)
        assert r.returncode == status, f"{command}\n{r.stderr[-2000:]}"
        got = {normal(line) for line in (r.stdout + r.stderr).splitlines()}
        missing = [line for line in printed[i] if line not in got]
        assert not missing, f"{command}: README shows lines it does not print:\n" + "\n".join(
            missing) + "\n--- it printed:\n" + r.stdout[-3000:] + r.stderr[-2000:]
        if command.startswith("evidence-review rubric suggest"):
            suggested = r.stdout + r.stderr
    (text_block, _), = blocks("text")  # what `rubric suggest` prints, "..." left out
    shown = [normal(line) for line in text_block.splitlines() if line.strip() not in ("", "...")]
    lines = iter(normal(line) for line in suggested.splitlines())
    assert all(line in lines for line in shown), suggested  # in README's order
    assert (cwd / "s01.pdf").read_bytes().startswith(b"%PDF")
    for command in help_examples():
        r = shell(command, cwd, stdin="\n" * 5)
        assert r.returncode == 0, f"{command}\n{r.stderr[-2000:]}"


def test_every_shell_block_is_run_or_says_why_not() -> None:
    """A bash or console block is either run by this file (the console session, the web API
    calls below) or marked not run with its reason; a reason naming a test file names one that
    exists."""
    run_here = {"console", "web api"}
    for lang in ("bash", "console", "sh", "shell"):
        for body, why in blocks(lang):
            kind = "web api" if "curl " in body else lang
            assert why or kind in run_here, f"README {lang} block neither run nor marked:\n{body}"
    for lang in ("bash", "console", "python"):
        for _, why in blocks(lang):
            for named in re.findall(r"tests/[\w/]+\.py", why or ""):
                assert (ROOT / named).is_file(), f"README names {named}, which does not exist"


def test_readme_web_api_calls_run(tmp_path: Path, monkeypatch) -> None:
    """README's ``curl`` calls, replayed against the app in this process with the token that
    README's ``users token`` line prints (on a store holding the sample agency)."""
    from starlette.testclient import TestClient

    from evidence_review.store.db import database_url
    from evidence_review.web.app import create_app

    cwd = scratch(tmp_path)
    (body,) = [b for b, why in blocks("bash") if "curl " in b and not why]
    setup = ["evidence-review screen fixtures/submissions/s01-fisheries --db review.db --quiet",
             "evidence-review users add somchai --role reviewer --password-stdin --db review.db"]
    for command in setup:
        r = shell(command, cwd, stdin="รหัสผ่าน-ยาวพอ-1\n")
        assert r.returncode == 0, r.stderr
    script = body.replace("\\\n", " ")
    token_line = next(line for line in script.splitlines() if line.startswith("TOKEN="))
    r = shell(f"{token_line}; echo $TOKEN", cwd)
    token = r.stdout.strip()
    assert r.returncode == 0 and token, r.stderr
    with TestClient(create_app(database_url(str(cwd / "review.db")))) as client:
        calls = [shlex.split(line) for line in script.splitlines() if line.startswith("curl ")]
        assert len(calls) == 2
        for call in calls:
            headers, data, url = {}, None, call[-1]
            for flag, value in itertools.pairwise(call):
                if flag == "-H":
                    name, _, text = value.partition(": ")
                    headers[name] = text.replace("$TOKEN", token)
                elif flag == "-d":
                    data = value
            path = url.removeprefix("http://127.0.0.1:8000")
            response = (client.post(path, content=data, headers=headers) if data
                        else client.get(path, headers=headers))
            assert response.status_code == 200, (path, response.text)
            assert response.json()


def test_every_option_in_the_commands_table_exists() -> None:
    """README's Commands table names options the commands really take."""
    texts = help_texts()
    table = README.split("## Commands", 1)[1].split("\n\n", 2)[1]
    for row in table.splitlines()[2:]:
        synopsis = row.split(" | ")[0]
        for usage in re.findall(r"`(?:evidence-review )?([a-z]+(?: [a-z]+)?)([^`]*)`", synopsis):
            words, rest = usage
            name = words if words in texts else words.split()[0]
            assert name in texts, f"README's table names `{words}`"
            for option in re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", rest):
                assert re.search(rf"(?<![\w-]){re.escape(option)}\b", texts[name]), (
                    f"`{name}` has no {option} (README's Commands table)")
