"""``evidence-review agency SUBMISSION [NAME]``: the agency's name the reports print."""

from __future__ import annotations

import getpass
import os

import click

from evidence_review.cli.options import db_option, submission_store
from evidence_review.messages import MessageKey, message


@click.command("agency")
@click.argument("submission")
@click.argument("name", required=False)
@click.option("--clear", is_flag=True,
              help="Forget the name set by hand (the name read from the documents again).")
@click.option("--by", "set_by", default=None, help="Who sets it (default: $USER).")
@db_option
def command(submission: str, name: str | None, clear: bool, set_by: str | None,
            db: str | None) -> None:
    """Show or set the agency's name that the list, the score page and the reports print.

    Screening reads it from the documents' first lines (กรม…, สำนักงาน…, จังหวัด…); a name set
    here (or on the web workspace's score page) takes precedence. Without NAME: show it.

    \b
    Examples:
      evidence-review agency s01-fisheries
      evidence-review agency s01-fisheries "กรมส่งเสริมการประมงพื้นบ้าน"
    """
    from evidence_review.store.agency import agency_names, set_agency_name

    if name is not None and clear:
        raise click.UsageError(message(MessageKey.AGENCY_NAME_OR_CLEAR))
    who = set_by or os.environ.get("USER") or getpass.getuser()
    with submission_store(db, submission) as (store, ident):
        if name is not None or clear:
            try:
                set_agency_name(store.engine, ident, "" if clear else name or "", who)
            except ValueError as exc:
                raise click.ClickException(f"{submission}: {exc}") from None
        manual, found = agency_names(store.engine, ident)
    if manual:
        click.echo(message(MessageKey.AGENCY_MANUAL, submission=ident, name=manual))
    elif found:
        click.echo(message(MessageKey.AGENCY_FOUND, submission=ident, name=found))
    else:
        click.echo(message(MessageKey.AGENCY_NONE, submission=ident))
