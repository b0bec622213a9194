"""Alembic environment: the store hands over an open connection (see course.store.migrate)."""

from __future__ import annotations

from alembic import context

from course.store import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite rebuilds tables to alter them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
