"""Alembic's environment for the store.

Called two ways: by the tool (:func:`evidence_review.store.migrations.migrate` hands over a
connection already in a write-locked transaction, ``config.attributes["connection"]``), or by
the ``alembic`` command with the shipped ``alembic.ini`` (the database from ``-x db=URL``, else
``EVIDENCE_REVIEW_DATABASE_URL``, else the ini's ``sqlalchemy.url``), which takes the same
lock. Only online upgrades: the store's revisions read the database (``--sql`` is refused).
"""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import Connection

from evidence_review.store import schema
from evidence_review.store.engine import LOCK_MIGRATE, make_engine, write_transaction


def _run(conn: Connection) -> None:
    context.configure(connection=conn, target_metadata=schema.metadata)
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    given = context.get_x_argument(as_dictionary=True).get("db")
    return str(given or os.environ.get("EVIDENCE_REVIEW_DATABASE_URL")
               or context.config.get_main_option("sqlalchemy.url"))


def main() -> None:
    if context.is_offline_mode():
        raise SystemExit("evidence-review: the store's revisions read the database; "
                         "run them online (without --sql)")
    given = context.config.attributes.get("connection")
    if given is not None:
        _run(given)
        return
    engine = make_engine(_url())
    try:
        with write_transaction(engine, LOCK_MIGRATE) as conn:
            _run(conn)
    finally:
        engine.dispose()


main()
