"""``evidence-review review SUBMISSION``: confirm or override proposals."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

import click

from evidence_review.cli.edge import store_url
from evidence_review.review.cli import (
    EXIT_INTERRUPTED,
    db_option,
    load_rubric_or_fail,
    locate_or_fail,
    open_store,
    rubric_option,
)


@click.command("review")
@click.argument("submission")
@click.option("--decisions", "decisions_path", type=click.Path(path_type=Path), default=None,
              help="Apply decisions from a JSON or YAML file instead of asking.")
@click.option("--reviewer", default=None, help="Reviewer name recorded with each decision.")
@click.option("--accept-above", type=click.FloatRange(0, 1), default=None, metavar="X",
              help="First accept every unconfirmed proposal with confidence ≥ X.")
@db_option
@rubric_option
def command(submission: str, decisions_path: Path | None, reviewer: str | None,
            accept_above: float | None, db: str | None, rubric_path: Path | None) -> None:
    """Confirm or override the proposals for one agency's submission.

    SUBMISSION is the agency folder (screened now if the store has not seen its files or a
    file changed) or a submission id already in the store. Every decision is recorded with
    reviewer, time, value before and after and reason; overriding a proposal needs a reason.

    \b
    Examples:
      evidence-review review fixtures/submissions/s01-fisheries --reviewer somchai
      evidence-review review s01-fisheries --decisions decisions.yaml --db review.db
    """
    from evidence_review.review.decisions_file import ReviewError, load_decisions
    from evidence_review.review.service import (
        accept_confident,
        apply_decisions,
        ensure_screened,
        plan_decisions,
        plan_findings,
        review_state,
    )

    rubric = load_rubric_or_fail(rubric_path)
    try:
        data = load_decisions(decisions_path) if decisions_path is not None else None
    except ReviewError as exc:  # a bad file fails before any screening work
        raise click.ClickException(str(exc)) from None
    store = open_store(store_url(db))
    try:
        target = locate_or_fail(store, submission)
        summary = ensure_screened(store, target, rubric,
                                  progress=lambda rel: click.echo(f"screening {rel}", err=True))
        if summary.screened:
            click.echo(f"screened {len(summary.screened)} files ({summary.unchanged} unchanged)",
                       err=True)
        for failure in summary.failed:
            click.echo(f"warning: {failure}", err=True)
        if not store.documents(target.id):
            raise click.ClickException(f"{submission}: no documents to review")
        state = review_state(store, target.id, rubric)
        if data is not None and decisions_path is not None:
            who = reviewer or data.reviewer
            if not who:
                raise click.ClickException(f"{decisions_path}: no reviewer: give --reviewer or "
                                           "\"reviewer\" in the file")
            planned = plan_decisions(state, data, rubric, str(decisions_path))
            recorded, unchanged = apply_decisions(store, state, planned, who,
                                                  f"file:{decisions_path.name}")
            if accept_above is not None:
                recorded += accept_confident(store, review_state(store, target.id, rubric),
                                             accept_above, who)
            click.echo(f"recorded {recorded} decisions ({unchanged} unchanged) for "
                       f"{target.id} by {who}")
        else:
            from evidence_review.review.interactive import Session

            who = reviewer or click.prompt("Reviewer name",
                                           default=os.environ.get("USER") or getpass.getuser())
            session = Session(store, target.id, rubric, who,
                              load=lambda: review_state(store, target.id, rubric))
            try:
                session.run(threshold=accept_above)
            except click.Abort:
                click.echo(f"\ninterrupted: {session.recorded} decisions recorded this session "
                           "are kept", err=True)
                raise SystemExit(EXIT_INTERRUPTED) from None
            click.echo(f"recorded {session.recorded} decisions for {target.id} by {who}")
        state = review_state(store, target.id, rubric)
        for path, findings in plan_findings(store, state):
            click.echo(f"plan completeness, {path}: "
                       + (f"{len(findings)} findings" if findings else "complete"))
            for f in findings:
                click.echo(f"  - {f}")
        if state.missing:
            click.echo(f"not yet confirmed ({len(state.missing)}):")
            for item in state.missing:
                click.echo(f"  - {item}")
        else:
            click.echo(f"all confirmed: `evidence-review score {target.id}` can score it")
    except ReviewError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()
