"""The store's Alembic revisions (``versions/``) and their environment (``env.py``).

Every released schema change is one revision, named by its schema number (``0001`` … ``0031``),
and each also records its number in the ``schema_version`` table the tool kept before Alembic:
a store made before Alembic runs every revision, each skipping what its number says is
already applied, and ends stamped at head with nothing lost.
"""

from __future__ import annotations

from pathlib import Path

#: The shipped alembic.ini (``alembic -c INI upgrade head``).
INI = Path(__file__).resolve().parent.parent / "alembic.ini"
