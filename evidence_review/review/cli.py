"""Options and helpers shared by the ``review``, ``decisions``, ``score`` and ``report``
commands (kept here so each command module stays a thin function)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

#: Exit status when a score or report is asked for before everything needed is confirmed.
EXIT_UNCONFIRMED = 3
#: Exit status after Ctrl-C in the interactive review (decisions so far are kept).
EXIT_INTERRUPTED = 130


def db_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db", "db", metavar="PATH|URL", default=None,
        help="Store: an SQLite file path or an SQLAlchemy URL "
             "(default: EVIDENCE_REVIEW_DATABASE_URL, sqlite:///evidence-review.db).")(f)


def rubric_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--rubric", "rubric_path", type=click.Path(path_type=Path),
                        default=None,
                        help="Rubric TOML file (default: the bundled FY 2550 one).")(f)


def open_store(db: str | None) -> Any:
    from evidence_review.store.db import Store, StoreError

    try:
        return Store.open(db)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from None


def load_rubric_or_fail(path: str | Path | None) -> Any:
    """The rubric, or a usage error (exit 2) naming the file and the bad key."""
    from evidence_review.rubric.model import RubricError, load_rubric

    try:
        return load_rubric(path)
    except RubricError as exc:
        raise click.UsageError(str(exc)) from None


def locate_or_fail(store: Any, submission: str) -> Any:
    from evidence_review.review.decisions_file import ReviewError
    from evidence_review.review.service import locate

    try:
        return locate(store, submission)
    except ReviewError as exc:
        raise click.ClickException(str(exc)) from None


def require_screened(store: Any, target: Any, submission: str) -> None:
    """Score/report/decisions read the store only: a folder never screened is an error."""
    if store.submission(target.id) is None:
        raise click.ClickException(
            f"{submission}: not in the store yet; run `evidence-review review {submission}` "
            "first")


def refuse_unconfirmed(state: Any, what: str, as_json: bool = False) -> None:
    """Exit 3 listing exactly what is unconfirmed."""
    import json

    if as_json:
        click.echo(json.dumps({"submission": state.submission, "status": "incomplete",
                               "missing": state.missing}, ensure_ascii=False, indent=2))
    click.echo(f"cannot {what} {state.submission}: {len(state.missing)} items not confirmed:",
               err=True)
    for item in state.missing:
        click.echo(f"  - {item}", err=True)
    click.echo(f"confirm them with `evidence-review review {state.submission}`", err=True)
    raise SystemExit(EXIT_UNCONFIRMED)
