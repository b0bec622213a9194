"""Alembic migrations of the course database: applied automatically when the store opens."""
