"""Attempts survive double clicks, reloads, restarts and a crowd submitting at once."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from course.content.loader import load_quiz
from course.content.questions import Ordering
from course.quiz.attempts import Attempt, drawn_questions, presented_order
from course.storage.store import Store
from tests.helpers import EVERY_TYPE_QUIZ, PERFECT

QUIZ = load_quiz(EVERY_TYPE_QUIZ)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def test_a_seed_fixes_the_draw_and_the_order() -> None:
    quiz = QUIZ.model_copy(update={"shuffle": True, "draw": 5})
    first = [q.id for q in drawn_questions(quiz, 42)]
    assert first == [q.id for q in drawn_questions(quiz, 42)]
    assert len(first) == len(set(first)) == 5
    assert len({tuple(q.id for q in drawn_questions(quiz, seed)) for seed in range(20)}) > 10


def test_without_shuffle_the_pool_keeps_the_file_order() -> None:
    assert [q.id for q in drawn_questions(QUIZ, 7)] == [q.id for q in QUIZ.questions]
    drawn = [q.id for q in drawn_questions(QUIZ.model_copy(update={"draw": 3}), 7)]
    assert drawn == sorted(drawn, key=[q.id for q in QUIZ.questions].index)


def test_items_to_order_are_never_shown_in_the_right_order() -> None:
    question = next(q for q in QUIZ.questions if isinstance(q, Ordering))
    for seed in range(200):
        order = presented_order(question, seed, shuffle=False)
        assert sorted(order) == [0, 1, 2] and order != [0, 1, 2]
        assert order == presented_order(question, seed, shuffle=False)


def test_a_replayed_step_changes_nothing_and_the_latest_answer_counts() -> None:
    attempt = Attempt.start(QUIZ, "hash", "learner", now=NOW)
    attempt = attempt.record(1, "answer", "choix-unique", 0, now=NOW)
    assert attempt.record(1, "answer", "choix-unique", 2, now=NOW) is attempt  # double click
    attempt = attempt.record(2, "answer", "choix-unique", 1, now=NOW)
    assert attempt.responses() == {"choix-unique": 1}
    submitted = attempt.record(3, "submit", now=NOW)
    assert submitted.submitted
    assert submitted.record(4, "answer", "vrai-faux", False, now=NOW) is submitted


def test_the_time_limit_is_enforced_with_the_server_clock() -> None:
    attempt = Attempt.start(QUIZ.model_copy(update={"time_limit": 10}), "hash", "learner", now=NOW)
    late = NOW + timedelta(minutes=11)
    assert attempt.record(1, "answer", "vrai-faux", False, now=late) is attempt
    assert attempt.record(
        1, "answer", "vrai-faux", False, now=NOW + timedelta(minutes=9)
    ).responses() == {"vrai-faux": False}


def test_an_unfinished_attempt_resumes_after_a_server_restart(database_url: str) -> None:
    before = Store(database_url)
    learner = before.learners.add("Zoé")
    attempt = Attempt.start(QUIZ, "hash", learner)
    before.attempts.save_new(attempt)
    attempt = before.attempts.record_step(attempt, 1, "answer", "texte", "abonnés")
    before.engine.dispose()  # the server stops
    after = Store(database_url)
    resumed = after.attempts.in_progress(learner, QUIZ.id)
    assert resumed is not None
    assert (resumed.id, resumed.seed, resumed.question_ids) == (
        attempt.id,
        attempt.seed,
        attempt.question_ids,
    )
    assert resumed.responses() == {"texte": "abonnés"}


def test_a_double_submit_stores_one_result(store: Store) -> None:
    learner = store.learners.add("Léa")
    attempt = Attempt.start(QUIZ, "hash", learner)
    store.attempts.save_new(attempt)
    attempt = store.attempts.record_step(attempt, 1, "answer", "vrai-faux", False)
    for _ in range(2):
        submitted = store.attempts.record_step(attempt, 2, "submit")
        store.attempts.finish(submitted, submitted.grade(QUIZ))
    finished = store.attempts.finished(learner, QUIZ.id)
    assert len(finished) == 1 and finished[0].score == 1.0
    assert len(store.attempts.load(attempt.id).steps) == 2  # type: ignore[union-attr]


def take_quiz(store: Store, name: str, errors: list[BaseException]) -> None:
    try:
        learner = store.learners.add(name)
        attempt = Attempt.start(QUIZ, "hash", learner)
        store.attempts.save_new(attempt)
        for number, question_id in enumerate(attempt.question_ids, start=1):
            attempt = store.attempts.record_step(
                attempt, number, "answer", question_id, PERFECT[question_id]
            )
            attempt = store.attempts.record_step(
                attempt, number, "answer", question_id, None
            )  # a double click
        attempt = store.attempts.record_step(attempt, attempt.next_step, "submit")
        store.attempts.finish(attempt, attempt.grade(QUIZ))
    except BaseException as exc:
        errors.append(exc)


def test_fifty_learners_submitting_at_once_lose_nothing(store: Store) -> None:
    errors: list[BaseException] = []
    threads = [
        threading.Thread(target=take_quiz, args=(store, f"Apprenant {i}", errors))
        for i in range(50)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors[0]
    with store.transaction() as db:
        learners = [row[0] for row in db.exec_driver_sql("SELECT id FROM learners")]
        step_count = db.exec_driver_sql("SELECT COUNT(*) FROM attempt_steps").scalar()
    assert len(learners) == 50
    assert step_count == 50 * (len(QUIZ.questions) + 1)  # each answer once, despite double clicks
    results = [store.attempts.finished(learner, QUIZ.id) for learner in learners]
    assert all(len(r) == 1 and r[0].percent == 100.0 and r[0].passed for r in results)
