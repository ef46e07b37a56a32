"""The joints of the flow: what `screen` leaves in the store is what `review`, `score`,
`report` and `decisions` read (by the id screen printed); read-only commands never create a
store; settings and usage mistakes are one line; same-name folders get distinct ids; the
terminal table fits 80 columns; the per-file time limit follows the page count; Ctrl-C keeps
what was screened. Files are screened by a stand-in work function through the real runner."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from support import FIXTURES, ROOT

from evidence_review.cli import main
from evidence_review.messages import MessageKey, message

WORK = ("--work", "review_standin:screen")
RUBRIC = str(ROOT / "tests" / "data" / "review" / "rubric.toml")


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def agency(root: Path, name: str = "agency-01") -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    for stem in ("review", "plan", "progress", "order"):
        (folder / f"{stem}.txt").write_text(f"{name} {stem}", encoding="utf-8")
    return folder


def test_screen_registers_and_score_by_id_lists_everything(tmp_path: Path) -> None:
    agency(tmp_path / "subs")
    db = str(tmp_path / "r.db")
    r = run("screen", str(tmp_path / "subs"), "--db", db, "--rubric", RUBRIC, *WORK)
    assert r.exit_code == 0, r.output
    assert message(MessageKey.NEXT_STEPS_DB, ident="agency-01", db=db) in r.stderr
    r = run("score", "agency-01", "--db", db, "--rubric", RUBRIC)
    assert r.exit_code == 3
    lines = r.stderr.splitlines()
    assert lines[0] == ("คิดคะแนน agency-01 ไม่ได้: ยังไม่ได้ยืนยัน 26 รายการ: "
                        "[cannot score agency-01: 26 items not confirmed:]")
    assert lines[1:4] == ["  - order.txt: role (proposed other)",
                          "  - plan.txt: role (proposed plan)", "  - plan.txt: sub-issue 1.1"]
    assert lines[-2:] == ["  - progress figures (2 activities proposed from progress.txt)",
                          "ยืนยันได้ด้วย `evidence-review review agency-01` "
                          "[confirm them with `evidence-review review agency-01`]"]
    assert run("decisions", "agency-01", "--db", db).stdout == "no decisions yet for agency-01\n"
    r = run("review", "agency-01", "--db", db, "--rubric", RUBRIC, "--decisions",
            str(_yaml(tmp_path, {"reviewer": "a", "documents": {"order.txt": {"role": "other"}}})))
    assert r.exit_code == 0, r.output
    assert "recorded 1 decisions (0 unchanged) for agency-01 by a" in r.stdout


def _yaml(tmp: Path, data: dict) -> Path:
    import yaml

    path = tmp / "d.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [("score", "x"), ("report", "x"), ("decisions", "x"),
                                     ("report", "--all")])
def test_read_only_commands_never_create_a_store(tmp_path: Path, command: tuple) -> None:
    db = tmp_path / "typo" / "reveiw.db"
    r = run(*command, "--db", str(db))
    assert r.exit_code == 1
    assert r.stderr == f"Error: {db}: {message(MessageKey.NO_STORE)}\n"
    assert not db.parent.exists()


@pytest.mark.parametrize("command", [("screen", "."), ("score", "x"), ("extract", "x.pdf")])
def test_a_bad_setting_is_one_line_naming_the_variable(command: tuple, monkeypatch) -> None:
    from evidence_review.settings import get_settings

    monkeypatch.setenv("EVIDENCE_REVIEW_MAX_FILE_MB", "abc")
    get_settings.cache_clear()
    r = run(*command)
    assert r.exit_code == 2
    assert len(r.stderr.splitlines()) == 1, r.stderr
    assert "EVIDENCE_REVIEW_MAX_FILE_MB" in r.stderr and "Traceback" not in r.output


def test_an_empty_folder_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    r = run("screen", str(tmp_path / "empty"), "--db", str(tmp_path / "r.db"))
    assert r.exit_code == 2
    assert message(MessageKey.NO_FILES) in r.stderr


def test_same_name_folders_under_different_roots_get_distinct_ids(tmp_path: Path) -> None:
    db = str(tmp_path / "r.db")
    first, second = agency(tmp_path / "a"), agency(tmp_path / "b")
    assert run("screen", str(first), "--db", db, "--quiet", *WORK).exit_code == 0
    r = run("screen", str(second), "--db", db, *WORK, "--json", "-")
    assert r.exit_code == 0, r.output
    assert message(MessageKey.SAME_NAME, name="agency-01", other=str(first),
                   ident="agency-01-2") in r.stderr
    import json

    assert [s["id"] for s in json.loads(r.stdout)["submissions"]] == ["agency-01-2"]
    # each folder keeps its id on every later run, and `review FOLDER` finds it
    r = run("review", str(second), "--db", db, *WORK, "--decisions",
            str(_yaml(tmp_path, {"reviewer": "a", "documents": {"order.txt": {"role": "other"}}})))
    assert "for agency-01-2 by a" in r.stdout
    r = run("score", str(first), "--db", db)
    assert r.stderr.startswith("คิดคะแนน agency-01 ไม่ได้:")


def test_terminal_table_fits_80_columns_and_shows_every_name_whole(tmp_path: Path) -> None:
    from review_standin import screen
    from rich.cells import cell_len
    from rich.console import Console

    from evidence_review.cli.commands.screen import terminal_table
    from evidence_review.rubric import load_rubric

    rubric = load_rubric()
    long = "แผนปฏิบัติการพัฒนาระบบฐานข้อมูลสารสนเทศ ประจำปีงบประมาณ 2550 ฉบับปรับปรุงครั้งที่ 2.pdf"
    docs = []
    for name in (long, "review.docx", "progress.xlsx"):
        (tmp_path / name).write_text("x", encoding="utf-8")
        docs.append(screen(tmp_path / name, rubric, f"agency/{name}", "agency"))
    console = Console(width=80, record=True, file=io.StringIO(), color_system=None)
    terminal_table("agency", docs, rubric, console=console)
    text = console.export_text()
    assert max(cell_len(line) for line in text.splitlines()) <= 80
    import re

    flat = "".join(re.sub(r"[✓✗](1\.0|\.\d\d)", "", text).split())  # the names, unwrapped
    for d in docs:
        assert "".join(d.path.split()) in flat, d.path
    header = next(line for line in text.splitlines() if "1.1" in line)
    assert header.split()[-10:] == rubric.subissue_ids


def test_time_limit_grows_with_pages_and_the_message_names_the_option(tmp_path: Path) -> None:
    from evidence_review.pipeline import run_batch
    from evidence_review.pipeline.pages import estimate_pages, time_limit

    pdf = FIXTURES / "submissions" / "s02-nakhonsawan"
    pdfs = sorted(pdf.glob("*.pdf"))
    assert pdfs and all(estimate_pages(p) >= 1 for p in pdfs)
    assert time_limit(84, 60, 5) == 480 and time_limit(84, 30, 0) == 30
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "hang.txt").write_bytes(b"HANG")
    results = []
    run_batch([folder], None, jobs=1, timeout_s=1, timeout_per_page_s=1,
              database_url=f"sqlite:///{tmp_path / 'r.db'}", quiet=True, sink=results.append,
              work="evidence_review.pipeline.standin:misbehave")
    assert results[0].error == message(MessageKey.TIMED_OUT, seconds=2)
    assert "--timeout" in results[0].error


def test_ctrl_c_exits_130_and_keeps_what_was_screened(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    for i in range(8):
        (folder / f"f{i}.txt").write_text(f"เอกสาร {i}", encoding="utf-8")
    db = tmp_path / "r.db"
    env = {**os.environ, "EVIDENCE_REVIEW_STANDIN_DELAY_S": "1.5"}  # 8 files: 12 s at least
    proc = subprocess.Popen(
        [sys.executable, "-m", "evidence_review", "screen", str(folder), "--db", str(db),
         "--jobs", "1", "--quiet", "--work", "evidence_review.pipeline.standin:slow_screen"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        # a shell's background job inherits SIGINT ignored, and Python then never raises
        # KeyboardInterrupt: give the child the terminal's default, as a user's Ctrl-C has
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _documents(db) < 2:
        time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    kept = _documents(db)
    assert 2 <= kept < 8
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("หยุดกลางคัน")


def _documents(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not migrated yet
        return 0


def test_a_changed_file_is_listed_once_with_its_agency_folder(tmp_path: Path) -> None:
    folder = agency(tmp_path / "subs")
    db = str(tmp_path / "r.db")
    assert run("screen", str(tmp_path / "subs"), "--db", db, *WORK).exit_code == 0
    (folder / "review.txt").write_text("แก้ไขแล้ว", encoding="utf-8")
    r = run("screen", str(tmp_path / "subs"), "--db", db, *WORK)
    assert r.exit_code == 0
    lines = r.stderr.splitlines()
    at = next(i for i, line in enumerate(lines) if "changed since last screened" in line)
    assert lines[at + 1] == "  agency-01/review.txt"
