"""Live questions in the database: put to a workshop's room, answered, closed and revealed.

A participant answers a live question once (a double click or two tabs change nothing), and
only while it is open; the question closes before its answer is revealed. Everything lives in
the shared database, so a question launched through one server is answered through another.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, func, insert, literal, select, update
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError

from course.storage.database import Database, dialect_insert
from course.storage.schema import live_answers, live_questions, workshop_members


@dataclass(frozen=True)
class LiveQuestion:
    """A question of a quiz put to a workshop, numbered 1, 2, 3… within it."""

    id: str
    workshop_id: str
    number: int
    quiz_id: str
    question_id: str
    launched_at: datetime
    closed_at: datetime | None
    revealed_at: datetime | None

    @property
    def state(self) -> str:
        """ "open", "closed" or "revealed"."""
        if self.revealed_at is not None:
            return "revealed"
        return "open" if self.closed_at is None else "closed"


@dataclass(frozen=True)
class LiveAnswer:
    """A participant's answer to a live question and what it scored."""

    live_question_id: str
    learner_id: str
    response: Any
    fraction: float
    points: float
    answered_at: datetime


def _live_question(row: Row[Any]) -> LiveQuestion:
    return LiveQuestion(
        row.id,
        row.workshop_id,
        row.number,
        row.quiz_id,
        row.question_id,
        row.launched_at,
        row.closed_at,
        row.revealed_at,
    )


def _live_answer(row: Row[Any]) -> LiveAnswer:
    return LiveAnswer(
        row.live_question_id,
        row.learner_id,
        row.response,
        row.fraction,
        row.points,
        row.answered_at,
    )


