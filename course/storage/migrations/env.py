"""Alembic environment: the store hands over an open connection (see course.storage.database.migrate)."""

from __future__ import annotations

from alembic import context

from course.storage.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    # No batch mode: on SQLite a batch rebuild of a table that others reference with ON DELETE
    # CASCADE deletes their rows (foreign keys are on). Write migrations SQLite can run in place.
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
