"""``evidence-review review SUBMISSION``: confirm or override proposals."""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Any

import click

from evidence_review.cli.options import (
    EXIT_INTERRUPTED,
    db_option,
    load_rubric_or_fail,
    open_store,
    rubric_option,
    work_option,
)
from evidence_review.messages import MessageKey, message


def _reviewer_name(value: str | None) -> str | None:
    """``--reviewer`` (and the prompt's answer) cleaned at the boundary: control characters
    removed, over 100 characters refused with one line (evidence_review.userinput)."""
    from evidence_review.userinput import InputTooLong, clean_name

    if value is None:
        return None
    try:
        return clean_name(value) or None
    except InputTooLong as exc:
        raise click.BadParameter(str(exc)) from None


@click.command("review")
@click.argument("submission")
@click.option("--decisions", "decisions_path", type=click.Path(path_type=Path), default=None,
              help="Apply decisions from a JSON or YAML file instead of asking.")
@click.option("--reviewer", default=None, callback=lambda _c, _p, v: _reviewer_name(v),
              help="Reviewer name recorded with each decision (at most 100 characters).")
@click.option("--accept-above", type=click.FloatRange(0, 1), default=None, metavar="X",
              help="First accept every unconfirmed proposal with confidence ≥ X.")
@db_option
@rubric_option
@work_option
def command(submission: str, decisions_path: Path | None, reviewer: str | None,
            accept_above: float | None, db: str | None, rubric_path: Path | None,
            work: str | None) -> None:
    """Confirm or override the proposals for one agency's submission.

    SUBMISSION is the id `screen` printed, or an agency folder: a folder is screened first
    (through the same runner as `screen`, with its limits and cache: only new or changed
    files are read). Every decision is recorded with reviewer, time, value before and after
    and reason; overriding a proposal or changing a confirmed decision needs a reason. A
    decision counts only for the file content it was made on.

    \b
    Examples:
      evidence-review review s01-fisheries --reviewer somchai
      evidence-review review s01-fisheries --decisions fixtures/decisions/s01-fisheries.yaml
    """
    from evidence_review.review.decisions_file import ReviewError, load_decisions

    rubric = load_rubric_or_fail(rubric_path)
    try:
        data = load_decisions(decisions_path) if decisions_path is not None else None
    except ReviewError as exc:  # a bad file fails before any screening work
        raise click.ClickException(str(exc)) from None
    ident = _screen_folder(submission, db, rubric, work) if Path(submission).is_dir() else None
    store = open_store(db)
    try:
        if ident is None:
            from evidence_review.cli.options import submission_id

            ident = submission_id(store, submission)
        else:
            from evidence_review.cli.options import require_intact

            require_intact(store, ident)
        if not store.documents(ident):
            raise click.ClickException(f"{submission}: no documents to review")
        if data is not None and decisions_path is not None:
            view = _from_file(store, ident, rubric, data, decisions_path, reviewer,
                              accept_above)
        else:
            view = _interactive(store, ident, rubric, reviewer, accept_above)
        _report_state(view, ident, rubric)
    except ReviewError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()


def _screen_folder(folder: str, db: str | None, rubric: Any, work: str | None) -> str:
    """Screen one agency folder into the store (new or changed files only); its id."""
    from evidence_review.cli.edge import extract_options, store_url
    from evidence_review.cli.options import settings_or_fail
    from evidence_review.intake import discover
    from evidence_review.pipeline import DEFAULT_WORK, BatchUsageError, run_batch
    from evidence_review.pipeline.pages import BASE_TIMEOUT_S, TIMEOUT_PER_PAGE_S

    settings_or_fail()
    subs = [s for s in discover([Path(folder)]) if s.files]
    if len(subs) > 1 and not any(s.root == Path(folder) for s in subs):
        names = ", ".join(s.id for s in subs[:5]) + (" ..." if len(subs) > 5 else "")
        raise click.ClickException(f"{folder}: holds {len(subs)} agency folders ({names}); "
                                   "review one agency folder at a time")
    try:
        summary = run_batch([folder], rubric, timeout_s=BASE_TIMEOUT_S,
                            timeout_per_page_s=TIMEOUT_PER_PAGE_S, quiet=True, register=True,
                            one_agency=True,
                            database_url=store_url(db), options=extract_options(),
                            work=work or DEFAULT_WORK)
    except BatchUsageError as exc:
        raise click.UsageError(str(exc)) from None
    except KeyboardInterrupt:
        raise SystemExit(EXIT_INTERRUPTED) from None
    read = summary.total - summary.cached
    if read:
        click.echo(message(MessageKey.SCREENED_FOR_REVIEW, count=read,
                           unchanged=summary.cached), err=True)
    for c in summary.changed:
        click.echo(message(MessageKey.CHANGED_SINCE_SCREENED, path=c.path), err=True)
    for line in summary.notes:
        click.echo(f"note: {line}", err=True)
    for failure in summary.failures:
        click.echo(f"warning: {failure}", err=True)
    return next(iter(summary.submissions))


