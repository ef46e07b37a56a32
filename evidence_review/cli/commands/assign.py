"""``evidence-review assign SUBMISSION --to A [--to B]``: who reviews a submission."""

from __future__ import annotations

import getpass
import os

import click

from evidence_review.cli.options import db_option, submission_store
from evidence_review.messages import MessageKey, message


@click.command("assign")
@click.argument("submission")
@click.option("--to", "reviewers", multiple=True, metavar="REVIEWER",
              help="A reviewer (give twice for a double review).")
@click.option("--clear", is_flag=True, help="Remove the assignment (single review by anyone).")
@click.option("--by", "assigned_by", default=None, help="Who assigns (default: $USER).")
@db_option
def command(submission: str, reviewers: tuple[str, ...], clear: bool, assigned_by: str | None,
            db: str | None) -> None:
    """Assign a submission to one reviewer, or to two for a double review.

    With two, each reviews blind in their own decision stream (`review --reviewer NAME`);
    a reviewer not assigned is refused. When both have confirmed everything, the items where
    they differ go to a lead: `evidence-review adjudicate`. Without an assignment anyone
    reviews (single review, the default).

    \b
    Example:
      evidence-review assign s02-nakhonsawan --to malee --to udom
    """
    from evidence_review.store.db import DecisionError

    if not reviewers and not clear:
        raise click.UsageError(message(MessageKey.ASSIGN_GIVE_TO))
    who = assigned_by or os.environ.get("USER") or getpass.getuser()
    with submission_store(db, submission) as (store, ident):
        try:
            names = store.assign(ident, [] if clear else list(reviewers), who)
        except DecisionError as exc:
            raise click.ClickException(f"{submission}: {exc}") from None
    if not names:
        click.echo(f"{ident}: " + message(MessageKey.ASSIGN_NONE))
    elif len(names) == 2:
        click.echo(f"{ident}: " + message(MessageKey.ASSIGNED_DOUBLE, first=names[0],
                                          second=names[1]))
    else:
        click.echo(f"{ident}: " + message(MessageKey.ASSIGNED_SINGLE, name=names[0]))
