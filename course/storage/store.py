"""Storage of learners and attempts (SQLAlchemy 2): SQLite by default, PostgreSQL by URL.

A step's primary key is (attempt, number): a replayed step cannot be stored twice, even by two
server processes at once. SQLite runs in WAL mode with a busy timeout, and write transactions
start with BEGIN IMMEDIATE so concurrent writers wait their turn instead of failing.

The schema is created and upgraded by the Alembic migrations in course/storage/migrations/ when a store
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

from sqlalchemy import (
    Table,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import IntegrityError

from course.codes import code_digest, new_code, normalise_code
from course.content.loader import PROJECT_ROOT
from course.quiz.attempts import Attempt, Step
from course.quiz.grading import QuizResult
from course.storage.schema import (
    attempts,
    certificates,
    exercise_answers,
    guard_failures,
    learners,
    lesson_visits,
    live_answers,
    live_questions,
    steps,
    workshop_members,
    workshops,
)

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest file in course/storage/migrations/versions: a database already there opens without
# importing alembic (a fifth of a second at start-up). A test checks alembic agrees.
LATEST_REVISION = "0004"
FIRST_REVISION = "0001"  # the schema that existed before migrations (it has `schema_version`)
MIGRATION_LOCK = 4_711_001  # PostgreSQL advisory lock taken while migrating


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


@dataclass(frozen=True)
class Learner:
    """A learner's identity: the name printed on the certificate, an optional email."""

    id: str
    name: str
    email: str | None
    created_at: datetime


@dataclass(frozen=True)
class LessonVisit:
    """A learner's time in one module, and whether they marked it as finished."""

    lesson_id: str
    first_at: datetime
    last_at: datetime
    seconds: int
    completed_at: datetime | None


