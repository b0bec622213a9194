"""Quiz attempts in the database: each attempt, its numbered steps and its result.

A step's primary key is (attempt, number): a replayed step cannot be stored twice, even by two
server processes at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection, Row
from sqlalchemy.exc import IntegrityError

from course.quiz.attempts import Attempt, Step
from course.quiz.grading import QuizResult
from course.storage.database import Database
from course.storage.schema import attempts, steps


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


def _finished(row: Row[Any]) -> FinishedAttempt:
    return FinishedAttempt(
        row.id,
        row.quiz_id,
        row.quiz_hash,
        row.score,
        row.max_score,
        row.percent,
        row.passed,
        row.started_at,
        row.submitted_at,
    )


def _load(db: Connection, attempt_id: str) -> Attempt | None:
    """An attempt with its steps, read in the caller's transaction."""
    row = db.execute(select(attempts).where(attempts.c.id == attempt_id)).first()
    if row is None:
        return None
    recorded = db.execute(
        select(steps).where(steps.c.attempt_id == attempt_id).order_by(steps.c.number)
    )
    return Attempt(
        row.id,
        row.learner_id,
        row.quiz_id,
        row.quiz_hash,
        row.seed,
        tuple(row.question_ids),
        row.started_at,
        row.deadline,
        tuple(Step(s.number, s.kind, s.question_id, s.response, s.at) for s in recorded),
    )


class Attempts:
    """The quiz attempts kept in a database."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def save_new(self, attempt: Attempt) -> None:
        """Store an attempt just drawn (no step yet)."""
        with self.database.transaction() as db:
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

    def load(self, attempt_id: str) -> Attempt | None:
        """The attempt with this id and its steps, or None."""
        with self.database.transaction() as db:
            return _load(db, attempt_id)

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
            return self.load(attempt.id) or attempt
        step = updated.steps[-1]
        try:
            with self.database.transaction() as db:
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
        return self.load(attempt.id) or updated

    def finish(self, attempt: Attempt, result: QuizResult, now: datetime | None = None) -> None:
        """Store the result of a submitted attempt, once."""
        with self.database.transaction() as db:
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

    def in_progress(self, learner_id: str, quiz_id: str) -> Attempt | None:
        """The learner's unfinished attempt at a quiz, to resume after a reload or a restart."""
        with self.database.transaction() as db:
            found = db.execute(
                select(attempts.c.id)
                .where(
                    attempts.c.learner_id == learner_id,
                    attempts.c.quiz_id == quiz_id,
                    attempts.c.submitted_at.is_(None),
                )
                .order_by(attempts.c.started_at.desc())
            ).first()
            return _load(db, found.id) if found else None

    def finished(self, learner_id: str, quiz_id: str | None = None) -> list[FinishedAttempt]:
        """A learner's finished attempts, oldest first."""
        query = select(attempts).where(
            attempts.c.learner_id == learner_id, attempts.c.submitted_at.is_not(None)
        )
        if quiz_id is not None:
            query = query.where(attempts.c.quiz_id == quiz_id)
        with self.database.transaction() as db:
            rows = db.execute(query.order_by(attempts.c.submitted_at)).all()
        return [_finished(row) for row in rows]
