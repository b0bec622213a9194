"""Storage of learners and attempts (SQLAlchemy 2): SQLite by default, PostgreSQL by URL.

A step's primary key is (attempt, number): a replayed step cannot be stored twice, even by two
server processes at once. SQLite runs in WAL mode with a busy timeout, and write transactions
start with BEGIN IMMEDIATE so concurrent writers wait their turn instead of failing.

The schema is created and upgraded by the Alembic migrations in course/migrations/ when a store
opens, under a lock, so an upgrade keeps existing results and two servers never race.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    event,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import IntegrityError

from course.attempts import Attempt, Step
from course.content import PROJECT_ROOT
from course.quiz_engine import QuizResult

MIGRATIONS = Path(__file__).parent / "migrations"
FIRST_REVISION = "0001"  # the schema that existed before migrations (it has `schema_version`)
MIGRATION_LOCK = 4_711_001  # PostgreSQL advisory lock taken while migrating
metadata = MetaData()
Timestamp = DateTime(timezone=True)

learners = Table(
    "learners",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("created_at", Timestamp, nullable=False),
)
attempts = Table(
    "attempts",
    metadata,
    Column("id", String(32), primary_key=True),
    Column(
        "learner_id",
        String(32),
        ForeignKey("learners.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("quiz_id", String(100), nullable=False, index=True),
    Column("quiz_hash", String(64), nullable=False),
    Column("seed", BigInteger, nullable=False),
    Column("question_ids", JSON, nullable=False),
    Column("started_at", Timestamp, nullable=False),
    Column("deadline", Timestamp),
    Column("submitted_at", Timestamp),
    Column("score", Float),
    Column("max_score", Float),
    Column("percent", Float),
    Column("passed", Boolean),
    Column("fractions", JSON),
    Column("responses", JSON),
)
steps = Table(
    "attempt_steps",
    metadata,
    Column(
        "attempt_id", String(32), ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("number", Integer, primary_key=True),
    Column("kind", String(10), nullable=False),
    Column("question_id", String(100)),
    Column("response", JSON),
    Column("at", Timestamp, nullable=False),
)


def default_database_url() -> str:
    """$COURSE_DATABASE_URL, else a SQLite file in $COURSE_DATA_DIR (default: var/, outside the content)."""
    if os.environ.get("COURSE_DATABASE_URL"):
        return os.environ["COURSE_DATABASE_URL"]
    data_dir = Path(os.environ.get("COURSE_DATA_DIR") or PROJECT_ROOT / "var")
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'course.sqlite3'}"


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
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    tables = set(inspect(connection).get_table_names())
    if "learners" in tables and "alembic_version" not in tables:
        command.stamp(config, FIRST_REVISION)
    command.upgrade(config, revision)


def _utc(moment: datetime | None) -> datetime | None:
    """SQLite gives naive datetimes back: they were stored in UTC."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


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


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # let SQLAlchemy's BEGIN below take over
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=10000")
        _enable_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


@dataclass(frozen=True)
class FinishedAttempt:
    """What a finished attempt left: enough for progress, review and exports."""

    id: str
    quiz_id: str
    quiz_hash: str
    score: float
    max_score: float
    percent: float
    passed: bool
    started_at: datetime
    submitted_at: datetime