@dataclass(frozen=True)
class Certificate:
    """An issued certificate, as the verification page shows it."""

    code: str
    learner_id: str
    learner_name: str
    course_title: str
    percent: float
    modules: tuple[str, ...]
    issued_at: datetime


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

    # --- Identity -----------------------------------------------------------------------------

    def create_learner(
        self, name: str, email: str | None = None, now: datetime | None = None
    ) -> tuple[Learner, str]:
        """A learner with a personal resume code; returns the learner and the code (shown once,
        only its digest is stored)."""
        at = now or datetime.now(UTC)
        learner_id = secrets.token_hex(16)
        while True:
            code = new_code()
            try:
                with self.transaction() as db:
                    db.execute(
                        insert(learners).values(
                            id=learner_id,
                            name=name,
                            email=email,
                            created_at=at,
                            last_seen_at=at,
                            resume_digest=code_digest(code),
                        )
                    )
                return Learner(learner_id, name, email, at), code
            except IntegrityError:
                continue  # a code already taken (about one chance in a trillion): draw again

    def learner(self, learner_id: str) -> Learner | None:
        with self.transaction() as db:
            row = db.execute(select(learners).where(learners.c.id == learner_id)).first()
        return _learner(row) if row else None

    def learner_by_code(self, code: str) -> Learner | None:
        """The learner whose resume code this is (typed loosely), or None."""
        canonical = normalise_code(code)
        if canonical is None:
            return None
        with self.transaction() as db:
            row = db.execute(
                select(learners).where(learners.c.resume_digest == code_digest(canonical))
            ).first()
        return _learner(row) if row else None

    def learners_named(self, name: str) -> list[Learner]:
        """Learners with exactly this name (for the command line)."""
        with self.transaction() as db:
            rows = db.execute(
                select(learners).where(learners.c.name == name).order_by(learners.c.created_at)
            ).all()
        return [_learner(row) for row in rows]

    def new_resume_code(self, learner_id: str) -> str:
        """Replace a learner's resume code (the old one stops working)."""
        code = new_code()
        with self.transaction() as db:
            db.execute(
                update(learners)
                .where(learners.c.id == learner_id)
                .values(resume_digest=code_digest(code))
            )
        return code

    def seen(self, learner_id: str, now: datetime | None = None) -> None:
        """Note the learner's latest activity (the retention period counts from it)."""
        with self.transaction() as db:
            db.execute(
                update(learners)
                .where(learners.c.id == learner_id)
                .values(last_seen_at=now or datetime.now(UTC))
            )

    # --- Modules and exercises ----------------------------------------------------------------

    def record_visit(
        self, learner_id: str, lesson_id: str, seconds: int = 0, now: datetime | None = None
    ) -> None:
        """A visit to a module, adding the time spent there since the previous one."""
        at = now or datetime.now(UTC)
        with self.transaction() as db:
            _upsert(
                db,
                lesson_visits,
                {"learner_id": learner_id, "lesson_id": lesson_id},
                {"first_at": at, "last_at": at, "seconds": seconds},
                {"last_at": at, "seconds": lesson_visits.c.seconds + seconds},
            )

    def complete_lesson(self, learner_id: str, lesson_id: str, now: datetime | None = None) -> None:
        """« J'ai terminé ce module »: kept once, with its first date."""
        at = now or datetime.now(UTC)
        self.record_visit(learner_id, lesson_id, 0, at)
        with self.transaction() as db:
            db.execute(
                update(lesson_visits)
                .where(
                    lesson_visits.c.learner_id == learner_id,
                    lesson_visits.c.lesson_id == lesson_id,
                    lesson_visits.c.completed_at.is_(None),
                )
                .values(completed_at=at)
            )

    def lesson_visits(self, learner_id: str) -> dict[str, LessonVisit]:
        with self.transaction() as db:
            rows = db.execute(
                select(lesson_visits).where(lesson_visits.c.learner_id == learner_id)
            ).mappings()
            return {
                r["lesson_id"]: LessonVisit(
                    r["lesson_id"],
                    _aware(r["first_at"]),
                    _aware(r["last_at"]),
                    r["seconds"],
                    _utc(r["completed_at"]),
                )
                for r in rows
            }

    def save_exercise(
        self, learner_id: str, exercise_id: str, data: dict[str, Any], now: datetime | None = None
    ) -> None:
        """The learner's latest answers to an exercise (for their action plan)."""
        at = now or datetime.now(UTC)
        with self.transaction() as db:
            _upsert(
                db,
                exercise_answers,
                {"learner_id": learner_id, "exercise_id": exercise_id},
                {"data": data, "updated_at": at},
                {"data": data, "updated_at": at},
            )

    def exercise_answers(self, learner_id: str) -> dict[str, dict[str, Any]]:
        with self.transaction() as db:
            rows = db.execute(
                select(exercise_answers.c.exercise_id, exercise_answers.c.data).where(
                    exercise_answers.c.learner_id == learner_id
                )
            )
            return {row.exercise_id: row.data for row in rows}

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

    # --- Certificates ---------------------------------------------------------------------------

    def issue_certificate(
        self,
        learner: Learner,
        course_title: str,
        percent: float,
        modules: list[str],
        now: datetime | None = None,
    ) -> Certificate:
        """The learner's certificate: issued once, then the same one (same code) every time."""
        existing = self.certificate_of(learner.id)
        if existing is not None:
            return existing
        values = {
            "learner_id": learner.id,
            "learner_name": learner.name,
            "course_title": course_title,
            "percent": percent,
            "modules": modules,
            "issued_at": now or datetime.now(UTC),
        }
        for _ in range(10):
            try:
                with self.transaction() as db:
                    db.execute(insert(certificates).values(code=new_code(), **values))
                break
            except IntegrityError:
                existing = self.certificate_of(learner.id)  # issued by a double click meanwhile
                if existing is not None:
                    return existing
        issued = self.certificate_of(learner.id)
        assert issued is not None
        return issued

    def certificate_of(self, learner_id: str) -> Certificate | None:
        with self.transaction() as db:
            row = db.execute(
                select(certificates).where(certificates.c.learner_id == learner_id)
            ).first()
        return _certificate(row) if row else None

    def certificate(self, code: str) -> Certificate | None:
        """The certificate with this verification code (typed loosely), or None."""
        canonical = normalise_code(code)
        if canonical is None:
            return None
        with self.transaction() as db:
            row = db.execute(select(certificates).where(certificates.c.code == canonical)).first()
        return _certificate(row) if row else None

    def certificate_codes(self) -> set[str]:
        """The codes of every certificate still on record (erased learners' are gone)."""
        with self.transaction() as db:
            return set(db.execute(select(certificates.c.code)).scalars())

    # --- Slowing down guessing --------------------------------------------------------------------

    def record_failure(self, scope: str, client: str, now: datetime | None = None) -> None:
        """A wrong code or password from a client (an IP digest), kept for the rate limit."""
        with self.transaction() as db:
            db.execute(
                insert(guard_failures).values(
                    scope=scope, client=client, at=now or datetime.now(UTC)
                )
            )

    def recent_failures(self, scope: str, client: str, since: datetime) -> int:
        with self.transaction() as db:
            count = db.execute(
                select(func.count())
                .select_from(guard_failures)
                .where(
                    guard_failures.c.scope == scope,
                    guard_failures.c.client == client,
                    guard_failures.c.at >= since,
                )
            ).scalar()
        return int(count or 0)

    # --- Data rights (RGPD) ---------------------------------------------------------------------

    def delete_learner(self, learner_id: str) -> bool:
        """Erase a learner and everything attached (attempts, visits, answers, certificate)."""
        with self.transaction() as db:
            deleted = db.execute(delete(learners).where(learners.c.id == learner_id)).rowcount
        return bool(deleted)

    def purge_inactive(self, before: datetime) -> int:
        """Erase learners not seen since `before` (the retention setting); returns how many."""
        with self.transaction() as db:
            seen = func.coalesce(learners.c.last_seen_at, learners.c.created_at)
            count = db.execute(delete(learners).where(seen < before)).rowcount
            db.execute(delete(guard_failures).where(guard_failures.c.at < before))
        return int(count or 0)

    def learner_data(self, learner_id: str) -> dict[str, Any]:
        """Everything stored about a learner, as JSON-ready data (the right of access)."""
        learner = self.learner(learner_id)
        if learner is None:
            return {}
        with self.transaction() as db:
            attempt_rows = db.execute(
                select(attempts)
                .where(attempts.c.learner_id == learner_id)
                .order_by(attempts.c.started_at)
            ).mappings()
            attempt_data = [
                {
                    "quiz": r["quiz_id"],
                    "commencé": _iso(r["started_at"]),
                    "terminé": _iso(r["submitted_at"]),
                    "score": r["score"],
                    "score_maximal": r["max_score"],
                    "pourcentage": r["percent"],
                    "réussi": r["passed"],
                    "réponses": r["responses"],
                }
                for r in attempt_rows
            ]
        certificate = self.certificate_of(learner_id)
        return {
            "apprenant": {
                "nom": learner.name,
                "email": learner.email,
                "inscrit le": _iso(learner.created_at),
            },
            "modules": {
                visit.lesson_id: {
                    "première visite": _iso(visit.first_at),
                    "dernière visite": _iso(visit.last_at),
                    "secondes": visit.seconds,
                    "terminé le": _iso(visit.completed_at),
                }
                for visit in self.lesson_visits(learner_id).values()
            },
            "quiz": attempt_data,
            "exercices": self.exercise_answers(learner_id),
            **self._workshop_data(learner_id),
            "attestation": None
            if certificate is None
            else {
                "code": certificate.code,
                "délivrée le": _iso(certificate.issued_at),
                "pourcentage": certificate.percent,
                "modules": list(certificate.modules),
            },
        }

    def _workshop_data(self, learner_id: str) -> dict[str, Any]:
        """The workshops a learner joined and their live answers (part of their data)."""
        with self.transaction() as db:
            joined = db.execute(
                select(workshops.c.code, workshops.c.title, workshop_members)
                .join(workshop_members, workshop_members.c.workshop_id == workshops.c.id)
                .where(workshop_members.c.learner_id == learner_id)
                .order_by(workshop_members.c.joined_at)
            ).all()
            answered = db.execute(
                select(live_questions.c.quiz_id, live_questions.c.question_id, live_answers)
                .join(live_answers, live_answers.c.live_question_id == live_questions.c.id)
                .where(live_answers.c.learner_id == learner_id)
                .order_by(live_answers.c.answered_at)
            ).all()
        return {
            "ateliers": [
                {
                    "code": row.code,
                    "titre": row.title,
                    "nom affiché": row.display_name,
                    "rejoint le": _iso(row.joined_at),
                }
                for row in joined
            ],
            "questions en direct": [
                {
                    "quiz": row.quiz_id,
                    "question": row.question_id,
                    "réponse": row.response,
                    "points": row.points,
                    "répondu le": _iso(row.answered_at),
                }
                for row in answered
            ],
        }


def _aware(moment: datetime) -> datetime:
    return _utc(moment) or moment


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else _aware(moment).isoformat()


def _learner(row: Any) -> Learner:
    return Learner(row.id, row.name, row.email, _aware(row.created_at))


def _certificate(row: Any) -> Certificate:
    return Certificate(
        row.code,
        row.learner_id,
        row.learner_name,
        row.course_title,
        row.percent,
        tuple(row.modules),
        _aware(row.issued_at),
    )


def _upsert(
    db: Connection,
    table: Table,
    keys: dict[str, Any],
    values: dict[str, Any],
    on_conflict: dict[str, Any],
) -> None:
    """Insert a row, or update it when its key exists, atomically on SQLite and PostgreSQL."""
    dialect_insert = postgresql_insert if db.dialect.name == "postgresql" else sqlite_insert
    statement = dialect_insert(table).values(**keys, **values)
    db.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=on_conflict))
