"""The layers contract (pyproject, ARCHITECTURE.md) sees every part of the package.

An optional layer "(web)" naming a folder without ``__init__.py`` passed silently: import-linter
saw no module, so the contract enforced nothing about it (cli imported web unchecked).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import evidence_review

PACKAGE = Path(evidence_review.__file__).parent
ROOT = PACKAGE.parent
UNLAYERED = {"settings", "__main__", "__init__"}  # read by the edges only (its own contract)


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layered = [c for c in contracts if c["type"] == "layers"]
    assert len(layered) == 1
    return list(layered[0]["layers"])


def test_every_code_folder_is_a_package() -> None:
    folders = {p.parent for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}
    missing = sorted(str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").exists())
    assert missing == []


def test_no_layer_is_optional() -> None:
    assert [layer for layer in _layers() if "(" in layer] == []


def test_every_top_level_module_has_a_layer() -> None:
    named = {part.strip() for layer in _layers() for part in layer.replace("|", ":").split(":")}
    top = {p.stem for p in PACKAGE.glob("*.py")} | {
        p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert sorted(top - UNLAYERED - named) == []
    assert sorted(named - top) == []
