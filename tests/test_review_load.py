"""Concurrent reviewers through the JSON API on a real server (uvicorn on a free port):
8 on SQLite, 20 on PostgreSQL, four of them sharing one submission where stale saves (409)
are retried. Every accepted save is recorded exactly once, no 500, no lost update, and each
submission's hash chain holds. Small counts here; benchmarks/review_load.py runs 2,000."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from support import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import review_load


def _assert_clean(result: dict, expected: int) -> None:
    assert result["errors"] == []
    assert result["lost"] == []
    assert result["decisions"] == expected


def test_eight_reviewers_on_sqlite(tmp_path: Path) -> None:
    result = review_load.run(f"sqlite:///{tmp_path / 'load.db'}", 8, 64)
    _assert_clean(result, 64)


@pytest.mark.postgres
def test_twenty_reviewers_on_postgresql(postgres_url: str) -> None:
    result = review_load.run(postgres_url, 20, 100)
    _assert_clean(result, 100)