def _from_file(store: Any, ident: str, rubric: Any, data: Any, path: Path,
               reviewer: str | None, accept_above: float | None) -> Any:
    from evidence_review.review.decisions import accept_confident, apply_decisions, plan_decisions
    from evidence_review.review.state import review_state

    who = reviewer or data.reviewer
    if not who:
        raise click.ClickException(f"{path}: no reviewer: give --reviewer or \"reviewer\" in "
                                   "the file")
    store = _view(store, ident, who)
    state = review_state(store, ident, rubric)
    planned = plan_decisions(state, data, rubric, str(path))
    recorded, unchanged = apply_decisions(store, state, planned, who, f"file:{path.name}",
                                          extract_fn=_reader())
    if accept_above is not None:
        recorded += accept_confident(store, review_state(store, ident, rubric), accept_above,
                                     who)
    click.echo(message(MessageKey.DECISIONS_RECORDED, count=recorded, unchanged=unchanged,
                       submission=ident, reviewer=who))
    _split_notes(planned)
    return store


def _split_notes(planned: list[Any]) -> None:
    """Say that a bound file's split applies at the next screen (it re-reads the file)."""
    from evidence_review.store.db import PARTS

    for p in planned:
        if p.item == PARTS:
            ranges = ", ".join(f"{a}-{b}" for a, b in p.after)
            click.echo(message(MessageKey.PARTS_RECORDED, path=p.label.rsplit(":", 1)[0],
                               ranges=ranges), err=True)


def _reader() -> Any:
    """How a document is read after screening: in a worker under screen's limits."""
    from evidence_review.cli.edge import extract_options
    from evidence_review.pipeline.limited import limited_reader

    return limited_reader(extract_options())


def _view(store: Any, ident: str, who: str) -> Any:
    """The reviewer's own stream of a double review (the store itself in single review); a
    reviewer not assigned to an assigned submission is refused with one line."""
    from evidence_review.review.team import NotAssigned, reviewer_view

    try:
        return reviewer_view(store, ident, who)
    except NotAssigned as exc:
        raise click.ClickException(str(exc)) from None


def _interactive(store: Any, ident: str, rubric: Any, reviewer: str | None,
                 accept_above: float | None) -> Any:
    from evidence_review.cli.interactive import Session
    from evidence_review.review.state import review_state

    who = reviewer or click.prompt(message(MessageKey.REVIEWER_NAME_PROMPT),
                                   default=os.environ.get("USER") or getpass.getuser(),
                                   value_proc=_reviewer_name) or getpass.getuser()
    store = _view(store, ident, who)
    session = Session(store, ident, rubric, who, load=lambda: review_state(store, ident, rubric))
    try:
        session.run(threshold=accept_above)
    except click.Abort:
        click.echo("\n" + message(MessageKey.REVIEW_INTERRUPTED, count=session.recorded),
                   err=True)
        raise SystemExit(EXIT_INTERRUPTED) from None
    click.echo(message(MessageKey.SESSION_RECORDED, count=session.recorded, submission=ident,
                       reviewer=who))
    return store


def _report_state(store: Any, ident: str, rubric: Any) -> None:
    from evidence_review.review.state import plan_findings, review_state

    state = review_state(store, ident, rubric)
    for path, findings in plan_findings(store, state):
        click.echo(message(MessageKey.PLAN_FINDINGS_OF, path=path, count=len(findings))
                   if findings else message(MessageKey.PLAN_COMPLETE_OF, path=path))
        for f in findings:
            click.echo(f"  - {f}")
    if state.missing:
        click.echo(message(MessageKey.NOT_YET_CONFIRMED, count=len(state.missing)))
        for item in state.missing:
            click.echo(f"  - {item}")
    else:
        click.echo(message(MessageKey.ALL_CONFIRMED, submission=ident))
