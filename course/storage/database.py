"""The course database (SQLAlchemy 2): SQLite by default, PostgreSQL by URL, migrated on opening.

SQLite runs in WAL mode with a busy timeout, and write transactions start with BEGIN IMMEDIATE
so concurrent writers wait their turn instead of failing.

The schema is created and upgraded by the Alembic migrations in course/storage/migrations/ when
a database opens, under a lock, so an upgrade keeps existing results and two servers never race.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar, overload

from sqlalchemy import Executable, Table, create_engine, event, inspect, text
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine, Row, make_url

from course.content.loader import PROJECT_ROOT

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest file in course/storage/migrations/versions: a database already there opens without
# importing alembic (a fifth of a second at start-up). A test checks alembic agrees.
LATEST_REVISION = "0005"
FIRST_REVISION = "0001"  # the schema that existed before migrations (it has `schema_version`)
MIGRATION_LOCK = 4_711_001  # PostgreSQL advisory lock taken while migrating

T = TypeVar("T")


def data_dir() -> Path:
    """$COURSE_DATA_DIR (default: var/, outside the content), created when missing: the SQLite
    database, the server secret (course/storage/secret.py)."""
    folder = Path(os.environ.get("COURSE_DATA_DIR") or PROJECT_ROOT / "var")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_database_url() -> str:
    """$COURSE_DATABASE_URL, else a SQLite file in the data folder (`data_dir()`)."""
    if os.environ.get("COURSE_DATABASE_URL"):
        return os.environ["COURSE_DATABASE_URL"]
    return f"sqlite:///{data_dir() / 'course.sqlite3'}"


def normalized_url(url: str) -> str:
    """PostgreSQL URLs use the psycopg 3 driver, whatever the administrator wrote."""
    parsed = make_url(url)
    if parsed.drivername in ("postgres", "postgresql"):
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return url


def migrate(connection: Connection, revision: str = "head") -> None:
    """Bring the schema to `revision` (the latest by default), inside the caller's transaction.

    A database made before migrations existed (tables but no alembic_version) is adopted as
    revision 0001 first, so its results are kept.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    if revision == "head" and _schema_revision(connection) == LATEST_REVISION:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    tables = set(inspect(connection).get_table_names())
    if "learners" in tables and "alembic_version" not in tables:
        command.stamp(config, FIRST_REVISION)
    command.upgrade(config, revision)


def _schema_revision(connection: Connection) -> str | None:
    """The revision alembic last noted in this database (None before any migration)."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _enable_wal(cursor: Any) -> None:
    """Switch a SQLite file to WAL (a lasting setting) once.

    SQLite does not wait on its busy timeout for this switch: when several servers open a new
    file at once, the losers retry briefly instead of failing.
    """
    for _ in range(100):
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError:
            time.sleep(0.05)
    cursor.execute("PRAGMA journal_mode=WAL")  # a lasting lock: let its error through


# How long a transaction waits for another program's lock before the page asks to try again.
BUSY_TIMEOUT_MS = 10_000


def _configure_sqlite(engine: Engine) -> None:
    """Busy timeout, WAL and foreign keys on every connection; BEGIN IMMEDIATE for every transaction."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below take over
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        _enable_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def dialect_insert(connection: Connection, table: Table) -> Any:
    """An INSERT that accepts ON CONFLICT clauses, on SQLite and PostgreSQL alike."""
    return (postgresql_insert if connection.dialect.name == "postgresql" else sqlite_insert)(table)


class Database:
    """An opened, migrated database: its engine, transactions and single-row reads."""

    def __init__(self, url: str | None = None) -> None:
        self.url = normalized_url(url or default_database_url())
        self.engine = create_engine(self.url, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            _configure_sqlite(self.engine)
        with self.transaction() as db:
            migrate(db)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A connection in a transaction, committed when the block ends (rolled back on error)."""
        with self.engine.begin() as connection:
            yield connection

    @overload
    def fetch_one(self, query: Executable) -> Row[Any] | None: ...

    @overload
    def fetch_one(self, query: Executable, build: Callable[[Row[Any]], T]) -> T | None: ...

    def fetch_one(
        self, query: Executable, build: Callable[[Row[Any]], Any] | None = None
    ) -> Any | None:
        """The first row `query` finds (built into a record by `build`), or None, in a
        transaction of its own."""
        with self.transaction() as db:
            row = db.execute(query).first()
        if row is None or build is None:
            return row
        return build(row)
