"""Learners in the database: their records and resume codes, module visits, exercise answers,
erasure and the retention purge.

A resume code is shown to its learner once: only its keyed digest (HMAC-SHA-256 with the server
secret, course/storage/secret.py) is stored. Databases from before kept plain SHA-256 digests:
such a digest still opens its record once, and is replaced by the keyed one at that moment. Erasing a
learner erases everything attached to them (the tables cascade).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, delete, func, insert, select, update
from sqlalchemy.engine import Connection, Row
from sqlalchemy.exc import IntegrityError

from course.codes import code_digest, new_code, normalise_code
from course.storage.database import Database, dialect_insert
from course.storage.schema import exercise_answers, guard_failures, learners, lesson_visits


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


def learner_from(row: Row[Any]) -> Learner:
    """A learner from a row of the `learners` table."""
    return Learner(row.id, row.name, row.email, row.created_at)


def visit_from(row: Row[Any]) -> LessonVisit:
    """A module visit from a row of the `lesson_visits` table."""
    return LessonVisit(row.lesson_id, row.first_at, row.last_at, row.seconds, row.completed_at)


def _upsert(
    db: Connection,
    table: Table,
    keys: dict[str, Any],
    values: dict[str, Any],
    on_conflict: dict[str, Any],
) -> None:
    """Insert a row, or update it when its key exists, atomically on SQLite and PostgreSQL."""
    statement = dialect_insert(db, table).values(**keys, **values)
    db.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=on_conflict))


class Learners:
    """The learners kept in a database, and what they did outside quizzes."""

    def __init__(self, database: Database, secret: bytes) -> None:
        self.database = database
        self._secret = secret

    def _digest(self, code: str) -> str:
        return code_digest(code, pepper=self._secret)

    # --- Records and resume codes ---------------------------------------------------------------

    def add(self, name: str, now: datetime | None = None) -> str:
        """Create a learner without a resume code; returns an unguessable id."""
        learner_id = secrets.token_hex(16)
        with self.database.transaction() as db:
            db.execute(
                insert(learners).values(
                    id=learner_id, name=name, created_at=now or datetime.now(UTC)
                )
            )
        return learner_id

    def create(
        self, name: str, email: str | None = None, now: datetime | None = None
    ) -> tuple[Learner, str]:
        """A learner with a personal resume code; returns the learner and the code (shown once,
        only its digest is stored)."""
        at = now or datetime.now(UTC)
        learner_id = secrets.token_hex(16)
        while True:
            code = new_code()
            try:
                with self.database.transaction() as db:
                    db.execute(
                        insert(learners).values(
                            id=learner_id,
                            name=name,
                            email=email,
                            created_at=at,
                            last_seen_at=at,
                            resume_digest=self._digest(code),
                        )
                    )
                return Learner(learner_id, name, email, at), code
            except IntegrityError:
                continue  # a code already taken (about one chance in a trillion): draw again

    def get(self, learner_id: str) -> Learner | None:
        """The learner with this id, or None."""
        query = select(learners).where(learners.c.id == learner_id)
        return self.database.fetch_one(query, learner_from)

    def exists(self, learner_id: str) -> bool:
        """Whether this learner is still on record."""
        query = select(learners.c.id).where(learners.c.id == learner_id)
        return self.database.fetch_one(query) is not None

    def by_code(self, code: str) -> Learner | None:
        """The learner whose resume code this is (typed loosely), or None."""
        canonical = normalise_code(code)
        if canonical is None:
            return None
        keyed = self._digest(canonical)
        with self.database.transaction() as db:
            row = db.execute(select(learners).where(learners.c.resume_digest == keyed)).first()
            if row is None:  # a digest stored before keyed digests: re-keyed on this success
                plain = code_digest(canonical)
                row = db.execute(select(learners).where(learners.c.resume_digest == plain)).first()
                if row is not None:
                    db.execute(
                        update(learners)
                        .where(learners.c.id == row.id, learners.c.resume_digest == plain)
                        .values(resume_digest=keyed)
                    )
        return None if row is None else learner_from(row)

    def named(self, name: str) -> list[Learner]:
        """Learners with exactly this name (for the command line)."""
        with self.database.transaction() as db:
            rows = db.execute(
                select(learners).where(learners.c.name == name).order_by(learners.c.created_at)
            ).all()
        return [learner_from(row) for row in rows]

    def new_resume_code(self, learner_id: str) -> str:
        """Replace a learner's resume code (the old one stops working)."""
        code = new_code()
        with self.database.transaction() as db:
            db.execute(
                update(learners)
                .where(learners.c.id == learner_id)
                .values(resume_digest=self._digest(code))
            )
        return code

    def seen(self, learner_id: str, now: datetime | None = None) -> None:
        """Note the learner's latest activity (the retention period counts from it)."""
        with self.database.transaction() as db:
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
        with self.database.transaction() as db:
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
        with self.database.transaction() as db:
            db.execute(
                update(lesson_visits)
                .where(
                    lesson_visits.c.learner_id == learner_id,
                    lesson_visits.c.lesson_id == lesson_id,
                    lesson_visits.c.completed_at.is_(None),
                )
                .values(completed_at=at)
            )

    def visits(self, learner_id: str) -> dict[str, LessonVisit]:
        """The learner's module visits, by lesson id."""
        with self.database.transaction() as db:
            rows = db.execute(select(lesson_visits).where(lesson_visits.c.learner_id == learner_id))
            return {row.lesson_id: visit_from(row) for row in rows}

    def save_exercise(
        self, learner_id: str, exercise_id: str, data: dict[str, Any], now: datetime | None = None
    ) -> None:
        """The learner's latest answers to an exercise (for their action plan)."""
        at = now or datetime.now(UTC)
        with self.database.transaction() as db:
            _upsert(
                db,
                exercise_answers,
                {"learner_id": learner_id, "exercise_id": exercise_id},
                {"data": data, "updated_at": at},
                {"data": data, "updated_at": at},
            )

    def exercise_answers(self, learner_id: str) -> dict[str, dict[str, Any]]:
        """The learner's latest answers to each exercise, by exercise id."""
        with self.database.transaction() as db:
            rows = db.execute(
                select(exercise_answers.c.exercise_id, exercise_answers.c.data).where(
                    exercise_answers.c.learner_id == learner_id
                )
            )
            return {row.exercise_id: row.data for row in rows}

    # --- Erasure and retention (RGPD) -----------------------------------------------------------

    def delete(self, learner_id: str) -> bool:
        """Erase a learner and everything attached (attempts, visits, answers, certificate)."""
        with self.database.transaction() as db:
            deleted = db.execute(delete(learners).where(learners.c.id == learner_id)).rowcount
        return bool(deleted)

    def purge_inactive(self, before: datetime) -> int:
        """Erase learners not seen since `before` (the retention setting); returns how many."""
        with self.database.transaction() as db:
            seen = func.coalesce(learners.c.last_seen_at, learners.c.created_at)
            count = db.execute(delete(learners).where(seen < before)).rowcount
            db.execute(delete(guard_failures).where(guard_failures.c.at < before))
        return int(count or 0)
