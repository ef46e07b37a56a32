"""The store: SQLite (default) or any SQLAlchemy URL; versioned schema; append-only decisions.

Public surface: :class:`store.db.Store` (``Store.open(db)``), :func:`store.db.database_url`,
:mod:`store.migrations` (Alembic revisions in
``store/revisions``). Import ``store.db`` by name (SQLAlchemy is heavy).
"""
