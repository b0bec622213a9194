"""Data for bench/suite/: quiz responses, learners and attempts in a benchmark's own store.

Learners, attempts and workshops for the pages go through the real Store, Attempt, Workshops
and LiveQuestions APIs. The 10 000 finished attempts of the export benchmark are drawn and
graded by the same code (Attempt.start, grade_responses) but written with one bulk insert per
table, the rows Attempts.save_new and Attempts.finish would write: the store's one transaction per call would
take minutes and is not what is measured.
"""

from __future__ import annotations

import random
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert

from course.content.course import Course
from course.content.questions import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Question,
    Quiz,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from course.quiz.attempts import Attempt
from course.quiz.grading import grade_responses, right_response
from course.storage.learners import Learner
from course.storage.schema import attempts, learners, lesson_visits
from course.storage.store import Store
from course.workshop.questions import LiveQuestions
from course.workshop.workshops import Workshops

FIRST_NAMES = ["Zoé", "Léo", "Inès", "Hugo", "Chloé", "Adam", "Lina", "Nathan", "Jade", "Éloïse"]


def random_response(question: Question, rng: random.Random) -> Any:
    """Right about half the time; otherwise a plausible wrong or partly right answer."""
    if rng.random() < 0.5:
        return right_response(question)
    if isinstance(question, SingleChoice):
        return rng.randrange(len(question.options))
    if isinstance(question, MultipleChoice):
        return sorted(rng.sample(range(len(question.options)), rng.randint(1, 2)))
    if isinstance(question, TrueFalse):
        return not question.answer
    if isinstance(question, Matching):
        rights = [pair.right for pair in question.pairs]
        rng.shuffle(rights)
        return {pair.left: right for pair, right in zip(question.pairs, rights, strict=True)}
    if isinstance(question, Ordering):
        items = list(question.items)
        rng.shuffle(items)
        return items
    if isinstance(question, ShortText):
        return rng.choice(["je ne sais pas", question.answers[0][:-1] + "x", ""])
    assert isinstance(question, Numeric)
    value = question.answer if question.answer is not None else question.max
    return f"{(value or 0) * 2 + 1:g}".replace(".", ",")


def response_sets(course: Course, count: int, seed: int = 7) -> list[tuple[Quiz, dict[str, Any]]]:
    """`count` filled-in quizzes (every question answered), spread over the course's quizzes."""
    rng = random.Random(seed)
    quizzes = list(course.quizzes.values())
    sets = []
    for number in range(count):
        quiz = quizzes[number % len(quizzes)]
        sets.append((quiz, {q.id: random_response(q, rng) for q in quiz.questions}))
    return sets


# --- Through the real APIs, for the pages ---------------------------------------------------


def started_attempt(
    store: Store, course: Course, quiz_id: str, learner_id: str, answered: int = 2
) -> Attempt:
    """An unfinished attempt with its first `answered` questions answered."""
    quiz = course.quizzes[quiz_id]
    attempt = Attempt.start(quiz, course.quiz_hashes[quiz_id], learner_id)
    store.attempts.save_new(attempt)
    for question in attempt.questions(quiz)[:answered]:
        attempt = store.attempts.record_step(
            attempt, attempt.next_step, "answer", question.id, right_response(question)
        )
    return attempt


def finished_attempt(
    store: Store, course: Course, quiz_id: str, learner_id: str, rng: random.Random
) -> Attempt:
    """A submitted attempt, every question answered (right about three times in four)."""
    quiz = course.quizzes[quiz_id]
    attempt = Attempt.start(quiz, course.quiz_hashes[quiz_id], learner_id)
    store.attempts.save_new(attempt)
    for question in attempt.questions(quiz):
        response = (
            right_response(question) if rng.random() < 0.5 else random_response(question, rng)
        )
        attempt = store.attempts.record_step(
            attempt, attempt.next_step, "answer", question.id, response
        )
    attempt = store.attempts.record_step(attempt, attempt.next_step, "submit")
    store.attempts.finish(attempt, attempt.grade(quiz))
    return attempt


