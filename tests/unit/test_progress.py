"""Which attempt counts: the best or the last, as the quiz says."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from course.journey.progress import NextStep, counted_attempt, learner_progress
from course.storage.attempts import FinishedAttempt
from course.storage.learners import LessonVisit
from tests.helpers import PROJECT_ROOT, loaded_course

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def finished(attempt_id: str, percent: float, minute: int) -> FinishedAttempt:
    at = START + timedelta(minutes=minute)
    return FinishedAttempt(
        attempt_id, "bases", "h", percent / 10, 10, percent, percent >= 70, at, at
    )


@pytest.mark.parametrize(
    ("rule", "attempts", "expected"),
    [
        ("best", [], None),
        ("last", [], None),
        ("best", [finished("a", 60, 1), finished("b", 90, 2), finished("c", 50, 3)], "b"),
        ("last", [finished("a", 60, 1), finished("b", 90, 2), finished("c", 50, 3)], "c"),
        ("best", [finished("a", 80, 1), finished("b", 80, 2)], "a"),  # the first to reach it
        ("last", [finished("c", 50, 3), finished("a", 60, 1)], "c"),  # by time, not list order
    ],
)
def test_the_counted_attempt_follows_the_quiz_rule(
    rule: str, attempts: list[FinishedAttempt], expected: str | None
) -> None:
    counted = counted_attempt(attempts, rule)  # type: ignore[arg-type]
    assert (counted.id if counted else None) == expected


# --- The whole picture, on the shipped course ------------------------------------------------

COURSE = loaded_course(PROJECT_ROOT)
QUIZ_OF = {lesson.id: lesson.meta.quiz for lesson in COURSE.lessons}


def visit(lesson_id: str, seconds: int = 60, completed: bool = False) -> LessonVisit:
    return LessonVisit(lesson_id, START, START, seconds, START if completed else None)


def passed_everything(exam_percent: float = 85) -> dict[str, list[FinishedAttempt]]:
    done: dict[str, list[FinishedAttempt]] = {
        quiz: [finished(quiz, 100, 1)] for quiz in QUIZ_OF.values() if quiz
    }
    done["examen-final"] = [finished("examen-final", exam_percent, 2)]
    return done


def test_a_new_learner_starts_with_module_one_and_has_everything_to_do() -> None:
    progress = learner_progress(COURSE, {}, {})
    assert progress.next_step == NextStep(
        f"Lire le module 1\u202f: {COURSE.lessons[0].meta.title}", lesson_id="bases"
    )
    assert len(progress.missing) == len(COURSE.lessons) + 1  # each module quiz and the exam
    assert not progress.complete and progress.quizzes_passed == 0


def test_after_reading_a_module_its_quiz_comes_next_then_the_next_module() -> None:
    progress = learner_progress(COURSE, {"bases": visit("bases")}, {})
    assert progress.next_step.quiz_id == "bases"
    assert progress.next_step.label.startswith("Faire le quiz du module 1")
    failed = {"bases": [finished("b1", 40, 1)]}
    assert learner_progress(COURSE, {"bases": visit("bases")}, failed).next_step.label.startswith(
        "Réussir le quiz du module 1"
    )
    passed = {"bases": [finished("b1", 40, 1), finished("b2", 80, 2)]}
    after = learner_progress(COURSE, {"bases": visit("bases")}, passed)
    assert after.next_step.lesson_id == COURSE.lessons[1].id
    assert after.modules[0].quiz is not None and after.modules[0].quiz.attempts == 2


def test_a_later_failed_attempt_does_not_undo_a_pass_when_the_best_counts() -> None:
    attempts = {"bases": [finished("b1", 90, 1), finished("b2", 20, 2)]}
    module = learner_progress(COURSE, {}, attempts).modules[0]
    assert module.quiz is not None and module.quiz.passed and module.quiz.percent == 90


def test_every_quiz_and_the_exam_passed_completes_the_course_with_the_exam_score() -> None:
    visits = {lesson.id: visit(lesson.id, 120) for lesson in COURSE.lessons}
    progress = learner_progress(COURSE, visits, passed_everything(85))
    assert progress.complete and progress.missing == ()
    assert progress.score == 85
    assert progress.seconds == 120 * len(COURSE.lessons)
    assert progress.next_step.label == "Télécharger votre attestation"


def test_an_exam_below_its_pass_mark_keeps_the_course_incomplete() -> None:
    visits = {lesson.id: visit(lesson.id) for lesson in COURSE.lessons}
    progress = learner_progress(COURSE, visits, passed_everything(40))
    assert progress.missing == (
        f"réussir l'examen final (à partir de {COURSE.quizzes['examen-final'].pass_mark:g}\u202f%)",
    )
    assert progress.next_step == NextStep("Passer l'examen final", quiz_id="examen-final")


def test_the_settings_can_also_ask_that_every_module_be_marked_finished() -> None:
    assert COURSE.settings is not None
    rule = COURSE.settings.completion.model_copy(update={"modules_completed": True})
    strict = replace(COURSE, settings=COURSE.settings.model_copy(update={"completion": rule}))
    visits = {
        lesson.id: visit(lesson.id, completed=lesson.id != "ong") for lesson in COURSE.lessons
    }
    progress = learner_progress(strict, visits, passed_everything())
    ong = next(m for m in progress.modules if m.lesson_id == "ong")
    assert progress.missing == (f"terminer le module {ong.number} («\u00a0{ong.title}\u00a0»)",)
    assert progress.next_step.lesson_id == "ong"


def test_the_progress_chart_names_modules_briefly_and_always_shows_the_words() -> None:
    from course.journey.progress_chart import progress_figure

    progress = learner_progress(COURSE, {}, {"bases": [finished("a1", 87.5, 1)]})
    figure = progress_figure(progress)
    labels = [label for trace in figure.data for label in trace.y]
    assert sorted(labels, key=lambda label: int(label.split()[1]))[:2] == ["Module 1", "Module 2"]
    positions = {
        text: position
        for trace in figure.data
        for text, position in zip(trace.text, trace.textposition, strict=True)
    }
    assert positions["Réussi, 88\u202f%"] == "inside"
    assert positions["Pas encore tenté"] == "outside"
