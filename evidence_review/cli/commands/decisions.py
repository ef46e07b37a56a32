"""``evidence-review decisions SUBMISSION``: the audit trail."""

from __future__ import annotations

import json

import click

from evidence_review.cli.edge import store_url
from evidence_review.review.cli import db_option, locate_or_fail, open_store, require_screened


@click.command("decisions")
@click.argument("submission")
@click.option("--json", "as_json", is_flag=True, help="Print the trail as JSON.")
@db_option
def command(submission: str, as_json: bool, db: str | None) -> None:
    """Print every decision on a submission, oldest first: who, when, item, value before →
    after, and reason. Nothing is ever deleted from this log.

    \b
    Example:
      evidence-review decisions s01-fisheries --db review.db
    """
    from evidence_review.store.db import show_value

    store = open_store(store_url(db))
    try:
        target = locate_or_fail(store, submission)
        require_screened(store, target, submission)
        trail = store.trail(target.id)
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps([d.model_dump(mode="json") for d in trail], ensure_ascii=False,
                              indent=2))
        return
    if not trail:
        click.echo(f"no decisions yet for {target.id}")
        return
    for d in trail:
        where = f"{d.document_path} {d.item}" if d.document_path else d.item
        line = (f"{d.decided_at}  {d.reviewer}  {where}: {show_value(d.before)} → "
                f"{show_value(d.after)}")
        if d.reason:
            line += f"  reason: {d.reason}"
        click.echo(line + f"  [{d.source}]")
