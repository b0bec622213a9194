"""A small group of learners with attempts, module time and live answers, stored through the
real APIs (Store, Attempt, Workshops), for the group results and exports tests."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from course.content.course import Course
from course.content.loader import load_quiz
from course.content.questions import Quiz
from course.quiz.attempts import Attempt
from course.quiz.grading import grade_question
from course.storage.learners import Learner
from course.storage.store import Store
from course.workshop.questions import LiveQuestions
from course.workshop.workshops import Workshop, Workshops
from tests.helpers import EVERY_TYPE_QUIZ, valid_course

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 10:00 in Paris
ALL_TYPES = load_quiz(EVERY_TYPE_QUIZ)


def group_course() -> Course:
    """The valid test course (module 1 « Les bases » with quiz `bases`, module 2 without a
    quiz) and a final exam with a question of every type (`tous-les-types`)."""
    course = valid_course()
    assert course.settings is not None
    settings = course.settings.model_copy(
        update={
            "completion": course.settings.completion.model_copy(update={"final_exam": ALL_TYPES.id})
        }
    )
    return replace(
        course,
        quizzes={**course.quizzes, ALL_TYPES.id: ALL_TYPES},
        quiz_hashes={**course.quiz_hashes, ALL_TYPES.id: "hash"},
        settings=settings,
    )


def take(
    store: Store,
    quiz: Quiz,
    learner: Learner,
    responses: dict[str, Any],
    at: datetime,
    minutes: int = 4,
) -> Attempt:
    """A finished attempt, answered and submitted as the quiz page does it."""
    attempt = Attempt.start(quiz, "hash", learner.id, now=at)
    store.attempts.save_new(attempt)
    for question_id, response in responses.items():
        attempt = store.attempts.record_step(
            attempt, attempt.next_step, "answer", question_id, response, at
        )
    done = at + timedelta(minutes=minutes)
    attempt = store.attempts.record_step(attempt, attempt.next_step, "submit", now=done)
    store.attempts.finish(attempt, attempt.grade(quiz), now=done)
    return attempt


def answer_live(
    live_questions: LiveQuestions,
    workshop: Workshop,
    quiz: Quiz,
    question_id: str,
    answers: dict[Learner, Any],
    at: datetime,
) -> None:
    """Launch a question to the room; each learner answers 10 seconds later, graded."""
    question = next(q for q in quiz.questions if q.id == question_id)
    live = live_questions.launch(workshop.id, quiz.id, question_id, at)
    for learner, response in answers.items():
        fraction = grade_question(question, response, quiz.scoring)
        stored = live_questions.answer(
            live.id,
            learner.id,
            response,
            fraction,
            fraction * question.points,
            at + timedelta(seconds=10),
        )
        assert stored
    live_questions.close_question(live.id, at + timedelta(minutes=1))


@dataclass(frozen=True)
class Group:
    """Who is where: Zoé and Léo in the Tuesday workshop, Ana in another one."""

    course: Course
    tuesday: Workshop
    other: Workshop
    zoe: Learner
    leo: Learner
    ana: Learner


def make_group(store: Store, course: Course) -> Group:
    """Zoé passes `bases` on her second try (50 % then 100 %) after 5 minutes in module 1;
    Léo fails it once choosing « Un moteur de recherche », and so does the room live; Ana
    answers live in another workshop."""
    workshops = Workshops(store)
    tuesday = workshops.open_workshop("Atelier du mardi", now=NOW)
    other = workshops.open_workshop("Atelier du jeudi", now=NOW)
    zoe, _ = store.learners.create("Zoé Martin", now=NOW)
    leo, _ = store.learners.create("Léo Dupont", now=NOW)
    ana, _ = store.learners.create("Ana Souza", now=NOW)
    workshops.join(tuesday.id, zoe.id, "Zoé", NOW)
    workshops.join(tuesday.id, leo.id, "Léo", NOW)
    workshops.join(other.id, ana.id, "Ana", NOW)
    store.learners.record_visit(zoe.id, "bases", 0, NOW)
    store.learners.record_visit(zoe.id, "bases", 300, NOW + timedelta(minutes=5))
    store.learners.record_visit(leo.id, "bases", 90, NOW + timedelta(minutes=2))
    bases = course.quizzes["bases"]
    take(store, bases, zoe, {"q1": 1, "q2": True}, NOW + timedelta(minutes=10))
    take(store, bases, zoe, {"q1": 0, "q2": True}, NOW + timedelta(minutes=20), minutes=3)
    take(store, bases, leo, {"q1": 1, "q2": False}, NOW + timedelta(minutes=12))
    live = LiveQuestions(store)
    answer_live(live, tuesday, bases, "q1", {zoe: 0, leo: 1}, NOW + timedelta(minutes=30))
    answer_live(live, other, bases, "q1", {ana: 1}, NOW + timedelta(minutes=30))
    return Group(course, tuesday, other, zoe, leo, ana)
