"""Helpers the tests share (imported as ``from support import ...``; fixtures live in
conftest.py). Tests that need an external tool use :func:`need_tool`: it skips when the tool is
missing, except in CI (``EVIDENCE_REVIEW_REQUIRE_TOOLS=1``), where a missing tool is a failure,
so a green CI means every tier really ran.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
#: ``../shared`` beside the repo; a git worktree under ``wt/`` finds it one level further up.
SHARED = next((p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()),
              ROOT.parent / "shared")
REALWORLD = SHARED / "realworld"


def need_tool(name: str, debian_package: str) -> str:
    path = shutil.which(name)
    if path:
        return path
    msg = f"{name} not installed (Debian package {debian_package})"
    if os.environ.get("EVIDENCE_REVIEW_REQUIRE_TOOLS") == "1":
        pytest.fail(msg)
    pytest.skip(msg)


def need_path(path: Path) -> Path:
    """A file outside the repo (``../shared``) that CI provides; skip when absent locally."""
    if path.exists():
        return path
    if os.environ.get("EVIDENCE_REVIEW_REQUIRE_TOOLS") == "1":
        pytest.fail(f"missing {path}")
    pytest.skip(f"missing {path}")


def labels_for(agency: str) -> list[dict]:
    import yaml

    data = yaml.safe_load((FIXTURES / "submissions" / "labels.yaml").read_text(encoding="utf-8"))
    return [d for d in data["documents"] if d["path"].startswith(agency + "/")]


def expected_score(agency: str) -> tuple[Decimal, Decimal]:
    """(indicator score, weighted score) from the labels, by RUBRIC.md's rules."""
    by_role = {d["role"]: d for d in labels_for(agency)}

    def count_level(n: int) -> Decimal:
        return Decimal(max(0, n - 5)) if n >= 6 else Decimal(0)

    def pct_level(x: Decimal) -> Decimal:
        if x >= 100:
            return Decimal(5)
        if x < 60:
            return Decimal(0)
        return 1 + (x - 60) / 10

    c1 = count_level(len(by_role["review"]["covered"]))
    c2 = count_level(len(by_role["plan"]["covered"]))
    if not by_role["plan"].get("improvement_vs_2549"):
        c2 = min(c2, Decimal(4))
    acts = by_role["progress"]["activities"]
    w = [Decimal(str(a["weight"])) for a in acts]
    p3 = sum(wi * Decimal(str(a["percent"])) for wi, a in zip(w, acts, strict=True)) / sum(w)
    p4 = sum(wi * (100 if a["achieved"] else 0) for wi, a in zip(w, acts, strict=True)) / sum(w)
    total = (1 * c1 + Decimal("0.5") * c2 + 1 * pct_level(p3) + Decimal("1.5") * pct_level(p4)) / 4
    return total, 4 * total / 100


def tamper(db: str | Path, *statements: str, drop: tuple[str, ...] = (),
           restore: bool = False) -> None:
    """Change an SQLite store behind the tool's back, as anyone holding the file could: drop
    the append-only triggers named in ``drop``, run ``statements``, and with ``restore`` put
    the triggers back exactly as the tool makes them (so only the hash chain can tell)."""
    import sqlite3

    from evidence_review.store.triggers import _SQLITE

    raw = sqlite3.connect(db)
    try:
        for name in drop:
            raw.execute(f"DROP TRIGGER {name}")
        for statement in statements:
            raw.execute(statement)
        for name in drop if restore else ():
            raw.execute(_SQLITE[name])
        raw.commit()
    finally:
        raw.close()


# -- the tool as a user runs it (tests/test_sweep*.py) -----------------------------------------
#: A reason as the user reads it: Thai first, English in brackets, on one line.
REASON = re.compile(r"[\u0e00-\u0e7f][^\n]*\[[^\n]+\]")


def run_cli(*args: str | Path, cwd: Path | None = None, timeout: float = 600,
            ocr: bool = False) -> subprocess.CompletedProcess[str]:
    """The tool as a user runs it: ``python -m evidence_review ARGS`` (OCR off unless asked:
    the sweeps are about damaged input, not scans)."""
    env = {**os.environ, "EVIDENCE_REVIEW_OCR": "1" if ocr else "0"}
    return subprocess.run([sys.executable, "-m", "evidence_review", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout,
                          stdin=subprocess.DEVNULL)


class Ran(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


def invoke(*args: str | Path) -> Ran:
    """The CLI's own entry in this process (click's runner: no interpreter start per call). An
    exception escaping the command is what the user would see as a traceback: it fails here."""
    from click.testing import CliRunner

    from evidence_review.cli.main import main

    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback for {args}") from result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


def shown(path: str) -> str:
    """A name as one-line messages print it (control characters escaped)."""
    return path.replace("\n", "\\n")


def assert_no_traceback(result: subprocess.CompletedProcess[str] | Ran) -> None:
    text = result.stdout + result.stderr
    assert "Traceback" not in text, text[-3000:]
