"""Helpers the store's hostile tests share: the CLI in-process, an agency screened by the
stand-in, the trail of a store, and the invariants every trail keeps."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner
from support import ROOT
from test_decisions import RUBRIC, WORK, write

from evidence_review.cli import main
from evidence_review.store import chain
from evidence_review.store.db import Store

HERE = Path(__file__).parent
ITEMS = ["1.1", "1.2", "2.1", "2.2", "2.3"]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def one_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "Traceback" not in text
    return lines[0]


def env() -> dict[str, str]:
    paths = [str(ROOT / "tests"), str(HERE), os.environ.get("PYTHONPATH", "")]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}


def screen_agency(db: str, tmp_path: Path) -> tuple[str, Path]:
    """The store ``db`` with agency-01 screened (stand-in work function), no decisions yet."""
    folder = tmp_path / "agency-01"
    folder.mkdir()
    for name in ("review", "plan", "progress", "order"):
        (folder / f"{name}.txt").write_text(f"{name} เอกสาร", encoding="utf-8")
    r = run("screen", str(folder), "--db", db, "--rubric", RUBRIC, "--quiet", *WORK)
    assert r.exit_code == 0, r.output
    return db, tmp_path


def trail_rows(db: str, submission: str = "agency-01") -> list[dict]:
    with Store.open(db, create=False) as s:
        return [r.model_dump() for r in s.trail(submission)]


def assert_consistent(rows: list[dict]) -> None:
    """Per item, each row's before is the previous row's after, and no row repeats the value
    it replaces (no no-op rows); the chain holds."""
    last: dict[tuple, object] = {}
    for row in rows:
        key = (row["document_id"], row["item"], row["document_sha256"])
        if key in last:
            assert row["before"] == last[key], row
            assert row["after"] != last[key], f"no-op row {row}"
        last[key] = row["after"]
    assert chain.verify(rows) is None


def apply(db: str, tmp_path: Path, data: dict, name: str = "d.yaml"):
    return run("review", "agency-01", "--decisions", str(write(tmp_path, name, data)), "--db", db,
               "--rubric", RUBRIC)