class Store:
    """Learners and their attempts in one database."""

    def __init__(self, url: str | None = None) -> None:
        self.url = normalized_url(url or default_database_url())
        self.engine = create_engine(self.url, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            _configure_sqlite(self.engine)
        with self.transaction() as db:
            migrate(db)

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as connection:
            yield connection

    def add_learner(self, name: str, now: datetime | None = None) -> str:
        """Create a learner; returns an unguessable id."""
        learner_id = secrets.token_hex(16)
        with self.transaction() as db:
            db.execute(
                insert(learners).values(
                    id=learner_id, name=name, created_at=now or datetime.now(UTC)
                )
            )
        return learner_id

    def learner_exists(self, learner_id: str) -> bool:
        with self.transaction() as db:
            return (
                db.execute(select(learners.c.id).where(learners.c.id == learner_id)).first()
                is not None
            )

    def save_new_attempt(self, attempt: Attempt) -> None:
        with self.transaction() as db:
            db.execute(
                insert(attempts).values(
                    id=attempt.id,
                    learner_id=attempt.learner_id,
                    quiz_id=attempt.quiz_id,
                    quiz_hash=attempt.quiz_hash,
                    seed=attempt.seed,
                    question_ids=list(attempt.question_ids),
                    started_at=attempt.started_at,
                    deadline=attempt.deadline,
                )
            )

    def load_attempt(self, attempt_id: str) -> Attempt | None:
        with self.transaction() as db:
            return self._load(db, attempt_id)

    def _load(self, db: Connection, attempt_id: str) -> Attempt | None:
        row = db.execute(select(attempts).where(attempts.c.id == attempt_id)).mappings().first()
        if row is None:
            return None
        recorded = db.execute(
            select(steps).where(steps.c.attempt_id == attempt_id).order_by(steps.c.number)
        )
        return Attempt(
            row["id"],
            row["learner_id"],
            row["quiz_id"],
            row["quiz_hash"],
            row["seed"],
            tuple(row["question_ids"]),
            _utc(row["started_at"]) or datetime.now(UTC),
            _utc(row["deadline"]),
            tuple(
                Step(s.number, s.kind, s.question_id, s.response, _utc(s.at) or s.at)
                for s in recorded
            ),
        )

    def record_step(
        self,
        attempt: Attempt,
        number: int,
        kind: str,
        question_id: str | None = None,
        response: Any = None,
        now: datetime | None = None,
    ) -> Attempt:
        """Store step `number` once; a replay (same number, e.g. a double click) changes nothing."""
        updated = attempt.record(number, kind, question_id, response, now)  # type: ignore[arg-type]
        if updated is attempt:
            return self.load_attempt(attempt.id) or attempt
        step = updated.steps[-1]
        try:
            with self.transaction() as db:
                db.execute(
                    insert(steps).values(
                        attempt_id=attempt.id,
                        number=step.number,
                        kind=step.kind,
                        question_id=step.question_id,
                        response=step.response,
                        at=step.at,
                    )
                )
        except IntegrityError:
            pass  # the same step was stored by another request first
        return self.load_attempt(attempt.id) or updated

    def finish(self, attempt: Attempt, result: QuizResult, now: datetime | None = None) -> None:
        """Store the result of a submitted attempt, once."""
        with self.transaction() as db:
            db.execute(
                update(attempts)
                .where(attempts.c.id == attempt.id, attempts.c.submitted_at.is_(None))
                .values(
                    submitted_at=now or datetime.now(UTC),
                    score=result.score,
                    max_score=result.max_score,
                    percent=result.percent,
                    passed=result.passed,
                    responses=attempt.responses(),
                    fractions={q.id: q.fraction for q in result.questions},
                )
            )

    def open_attempt(self, learner_id: str, quiz_id: str) -> Attempt | None:
        """The learner's unfinished attempt at a quiz, to resume after a reload or a restart."""
        with self.transaction() as db:
            found = db.execute(
                select(attempts.c.id)
                .where(
                    attempts.c.learner_id == learner_id,
                    attempts.c.quiz_id == quiz_id,
                    attempts.c.submitted_at.is_(None),
                )
                .order_by(attempts.c.started_at.desc())
            ).first()
            return self._load(db, found.id) if found else None

    def finished_attempts(
        self, learner_id: str, quiz_id: str | None = None
    ) -> list[FinishedAttempt]:
        """A learner's finished attempts, oldest first."""
        query = select(attempts).where(
            attempts.c.learner_id == learner_id, attempts.c.submitted_at.is_not(None)
        )
        if quiz_id is not None:
            query = query.where(attempts.c.quiz_id == quiz_id)
        with self.transaction() as db:
            rows = db.execute(query.order_by(attempts.c.submitted_at)).mappings().all()
        return [
            FinishedAttempt(
                r["id"],
                r["quiz_id"],
                r["quiz_hash"],
                r["score"],
                r["max_score"],
                r["percent"],
                r["passed"],
                _utc(r["started_at"]) or r["started_at"],
                _utc(r["submitted_at"]) or r["submitted_at"],
            )
            for r in rows
        ]
