"""``evidence-review db upgrade|current``: the store's schema, for an administrator."""

from __future__ import annotations

import click

from evidence_review.cli.options import db_option


@click.group("db")
def command() -> None:
    """The store's schema (Alembic revisions shipped in the package). The tool upgrades a
    store itself when it opens it; an administrator upgrades a server database beforehand
    (as the role that owns the schema) with `db upgrade`.

    \b
    Example:
      evidence-review db upgrade --db review.db
    """


@command.command("upgrade")
@db_option
def upgrade(db: str | None) -> None:
    """Create the store or upgrade its schema to the newest revision (Alembic's
    `upgrade head`, in one locked transaction: all revisions or none).

    \b
    Example:
      evidence-review db upgrade --db review.db
    """
    from evidence_review.cli.edge import store_url
    from evidence_review.cli.options import settings_or_fail
    from evidence_review.messages import MessageKey, message
    from evidence_review.store.db import Store
    from evidence_review.store.migrations import revision

    settings_or_fail()
    with Store.open(store_url(db)) as store:  # (opening checks the store, then upgrades it)
        after = revision(store.engine)
        before = store.upgraded_from
        notes = list(store.notes)
    for note in notes:  # (a trigger dropped by hand, re-created by the owner's upgrade)
        click.echo(message(MessageKey.STORE_WARNING, note=note), err=True)
    if before is None:
        click.echo(message(MessageKey.STORE_CREATED, after=after))
    elif before == after:
        click.echo(message(MessageKey.STORE_UP_TO_DATE, after=after))
    else:
        click.echo(message(MessageKey.STORE_UPGRADED, before=before, after=after))


@command.command("current")
@db_option
def current(db: str | None) -> None:
    """Print the store's Alembic revision and schema version (nothing is written).

    \b
    Example:
      evidence-review db current --db review.db
    """
    from evidence_review.cli.edge import store_url
    from evidence_review.cli.options import settings_or_fail
    from evidence_review.messages import MessageKey, message
    from evidence_review.store.engine import make_engine
    from evidence_review.store.migrations import current_version, revision

    settings_or_fail()
    engine = make_engine(store_url(db), create=False)
    try:
        # (the revision first, alone, for scripts)
        version = message(MessageKey.STORE_REVISION, version=current_version(engine))
        click.echo(f"{revision(engine) or '-'} ({version})")
    finally:
        engine.dispose()
