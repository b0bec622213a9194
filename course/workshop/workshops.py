"""Workshops in the database: join codes, participants, live questions and their answers.

Everything lives in the shared database, so several app servers behind a load balancer see
the same workshop: a question launched through one is answered through another. A participant
answers a live question once (a double click or two tabs change nothing), and only while it is
open; the question closes before its answer is revealed.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, func, insert, literal, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from course.codes import new_code, normalise_code
from course.storage.schema import (
    learners,
    live_answers,
    live_questions,
    workshop_members,
    workshops,
)
from course.storage.store import Store

# Join codes: « K7Q-F29 », 6 symbols of Crockford's base 32 (30 bits), quick to type on a phone
# and read from the back of a room; they only open a workshop, never a learner's record.
JOIN_GROUPS, JOIN_SIZE = 2, 3


def normalise_join_code(text: str) -> str | None:
    """The canonical join code for what a participant typed, or None."""
    return normalise_code(text, JOIN_GROUPS, JOIN_SIZE)


def _aware(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


@dataclass(frozen=True)
class Workshop:
    id: str
    code: str
    title: str
    leaderboard: bool
    created_at: datetime
    closed_at: datetime | None

    @property
    def open(self) -> bool:
        return self.closed_at is None


@dataclass(frozen=True)
class Member:
    """A participant: their learner record, the name on it and the name shown to the room."""

    learner_id: str
    name: str
    display_name: str
    joined_at: datetime


@dataclass(frozen=True)
class LiveQuestion:
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
    live_question_id: str
    learner_id: str
    response: Any
    fraction: float
    points: float
    answered_at: datetime


def _workshop(row: Any) -> Workshop:
    return Workshop(
        row.id,
        row.code,
        row.title,
        bool(row.leaderboard),
        _aware(row.created_at) or row.created_at,
        _aware(row.closed_at),
    )


def _live_question(row: Any) -> LiveQuestion:
    return LiveQuestion(
        row.id,
        row.workshop_id,
        row.number,
        row.quiz_id,
        row.question_id,
        _aware(row.launched_at) or row.launched_at,
        _aware(row.closed_at),
        _aware(row.revealed_at),
    )


def _live_answer(row: Any) -> LiveAnswer:
    return LiveAnswer(
        row.live_question_id,
        row.learner_id,
        row.response,
        row.fraction,
        row.points,
        _aware(row.answered_at) or row.answered_at,
    )


def _insert_ignoring_duplicates(db: Connection, table: Any) -> Any:
    return (postgresql_insert if db.dialect.name == "postgresql" else sqlite_insert)(table)


class Workshops:
    """The workshops kept in a store's database."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # --- Workshops ------------------------------------------------------------------------------

    def open_workshop(
        self, title: str, leaderboard: bool = False, now: datetime | None = None
    ) -> Workshop:
        """A new workshop with a fresh join code (drawn again in the rare case it is taken)."""
        values = {
            "id": secrets.token_hex(16),
            "title": title,
            "leaderboard": leaderboard,
            "created_at": _now(now),
        }
        while True:
            code = new_code(JOIN_GROUPS, JOIN_SIZE)
            try:
                with self.store.transaction() as db:
                    db.execute(insert(workshops).values(code=code, **values))
            except IntegrityError:
                continue
            found = self.workshop(str(values["id"]))
            assert found is not None
            return found

    def workshop(self, workshop_id: str) -> Workshop | None:
        with self.store.transaction() as db:
            row = db.execute(select(workshops).where(workshops.c.id == workshop_id)).first()
        return _workshop(row) if row else None

    def by_code(self, typed: str) -> Workshop | None:
        """The workshop whose join code this is (typed loosely), or None."""
        code = normalise_join_code(typed)
        if code is None:
            return None
        with self.store.transaction() as db:
            row = db.execute(select(workshops).where(workshops.c.code == code)).first()
        return _workshop(row) if row else None

    def recent(self, limit: int = 20) -> list[Workshop]:
        """The latest workshops, newest first."""
        with self.store.transaction() as db:
            rows = db.execute(
                select(workshops).order_by(workshops.c.created_at.desc()).limit(limit)
            ).all()
        return [_workshop(row) for row in rows]

    def close_workshop(self, workshop_id: str, now: datetime | None = None) -> None:
        """Nobody can join any more; the current question closes too."""
        at = _now(now)
        with self.store.transaction() as db:
            db.execute(
                update(workshops)
                .where(workshops.c.id == workshop_id, workshops.c.closed_at.is_(None))
                .values(closed_at=at)
            )
            db.execute(
                update(live_questions)
                .where(
                    live_questions.c.workshop_id == workshop_id,
                    live_questions.c.closed_at.is_(None),
                )
                .values(closed_at=at)
            )

    def set_leaderboard(self, workshop_id: str, shown: bool) -> None:
        with self.store.transaction() as db:
            db.execute(
                update(workshops).where(workshops.c.id == workshop_id).values(leaderboard=shown)
            )

    # --- Participants -----------------------------------------------------------------------------

    def join(
        self, workshop_id: str, learner_id: str, display_name: str, now: datetime | None = None
    ) -> None:
        """Add a learner to the workshop's roster; joining again keeps the first entry."""
        with self.store.transaction() as db:
            statement = _insert_ignoring_duplicates(db, workshop_members).values(
                workshop_id=workshop_id,
                learner_id=learner_id,
                display_name=display_name,
                joined_at=_now(now),
            )
            db.execute(statement.on_conflict_do_nothing())

    def is_member(self, workshop_id: str, learner_id: str) -> bool:
        with self.store.transaction() as db:
            row = db.execute(
                select(workshop_members.c.learner_id).where(
                    workshop_members.c.workshop_id == workshop_id,
                    workshop_members.c.learner_id == learner_id,
                )
            ).first()
        return row is not None

    def roster(self, workshop_id: str) -> list[Member]:
        """The participants, in the order they joined."""
        with self.store.transaction() as db:
            rows = db.execute(
                select(
                    workshop_members.c.learner_id,
                    learners.c.name,
                    workshop_members.c.display_name,
                    workshop_members.c.joined_at,
                )
                .join(learners, learners.c.id == workshop_members.c.learner_id)
                .where(workshop_members.c.workshop_id == workshop_id)
                .order_by(workshop_members.c.joined_at, learners.c.name)
            ).all()
        return [
            Member(r.learner_id, r.name, r.display_name, _aware(r.joined_at) or r.joined_at)
            for r in rows
        ]

    def workshops_of(self, learner_id: str) -> list[Workshop]:
        """The workshops a learner joined (for their own data), oldest first."""
        with self.store.transaction() as db:
            rows = db.execute(
                select(workshops)
                .join(workshop_members, workshop_members.c.workshop_id == workshops.c.id)
                .where(workshop_members.c.learner_id == learner_id)
                .order_by(workshops.c.created_at)
            ).all()
        return [_workshop(row) for row in rows]

    # --- Live questions ---------------------------------------------------------------------------

    def launch(
        self, workshop_id: str, quiz_id: str, question_id: str, now: datetime | None = None
    ) -> LiveQuestion:
        """Put a question to the room; the previous one, if still open, closes."""
        at = _now(now)
        question_id_value = secrets.token_hex(16)
        for _ in range(20):
            try:
                with self.store.transaction() as db:
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
                            id=question_id_value,
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
        launched = self.live_question(question_id_value)
        if launched is None:
            raise RuntimeError("the live question could not be stored")
        return launched

    def live_question(self, live_question_id: str) -> LiveQuestion | None:
        with self.store.transaction() as db:
            row = db.execute(
                select(live_questions).where(live_questions.c.id == live_question_id)
            ).first()
        return _live_question(row) if row else None

    def current_question(self, workshop_id: str) -> LiveQuestion | None:
        """The latest question put to the workshop (open, closed or revealed), or None."""
        with self.store.transaction() as db:
            row = db.execute(
                select(live_questions)
                .where(live_questions.c.workshop_id == workshop_id)
                .order_by(live_questions.c.number.desc())
                .limit(1)
            ).first()
        return _live_question(row) if row else None

    def questions(self, workshop_id: str) -> list[LiveQuestion]:
        """Every question put to the workshop, in order."""
        with self.store.transaction() as db:
            rows = db.execute(
                select(live_questions)
                .where(live_questions.c.workshop_id == workshop_id)
                .order_by(live_questions.c.number)
            ).all()
        return [_live_question(row) for row in rows]

    def close_question(self, live_question_id: str, now: datetime | None = None) -> None:
        """No more answers are taken."""
        with self.store.transaction() as db:
            db.execute(
                update(live_questions)
                .where(
                    live_questions.c.id == live_question_id, live_questions.c.closed_at.is_(None)
                )
                .values(closed_at=_now(now))
            )

    def reveal(self, live_question_id: str, now: datetime | None = None) -> None:
        """Show the right answer and the explanation on every screen (closing the question)."""
        at = _now(now)
        self.close_question(live_question_id, at)
        with self.store.transaction() as db:
            db.execute(
                update(live_questions)
                .where(
                    live_questions.c.id == live_question_id,
                    live_questions.c.revealed_at.is_(None),
                )
                .values(revealed_at=at)
            )

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
        at = _now(now)
        with self.store.transaction() as db:
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
            statement = _insert_ignoring_duplicates(db, live_answers).from_select(
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
        with self.store.transaction() as db:
            rows = db.execute(
                select(live_answers)
                .where(live_answers.c.live_question_id == live_question_id)
                .order_by(live_answers.c.answered_at)
            ).all()
        return [_live_answer(row) for row in rows]

    def answer_count(self, live_question_id: str) -> int:
        with self.store.transaction() as db:
            count = db.execute(
                select(func.count())
                .select_from(live_answers)
                .where(live_answers.c.live_question_id == live_question_id)
            ).scalar()
        return int(count or 0)

    def answer_of(self, live_question_id: str, learner_id: str) -> LiveAnswer | None:
        with self.store.transaction() as db:
            row = db.execute(
                select(live_answers).where(
                    live_answers.c.live_question_id == live_question_id,
                    live_answers.c.learner_id == learner_id,
                )
            ).first()
        return _live_answer(row) if row else None

    def answers_of(self, learner_id: str) -> list[tuple[LiveQuestion, LiveAnswer]]:
        """A learner's live answers with their questions (their record), oldest first."""
        with self.store.transaction() as db:
            rows = db.execute(
                select(live_questions, live_answers)
                .join(live_answers, live_answers.c.live_question_id == live_questions.c.id)
                .where(live_answers.c.learner_id == learner_id)
                .order_by(live_answers.c.answered_at)
            ).all()
        return [(_live_question(row), _live_answer(row)) for row in rows]

    def workshop_answers(self, workshop_id: str) -> list[tuple[LiveQuestion, LiveAnswer]]:
        """Every live answer given in a workshop (group results and exports)."""
        with self.store.transaction() as db:
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
        with self.store.transaction() as db:
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
