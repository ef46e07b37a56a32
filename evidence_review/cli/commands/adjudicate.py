"""``evidence-review adjudicate SUBMISSION``: a lead's final decisions on a double review."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from evidence_review.cli.options import load_rubric_or_fail, store_options, submission_store
from evidence_review.messages import MessageKey, message


@click.command("adjudicate")
@click.argument("submission")
@click.option("--decisions", "decisions_path", type=click.Path(path_type=Path), default=None,
              help="The final decisions (a decisions file, a reason for each item).")
@click.option("--reviewer", required=True, help="The lead adjudicating.")
@store_options
def command(submission: str, decisions_path: Path | None, reviewer: str, db: str | None,
            rubric_path: Path | None) -> None:
    """Show where a double review's two reviewers differ (both decisions and reasons) and,
    with --decisions, record the lead's final decision on each, with a reason.

    The score and report use only final decisions: those both reviewers agree on and the
    adjudicated ones.

    \b
    Example (README "Team review" records the final decisions with --decisions FILE):
      evidence-review adjudicate s02-nakhonsawan --reviewer lek
    """
    from evidence_review.review.decisions_file import ReviewError, load_decisions

    rubric = load_rubric_or_fail(rubric_path)
    try:
        data = load_decisions(decisions_path) if decisions_path is not None else None
    except ReviewError as exc:
        raise click.ClickException(str(exc)) from None
    with submission_store(db, submission) as (store, ident):
        try:
            _adjudicate(store, ident, rubric, data, decisions_path, reviewer)
        except ReviewError as exc:
            raise click.ClickException(str(exc)) from None


def _adjudicate(store: Any, ident: str, rubric: Any, data: Any, decisions_path: Path | None,
                reviewer: str) -> None:
    """Record the final decisions (with a file), then print the differences."""
    from evidence_review.cli.edge import extract_options
    from evidence_review.pipeline.limited import limited_reader
    from evidence_review.review import team
    from evidence_review.review.decisions_file import ReviewError
    from evidence_review.store.db import show_value

    if data is not None and decisions_path is not None:
        # a role changed to plan or progress is read (its activity table) under screen's limits
        recorded, unchanged = team.adjudicate(store, ident, rubric, data, reviewer,
                                              str(decisions_path),
                                              extract_fn=limited_reader(extract_options()))
        click.echo(message(MessageKey.ADJUDICATED, recorded=recorded, unchanged=unchanged,
                           submission=ident, lead=reviewer))
    names = store.assignees(ident)
    if len(names) != 2:
        raise ReviewError(f"{ident}: " + message(MessageKey.NOT_DOUBLE_REVIEWED))
    status = team.double_status(store, ident, rubric) or "final"
    click.echo(f"{ident}: " + message(MessageKey.DOUBLE_STATUS, status=status,
                                      first=names[0], second=names[1]))
    for d in team.differences(store, ident):
        where = f"{d.document} {d.item}" if d.document else d.item
        sides = [f"{r.reviewer}: {show_value(r.after)}"
                 + (f" ({' '.join(r.reason.split())})" if r.reason else "")
                 for r in (d.first, d.second) if r is not None]
        final = (" → " + message(MessageKey.FINAL_VALUE, value=show_value(d.final.after))
                 if d.adjudicated and d.final else "")
        click.echo(f"  {where}: {'; '.join(sides)}{final}")