class LiveQuestions:
    """The live questions of the workshops kept in a database, and their answers."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # --- Questions --------------------------------------------------------------------------------

    def launch(
        self, workshop_id: str, quiz_id: str, question_id: str, now: datetime | None = None
    ) -> LiveQuestion:
        """Put a question to the room; the previous one, if still open, closes."""
        at = now or datetime.now(UTC)
        live_question_id = secrets.token_hex(16)
        for _ in range(20):
            try:
                with self.database.transaction() as db:
                    db.execute(
                        update(live_questions)
                        .where(
                            live_questions.c.workshop_id == workshop_id,
                            live_questions.c.closed_at.is_(None),
                        )
                        .values(closed_at=at)
                    )
                    number = db.execute(
                        select(func.coalesce(func.max(live_questions.c.number), 0)).where(
                            live_questions.c.workshop_id == workshop_id
                        )
                    ).scalar_one()
                    db.execute(
                        insert(live_questions).values(
                            id=live_question_id,
                            workshop_id=workshop_id,
                            number=number + 1,
                            quiz_id=quiz_id,
                            question_id=question_id,
                            launched_at=at,
                        )
                    )
                break
            except IntegrityError:
                continue  # another server launched at the same moment: take the next number
        launched = self.live_question(live_question_id)
        if launched is None:
            raise RuntimeError("the live question could not be stored")
        return launched

    def live_question(self, live_question_id: str) -> LiveQuestion | None:
        """The live question with this id, or None."""
        query = select(live_questions).where(live_questions.c.id == live_question_id)
        return self.database.fetch_one(query, _live_question)

    def current_question(self, workshop_id: str) -> LiveQuestion | None:
        """The latest question put to the workshop (open, closed or revealed), or None."""
        query = (
            select(live_questions)
            .where(live_questions.c.workshop_id == workshop_id)
            .order_by(live_questions.c.number.desc())
            .limit(1)
        )
        return self.database.fetch_one(query, _live_question)

    def questions(self, workshop_id: str) -> list[LiveQuestion]:
        """Every question put to the workshop, in order."""
        with self.database.transaction() as db:
            rows = db.execute(
                select(live_questions)
                .where(live_questions.c.workshop_id == workshop_id)
                .order_by(live_questions.c.number)
            ).all()
        return [_live_question(row) for row in rows]

    def close_question(self, live_question_id: str, now: datetime | None = None) -> None:
        """No more answers are taken."""
        with self.database.transaction() as db:
            db.execute(
                update(live_questions)
                .where(
                    live_questions.c.id == live_question_id, live_questions.c.closed_at.is_(None)
                )
                .values(closed_at=now or datetime.now(UTC))
            )

    def reveal(self, live_question_id: str, now: datetime | None = None) -> None:
        """Show the right answer and the explanation on every screen (closing the question)."""
        at = now or datetime.now(UTC)
        self.close_question(live_question_id, at)
        with self.database.transaction() as db:
            db.execute(
                update(live_questions)
                .where(
                    live_questions.c.id == live_question_id,
                    live_questions.c.revealed_at.is_(None),
                )
                .values(revealed_at=at)
            )

    # --- Answers ----------------------------------------------------------------------------------

    def answer(
        self,
        live_question_id: str,
        learner_id: str,
        response: Any,
        fraction: float,
        points: float,
        now: datetime | None = None,
    ) -> bool:
        """Store a participant's answer; False when the question is closed or already answered.

        The answer is inserted only if the question is still open, in one statement, so an
        answer racing the trainer's « Clore » is either in before the close or refused.
        """
        at = now or datetime.now(UTC)
        with self.database.transaction() as db:
            source = select(
                literal(live_question_id),
                literal(learner_id),
                literal(response, live_answers.c.response.type),
                literal(fraction),
                literal(points),
                literal(at, live_answers.c.answered_at.type),
            ).where(
                and_(
                    live_questions.c.id == live_question_id,
                    live_questions.c.closed_at.is_(None),
                )
            )
            statement = dialect_insert(db, live_answers).from_select(
                ["live_question_id", "learner_id", "response", "fraction", "points", "answered_at"],
                source,
            )
            # RETURNING, not rowcount: psycopg reports -1 for an INSERT … SELECT that inserted nothing
            stored = db.execute(
                statement.on_conflict_do_nothing().returning(live_answers.c.learner_id)
            ).first()
        return stored is not None

    def answers(self, live_question_id: str) -> list[LiveAnswer]:
        """The answers to a live question, first answered first."""
        with self.database.transaction() as db:
            rows = db.execute(
                select(live_answers)
                .where(live_answers.c.live_question_id == live_question_id)
                .order_by(live_answers.c.answered_at)
            ).all()
        return [_live_answer(row) for row in rows]

    def answer_count(self, live_question_id: str) -> int:
        """How many participants answered the live question."""
        with self.database.transaction() as db:
            count = db.execute(
                select(func.count())
                .select_from(live_answers)
                .where(live_answers.c.live_question_id == live_question_id)
            ).scalar()
        return int(count or 0)

    def answer_of(self, live_question_id: str, learner_id: str) -> LiveAnswer | None:
        """A participant's answer to the live question, or None."""
        query = select(live_answers).where(
            live_answers.c.live_question_id == live_question_id,
            live_answers.c.learner_id == learner_id,
        )
        return self.database.fetch_one(query, _live_answer)

    def answers_of(self, learner_id: str) -> list[tuple[LiveQuestion, LiveAnswer]]:
        """A learner's live answers with their questions (their record), oldest first."""
        with self.database.transaction() as db:
            rows = db.execute(
                select(live_questions, live_answers)
                .join(live_answers, live_answers.c.live_question_id == live_questions.c.id)
                .where(live_answers.c.learner_id == learner_id)
                .order_by(live_answers.c.answered_at)
            ).all()
        return [(_live_question(row), _live_answer(row)) for row in rows]

    def workshop_answers(self, workshop_id: str) -> list[tuple[LiveQuestion, LiveAnswer]]:
        """Every live answer given in a workshop (group results and exports)."""
        with self.database.transaction() as db:
            rows = db.execute(
                select(live_questions, live_answers)
                .join(live_answers, live_answers.c.live_question_id == live_questions.c.id)
                .where(live_questions.c.workshop_id == workshop_id)
                .order_by(live_questions.c.number, live_answers.c.answered_at)
            ).all()
        return [(_live_question(row), _live_answer(row)) for row in rows]

    def leaderboard(self, workshop_id: str) -> list[tuple[str, float]]:
        """(display name, points) of every participant, best first; names are first names or
        pseudonyms, never full names."""
        points = func.coalesce(func.sum(live_answers.c.points), 0.0)
        with self.database.transaction() as db:
            rows = db.execute(
                select(workshop_members.c.display_name, points.label("points"))
                .select_from(workshop_members)
                .outerjoin(
                    live_questions, live_questions.c.workshop_id == workshop_members.c.workshop_id
                )
                .outerjoin(
                    live_answers,
                    and_(
                        live_answers.c.live_question_id == live_questions.c.id,
                        live_answers.c.learner_id == workshop_members.c.learner_id,
                    ),
                )
                .where(workshop_members.c.workshop_id == workshop_id)
                .group_by(workshop_members.c.learner_id, workshop_members.c.display_name)
                .order_by(points.desc(), workshop_members.c.display_name)
            ).all()
        return [(row.display_name, float(row.points)) for row in rows]
