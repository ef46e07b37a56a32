"""Helpers the tests share (imported as ``from support import ...``; fixtures live in
conftest.py). Tests that need an external tool use :func:`need_tool`: it skips when the tool is
missing, except in CI (``EVIDENCE_REVIEW_REQUIRE_TOOLS=1``), where a missing tool is a failure,
so a green CI means every tier really ran.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

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
