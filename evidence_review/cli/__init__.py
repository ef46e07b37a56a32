"""The command-line edge: click commands that read settings and call the library."""

from evidence_review.cli.main import main

__all__ = ["main"]
