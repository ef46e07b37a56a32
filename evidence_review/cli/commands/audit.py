"""``evidence-review audit verify [SUBMISSION]``: is the decision trail as it was written?"""

from __future__ import annotations

import click

from evidence_review.cli.options import db_option, open_store
from evidence_review.messages import MessageKey, message


@click.group("audit")
def command() -> None:
    """Check the decision trail: the append-only triggers and the hash chain.

    \b
    Example:
      evidence-review audit verify s01-fisheries
    """


@command.command("verify")
@click.argument("submission", required=False)
@db_option
def verify(submission: str | None, db: str | None) -> None:
    """Check each submission's hash chain (or SUBMISSION's) and the append-only triggers; name
    the first broken row. Exit status 0 when intact, 4 when not.

    \b
    Example:
      evidence-review audit verify s01-fisheries
    """
    from evidence_review.cli.main import store_failure
    from evidence_review.store.engine import TamperedError

    store = open_store(db, guard=False)
    try:
        if submission is not None and store.submission(submission) is None:
            raise click.ClickException(f"{submission}: "
                                       + message(MessageKey.NO_SUBMISSION_IN_STORE))
        checks = store.audit(submission)
        refused = store.write_refused
    finally:
        store.close()
    for check in checks:
        click.echo(check.line())
    if not checks and not refused:
        click.echo(message(MessageKey.AUDIT_NOTHING))
    broken = [c.line() for c in checks if c.broken is not None]
    if refused or broken:
        raise store_failure(TamperedError(refused or broken[0]))