def learner_with_progress(store: Store, course: Course, modules: int) -> tuple[Learner, str]:
    """A learner who visited and finished the first `modules` modules and took their quizzes."""
    learner, code = store.learners.create("Camille Progrès")
    rng = random.Random(3)
    by_lesson = {quiz.lesson: quiz.id for quiz in course.quizzes.values() if quiz.lesson}
    for lesson in course.lessons[:modules]:
        store.learners.record_visit(learner.id, lesson.id, 0)
        store.learners.record_visit(learner.id, lesson.id, 900)
        store.learners.complete_lesson(learner.id, lesson.id)
        if lesson.id in by_lesson:
            finished_attempt(store, course, by_lesson[lesson.id], learner.id, rng)
    return learner, code


def live_workshop(
    store: Store, course: Course, workshop_id: str, members: list[Learner], answers: int
) -> None:
    """Members join the trainer's workshop; a question is launched and `answers` of them answer."""
    workshops = Workshops(store)
    for number, learner in enumerate(members):
        workshops.join(
            workshop_id, learner.id, f"{FIRST_NAMES[number % len(FIRST_NAMES)]} {number}"
        )
    quiz = course.quizzes["bases"]
    question = next(q for q in quiz.questions if isinstance(q, SingleChoice))
    questions = LiveQuestions(store)
    live = questions.launch(workshop_id, quiz.id, question.id)
    rng = random.Random(5)
    for learner in members[:answers]:
        response = random_response(question, rng)
        fraction = 1.0 if response == right_response(question) else 0.0
        questions.answer(live.id, learner.id, response, fraction, fraction * question.points)


# --- Bulk, for the exports ------------------------------------------------------------------


def bulk_finished_attempts(store: Store, course: Course, count: int, per_learner: int = 10) -> int:
    """`count` finished attempts by `count / per_learner` learners, with their module visits.

    Returns the number of learners. Rows are those the store writes (Store.create_learner,
    record_visit, save_new_attempt then finish), drawn and graded by the course's own code.
    """
    rng = random.Random(11)
    quizzes = list(course.quizzes.values())
    lesson_ids = [lesson.id for lesson in course.lessons]
    start = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
    learner_rows, visit_rows, attempt_rows = [], [], []
    learner_count = max(1, count // per_learner)
    for number in range(learner_count):
        learner_id = secrets.token_hex(16)
        created = start + timedelta(minutes=number)
        name = f"{FIRST_NAMES[number % len(FIRST_NAMES)]} Participant-{number:05d}"
        learner_rows.append(
            {"id": learner_id, "name": name, "created_at": created, "last_seen_at": created}
        )
        for lesson_id in lesson_ids:
            visit_rows.append(
                {
                    "learner_id": learner_id,
                    "lesson_id": lesson_id,
                    "first_at": created,
                    "last_at": created + timedelta(minutes=20),
                    "seconds": rng.randint(300, 1800),
                    "completed_at": created + timedelta(minutes=20),
                }
            )
        for index in range(per_learner):
            if len(attempt_rows) == count:
                break
            quiz = quizzes[(number + index) % len(quizzes)]
            began = created + timedelta(hours=index)
            attempt = Attempt.start(quiz, course.quiz_hashes[quiz.id], learner_id, began)
            questions = attempt.questions(quiz)
            responses = {q.id: random_response(q, rng) for q in questions}
            result = grade_responses(quiz, questions, responses)
            attempt_rows.append(
                {
                    "id": attempt.id,
                    "learner_id": learner_id,
                    "quiz_id": quiz.id,
                    "quiz_hash": attempt.quiz_hash,
                    "seed": attempt.seed,
                    "question_ids": list(attempt.question_ids),
                    "started_at": began,
                    "deadline": attempt.deadline,
                    "submitted_at": began + timedelta(minutes=rng.randint(3, 15)),
                    "score": result.score,
                    "max_score": result.max_score,
                    "percent": result.percent,
                    "passed": result.passed,
                    "responses": responses,
                    "fractions": {q.id: q.fraction for q in result.questions},
                }
            )
    with store.transaction() as db:
        db.execute(insert(learners), learner_rows)
        db.execute(insert(lesson_visits), visit_rows)
        db.execute(insert(attempts), attempt_rows)
    return learner_count
