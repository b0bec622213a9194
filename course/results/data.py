"""What group results and exports read from the database: a few queries over the tables of
course/storage/schema.py, for every learner or only a workshop's members, in one transaction.

Rows come back as plain frozen dataclasses (with time zone-aware datetimes, as every timestamp
column reads them), so the rest of the reporting code never touches SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.engine import Connection

from course.storage.attempts import FinishedAttempt
from course.storage.learners import Learner, LessonVisit, learner_from, visit_from
from course.storage.schema import (
    attempts,
    certificates,
    learners,
    lesson_visits,
    live_answers,
    live_questions,
    workshop_members,
    workshops,
)
from course.storage.store import Store


@dataclass(frozen=True)
class Membership:
    """A workshop a learner joined, and the name the room saw."""

    workshop_id: str
    title: str
    display_name: str


@dataclass(frozen=True)
class LearnerRecord:
    """A learner with the workshops they joined (oldest first) and their certificate code."""

    learner: Learner
    memberships: tuple[Membership, ...] = ()
    certificate_code: str | None = None


@dataclass(frozen=True)
class AttemptRecord:
    """A finished attempt with what was answered and how each question scored."""

    finished: FinishedAttempt
    learner_id: str
    responses: dict[str, Any]
    fractions: dict[str, float]


@dataclass(frozen=True)
class LiveAnswerRecord:
    """An answer to a question put to a workshop, with that question and its workshop."""

    live_question_id: str
    workshop_id: str
    workshop_title: str
    number: int
    quiz_id: str
    question_id: str
    launched_at: datetime
    learner_id: str
    response: Any
    fraction: float
    points: float
    answered_at: datetime


@dataclass(frozen=True)
class ResultsData:
    """Everything group results need, for one scope (all learners or one workshop)."""

    workshop_id: str | None
    workshop_title: str | None
    learners: tuple[LearnerRecord, ...]
    attempts: tuple[AttemptRecord, ...]
    visits: dict[str, dict[str, LessonVisit]] = field(default_factory=dict)
    live_answers: tuple[LiveAnswerRecord, ...] = ()


def _members_of(workshop_id: str) -> Select[tuple[str]]:
    return select(workshop_members.c.learner_id).where(
        workshop_members.c.workshop_id == workshop_id
    )


def _in_scope(column: Any, workshop_id: str | None) -> Any:
    """A condition keeping rows of the workshop's members (every row without a workshop)."""
    return column.is_not(None) if workshop_id is None else column.in_(_members_of(workshop_id))


def _learners(db: Connection, workshop_id: str | None) -> list[Learner]:
    rows = db.execute(
        select(learners)
        .where(_in_scope(learners.c.id, workshop_id))
        .order_by(learners.c.name, learners.c.created_at)
    ).all()
    return [learner_from(row) for row in rows]


def _memberships(db: Connection, workshop_id: str | None) -> dict[str, list[Membership]]:
    query = (
        select(workshop_members, workshops.c.title)
        .join(workshops, workshops.c.id == workshop_members.c.workshop_id)
        .order_by(workshop_members.c.joined_at)
    )
    if workshop_id is not None:
        query = query.where(workshop_members.c.workshop_id == workshop_id)
    found: dict[str, list[Membership]] = {}
    for row in db.execute(query):
        found.setdefault(row.learner_id, []).append(
            Membership(row.workshop_id, row.title, row.display_name)
        )
    return found


def _workshop_title(db: Connection, workshop_id: str | None) -> str | None:
    if workshop_id is None:
        return None
    title = db.execute(select(workshops.c.title).where(workshops.c.id == workshop_id)).scalar()
    return None if title is None else str(title)


def _certificate_codes(db: Connection, workshop_id: str | None) -> dict[str, str]:
    rows = db.execute(
        select(certificates.c.learner_id, certificates.c.code).where(
            _in_scope(certificates.c.learner_id, workshop_id)
        )
    )
    return {row.learner_id: row.code for row in rows}


