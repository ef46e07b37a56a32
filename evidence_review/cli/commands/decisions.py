"""``evidence-review decisions SUBMISSION``: the audit trail."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from evidence_review.cli.options import db_option, open_store, submission_id
from evidence_review.messages import MessageKey, message

if TYPE_CHECKING:
    from evidence_review.store.db import DecisionRow


@click.command("decisions")
@click.argument("submission")
@click.option("--json", "as_json", is_flag=True, help="Print the trail as JSON.")
@db_option
def command(submission: str, as_json: bool, db: str | None) -> None:
    """Print every decision on a submission, oldest first: who, when, item, value before →
    after, and reason. Nothing is ever deleted from this log.

    \b
    Example:
      evidence-review decisions s01-fisheries
    """
    from evidence_review.store.db import show_value

    store = open_store(db)
    try:
        ident = submission_id(store, submission)
        trail = store.trail(ident)
        current = {d.id: d.sha256 for d in store.documents(ident)}
    finally:
        store.close()
    if as_json:
        click.echo(json.dumps([{**d.model_dump(mode="json"), "counts": _counts(d, current)}
                               for d in trail], ensure_ascii=False, indent=2))
        return
    if not trail:
        click.echo(f"no decisions yet for {ident}")
        return
    from evidence_review.userinput import strip_controls

    for d in trail:  # rows stored before names were cleaned may hold terminal escapes
        where = f"{d.document_path} {d.item}" if d.document_path else d.item
        line = (f"{d.decided_at}  {d.reviewer}  {where}: {show_value(d.before)} → "
                f"{show_value(d.after)}")
        if d.reason:
            line += f"  reason: {' '.join(d.reason.split())}"
        if d.evidence:
            line += f"  evidence: {' '.join(d.evidence.split())}"
        if not _counts(d, current):
            line += f"  ({message(MessageKey.DECISION_STALE)})"
        click.echo(strip_controls(line + f"  [{d.source}]"))


def _counts(d: DecisionRow, current: dict[int, str]) -> bool:
    """Whether a decision still counts: it was made on the document's current content."""
    return d.document_id is None or current.get(d.document_id) == d.document_sha256
