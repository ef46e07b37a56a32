"""Submissions: one agency's files. (Owned by the intake work; placeholder until it lands.)"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel


class Submission(BaseModel):
    id: str
    root: Path
    files: list[Path]


def discover(paths: list[Path]) -> list[Submission]:
    raise NotImplementedError
