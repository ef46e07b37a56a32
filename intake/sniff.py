"""Format detection from content. (Owned by the intake work; placeholder until it lands.)"""

from __future__ import annotations

from pathlib import Path

from intake.formats import FileFormat


def sniff_format(path: Path) -> FileFormat:
    raise NotImplementedError
