"""Options and helpers the commands share (so each command module stays a thin function):
the store and rubric options, opening the store (read-only commands never create one),
naming a submission by id or folder, settings errors as one line, and the exit-3 refusal."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from evidence_review.messages import MessageKey, message

#: Exit status when a score or report is asked for before everything needed is confirmed.
EXIT_UNCONFIRMED = 3
#: Exit status after Ctrl-C (what was done so far is kept).
EXIT_INTERRUPTED = 130


class UsageFailure(click.ClickException):
    """A usage error (a bad rubric, a path with no files, a store that cannot be opened): one
    line naming the file and the reason, exit status 2, without click's usage banner."""

    exit_code = 2


class SettingsError(UsageFailure):
    """A bad ``EVIDENCE_REVIEW_*`` variable: one line naming it, exit status 2."""


def db_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--db", "db", metavar="PATH|URL", default=None,
        help="Store: an SQLite file path or an SQLAlchemy URL "
             "(default: EVIDENCE_REVIEW_DATABASE_URL, sqlite:///evidence-review.db).")(f)


def rubric_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--rubric", "rubric_path", type=click.Path(path_type=Path),
                        default=None,
                        help="Rubric TOML file (default: the bundled FY 2550 one).")(f)


def store_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--db`` and ``--rubric``: what every command reading a submission's review takes."""
    return db_option(rubric_option(f))


@contextmanager
def submission_store(db: str | None, submission: str) -> Iterator[tuple[Any, str]]:
    """The store at ``--db`` (existing only) and the id of the submission ``submission``
    names (:func:`submission_id`: exit 4 if its trail was tampered with); closed after."""
    store = open_store(db)
    try:
        yield store, submission_id(store, submission)
    finally:
        store.close()


def work_option(f: Callable[..., Any]) -> Callable[..., Any]:
    """The per-file work function (hidden: tests and benchmarks run a stand-in through the
    same runner, limits and store)."""
    return click.option("--work", "work", default=None, hidden=True,
                        metavar="MODULE:NAME")(f)


def setting_error(exc: Exception) -> str:
    """One line naming the variable of a settings validation error.

    >>> from pydantic import ValidationError
    >>> from evidence_review.settings import Settings
    >>> try:
    ...     Settings(max_file_mb="abc")
    ... except ValidationError as exc:
    ...     print(setting_error(exc).split(" [")[1])
    bad setting EVIDENCE_REVIEW_MAX_FILE_MB: 'abc': Input should be a valid number, unable to parse string as a number]
    """  # noqa: E501
    errors = exc.errors() if hasattr(exc, "errors") else []
    if not errors:
        return str(exc).splitlines()[0]
    err = errors[0]
    name = "EVIDENCE_REVIEW_" + "_".join(str(x) for x in err["loc"]).upper()
    return message(MessageKey.SETTING_INVALID, variable=name,
                   detail=f"{err.get('input')!r}: {err['msg']}")


def settings_or_fail() -> Any:
    """The settings, or a one-line error naming the bad variable (exit 2)."""
    from pydantic import ValidationError

    from evidence_review.settings import get_settings

    try:
        return get_settings()
    except ValidationError as exc:
        raise SettingsError(setting_error(exc)) from None


def open_store(db: str | None, *, create: bool = False, guard: bool = True) -> Any:
    """The store at ``--db``. Read-only commands (the default) open an existing one only: a
    missing store is a one-line error, and nothing is created. What opening repaired (a
    dropped trigger re-created) is said on stderr; with ``guard``, a store whose append-only
    triggers are missing and cannot be re-created is refused (exit 4)."""
    from evidence_review.cli.edge import store_url
    from evidence_review.cli.main import store_failure
    from evidence_review.store.db import Store, StoreError, TamperedError

    settings_or_fail()
    try:
        store = Store.open(store_url(db), create=create)
    except StoreError as exc:
        raise store_failure(exc) from None
    for note in store.notes:
        click.echo(f"warning: {note}", err=True)
    if guard and store.write_refused:
        store.close()
        raise store_failure(TamperedError(store.write_refused))
    return store