def _attempt(row: Any) -> AttemptRecord:
    finished = FinishedAttempt(
        row.id,
        row.quiz_id,
        row.quiz_hash,
        float(row.score or 0.0),
        float(row.max_score or 0.0),
        float(row.percent or 0.0),
        bool(row.passed),
        row.started_at,
        row.submitted_at,
    )
    return AttemptRecord(finished, row.learner_id, row.responses or {}, row.fractions or {})


def _attempts(db: Connection, workshop_id: str | None) -> list[AttemptRecord]:
    rows = db.execute(
        select(attempts)
        .where(attempts.c.submitted_at.is_not(None), _in_scope(attempts.c.learner_id, workshop_id))
        .order_by(attempts.c.submitted_at, attempts.c.id)
    ).all()
    return [_attempt(row) for row in rows]


def _visits(db: Connection, workshop_id: str | None) -> dict[str, dict[str, LessonVisit]]:
    rows = db.execute(
        select(lesson_visits).where(_in_scope(lesson_visits.c.learner_id, workshop_id))
    ).all()
    found: dict[str, dict[str, LessonVisit]] = {}
    for row in rows:
        found.setdefault(row.learner_id, {})[row.lesson_id] = visit_from(row)
    return found


def _live_answers(db: Connection, workshop_id: str | None) -> list[LiveAnswerRecord]:
    query = (
        select(
            live_questions.c.id.label("live_question_id"),
            live_questions.c.workshop_id,
            workshops.c.title.label("workshop_title"),
            live_questions.c.number,
            live_questions.c.quiz_id,
            live_questions.c.question_id,
            live_questions.c.launched_at,
            live_answers.c.learner_id,
            live_answers.c.response,
            live_answers.c.fraction,
            live_answers.c.points,
            live_answers.c.answered_at,
        )
        .join(live_answers, live_answers.c.live_question_id == live_questions.c.id)
        .join(workshops, workshops.c.id == live_questions.c.workshop_id)
        .order_by(live_answers.c.answered_at, live_questions.c.number, live_answers.c.learner_id)
    )
    if workshop_id is not None:
        query = query.where(live_questions.c.workshop_id == workshop_id)
    return [
        LiveAnswerRecord(
            r.live_question_id,
            r.workshop_id,
            r.workshop_title,
            r.number,
            r.quiz_id,
            r.question_id,
            r.launched_at,
            r.learner_id,
            r.response,
            float(r.fraction),
            float(r.points),
            r.answered_at,
        )
        for r in db.execute(query)
    ]


def read_results(store: Store, workshop_id: str | None = None) -> ResultsData:
    """Every learner's records (or a workshop's members' and its live answers), read at once."""
    with store.transaction() as db:
        found = _learners(db, workshop_id)
        memberships = _memberships(db, workshop_id)
        codes = _certificate_codes(db, workshop_id)
        records = tuple(
            LearnerRecord(learner, tuple(memberships.get(learner.id, ())), codes.get(learner.id))
            for learner in found
        )
        return ResultsData(
            workshop_id,
            _workshop_title(db, workshop_id),
            records,
            tuple(_attempts(db, workshop_id)),
            _visits(db, workshop_id),
            tuple(_live_answers(db, workshop_id)),
        )


def results_fingerprint(store: Store, workshop_id: str | None = None) -> tuple[Any, ...]:
    """A cheap summary that changes whenever results do (to cache exports between reruns)."""
    with store.transaction() as db:
        summaries = [
            select(func.count(), func.max(learners.c.last_seen_at)).where(
                _in_scope(learners.c.id, workshop_id)
            ),
            select(func.count(), func.max(attempts.c.submitted_at)).where(
                attempts.c.submitted_at.is_not(None),
                _in_scope(attempts.c.learner_id, workshop_id),
            ),
            select(
                func.count(), func.sum(lesson_visits.c.seconds), func.max(lesson_visits.c.last_at)
            ).where(_in_scope(lesson_visits.c.learner_id, workshop_id)),
            select(func.count(), func.max(live_answers.c.answered_at)).where(
                _in_scope(live_answers.c.learner_id, workshop_id)
            ),
            select(func.count(), func.max(certificates.c.issued_at)).where(
                _in_scope(certificates.c.learner_id, workshop_id)
            ),
        ]
        return tuple(tuple(db.execute(query).one()) for query in summaries)
