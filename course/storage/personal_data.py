"""The right of access (RGPD): everything stored about a learner, as JSON-ready data.

French keys, ISO 8601 moments: the learner downloads it from « Mon parcours ».
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from course.storage.certificates import Certificate
from course.storage.learners import Learner, LessonVisit
from course.storage.schema import (
    attempts,
    live_answers,
    live_questions,
    workshop_members,
    workshops,
)
from course.storage.store import Store


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def learner_data(store: Store, learner_id: str) -> dict[str, Any]:
    """Everything stored about a learner (empty when there is no such learner)."""
    learner = store.learners.get(learner_id)
    if learner is None:
        return {}
    with store.transaction() as db:
        quizzes = _attempts(db, learner_id)
        joined = _workshops(db, learner_id)
        answered = _live_answers(db, learner_id)
    return {
        "apprenant": _identity(learner),
        "modules": _modules(store.learners.visits(learner_id)),
        "quiz": quizzes,
        "exercices": store.learners.exercise_answers(learner_id),
        "ateliers": joined,
        "questions en direct": answered,
        "attestation": _certificate(store.certificates.of(learner_id)),
    }


def _identity(learner: Learner) -> dict[str, Any]:
    return {"nom": learner.name, "email": learner.email, "inscrit le": _iso(learner.created_at)}


def _modules(visits: dict[str, LessonVisit]) -> dict[str, dict[str, Any]]:
    return {
        visit.lesson_id: {
            "première visite": _iso(visit.first_at),
            "dernière visite": _iso(visit.last_at),
            "secondes": visit.seconds,
            "terminé le": _iso(visit.completed_at),
        }
        for visit in visits.values()
    }


def _certificate(certificate: Certificate | None) -> dict[str, Any] | None:
    if certificate is None:
        return None
    return {
        "code": certificate.code,
        "délivrée le": _iso(certificate.issued_at),
        "pourcentage": certificate.percent,
        "modules": list(certificate.modules),
    }


def _attempts(db: Connection, learner_id: str) -> list[dict[str, Any]]:
    """Every attempt, finished or not, with its answers."""
    rows = db.execute(
        select(attempts).where(attempts.c.learner_id == learner_id).order_by(attempts.c.started_at)
    )
    return [
        {
            "quiz": row.quiz_id,
            "commencé": _iso(row.started_at),
            "terminé": _iso(row.submitted_at),
            "score": row.score,
            "score_maximal": row.max_score,
            "pourcentage": row.percent,
            "réussi": row.passed,
            "réponses": row.responses,
        }
        for row in rows
    ]


def _workshops(db: Connection, learner_id: str) -> list[dict[str, Any]]:
    """The workshops the learner joined, and the name the room saw."""
    rows = db.execute(
        select(workshops.c.code, workshops.c.title, workshop_members)
        .join(workshop_members, workshop_members.c.workshop_id == workshops.c.id)
        .where(workshop_members.c.learner_id == learner_id)
        .order_by(workshop_members.c.joined_at)
    )
    return [
        {
            "code": row.code,
            "titre": row.title,
            "nom affiché": row.display_name,
            "rejoint le": _iso(row.joined_at),
        }
        for row in rows
    ]


def _live_answers(db: Connection, learner_id: str) -> list[dict[str, Any]]:
    """The learner's answers to live questions, oldest first."""
    rows = db.execute(
        select(live_questions.c.quiz_id, live_questions.c.question_id, live_answers)
        .join(live_answers, live_answers.c.live_question_id == live_questions.c.id)
        .where(live_answers.c.learner_id == learner_id)
        .order_by(live_answers.c.answered_at)
    )
    return [
        {
            "quiz": row.quiz_id,
            "question": row.question_id,
            "réponse": row.response,
            "points": row.points,
            "répondu le": _iso(row.answered_at),
        }
        for row in rows
    ]