def record_scored(store: Any, ident: str, score: object) -> None:
    """Record that ``ident``'s confirmed score was computed (its status becomes ``scored``,
    as when scored in the web workspace); a store that cannot be written only warns."""
    from sqlalchemy.exc import SQLAlchemyError

    from evidence_review.messages import MessageKey, message
    from evidence_review.store.engine import describe_db_error
    from evidence_review.store.scorings import record_scored as record

    try:
        record(store.engine, ident, score)
    except SQLAlchemyError as exc:
        click.echo(f"warning: {message(MessageKey.SCORED_NOT_RECORDED, submission=ident)}: "
                   f"{describe_db_error(exc)}", err=True)


def require_intact(store: Any, ident: str) -> None:
    """Exit 4 (one line) while the submission's trail is broken: nothing is read from it or
    added to it until `evidence-review audit verify` is clean."""
    from evidence_review.cli.main import store_failure
    from evidence_review.store.db import TamperedError

    try:
        store.require_intact(ident)
    except TamperedError as exc:
        store.close()
        raise store_failure(exc) from None


def load_rubric_or_fail(path: str | Path | None) -> Any:
    """The rubric, or a usage error (exit 2) naming the file and the bad key."""
    from evidence_review.rubric.model import RubricError, load_rubric

    try:
        return load_rubric(path)
    except RubricError as exc:
        raise UsageFailure(str(exc)) from None


def submission_id(store: Any, arg: str) -> str:
    """The submission ``arg`` names: an id in the store (as ``screen`` printed it), or an
    agency folder that was screened into this store. A submission whose decision trail was
    tampered with is refused (exit 4, :func:`require_intact`)."""
    if store.submission(arg) is not None:
        require_intact(store, arg)
        return arg
    path = Path(arg)
    if path.is_dir():
        row = store.submission_by_root(Path(os.path.abspath(path)))
        if row is not None:
            require_intact(store, str(row.id))
            return str(row.id)
        raise click.ClickException(f"{arg}: not screened into this store yet; run "
                                   f"`evidence-review screen {arg}` first")
    known = ", ".join(s.id for s in store.submissions()[:8]) or "none"
    raise click.ClickException(f"{arg}: no such folder, and no submission with this id in the "
                               f"store (submissions: {known})")


def changed_on_disk(store: Any, ident: str) -> list[str]:
    """Documents whose file on disk no longer has the content the store knows (edited since
    it was screened), one line each; files that are not reachable from here are not checked."""
    from evidence_review.intake.records import sha256_file

    out = []
    for d in store.documents(ident):
        path = Path(d.abs_path)
        try:
            if path.is_file() and d.sha256 and sha256_file(path) != d.sha256:
                out.append(f"{d.path}: {message(MessageKey.FILE_CHANGED)}")
        except OSError:
            continue
    return out


def refuse_unconfirmed(ident: str, missing: list[str], what: str,
                       as_json: bool = False) -> None:
    """Exit 3 listing exactly what is unconfirmed (or changed)."""
    import json

    if as_json:
        click.echo(json.dumps({"submission": ident, "status": "incomplete",
                               "missing": missing}, ensure_ascii=False, indent=2))
    from evidence_review.messages import MessageKey, message

    heads = {"score": MessageKey.CANNOT_SCORE_UNCONFIRMED,
             "pack": MessageKey.CANNOT_PACK_UNCONFIRMED}
    head = heads.get(what, MessageKey.CANNOT_REPORT_UNCONFIRMED)
    click.echo(message(head, submission=ident, count=len(missing)), err=True)
    for item in missing:
        click.echo(f"  - {item}", err=True)
    click.echo(message(MessageKey.CONFIRM_WITH_REVIEW, submission=ident), err=True)
    raise SystemExit(EXIT_UNCONFIRMED)
