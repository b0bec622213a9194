"""The shipped course: valid, and held to the content rules the validator cannot see alone."""

from __future__ import annotations

from collections import Counter

import pytest

from course.content.charts import build_figure, chart_rows
from course.content.lesson import Callout, Lesson
from course.content.models import ChartSpec
from course.content.questions import QUESTION_TYPES, MultipleChoice, Quiz, SingleChoice, TrueFalse
from tests.helpers import shipped_course

COURSE = shipped_course()
LESSONS = {lesson.id: lesson for lesson in COURSE.lessons}
MODULE_QUIZZES = [quiz for quiz in COURSE.quizzes.values() if quiz.lesson]
EXAM = COURSE.quizzes["examen-final"]


def test_shipped_content_is_valid() -> None:
    assert [str(error) for error in COURSE.errors] == []
    assert not COURSE.broken_lessons


def test_the_first_two_modules_follow_the_source_text() -> None:
    assert [lesson.meta.title for lesson in COURSE.lessons[:2]] == [
        "Les réseaux sociaux, les bases",
        "Les mots du web et des réseaux",
    ]


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda lesson: lesson.id)
def test_each_lesson_has_sections_a_summary_callout_and_sources(lesson: Lesson) -> None:
    callouts = [b.kind for s in lesson.sections for b in s.blocks if isinstance(b, Callout)]
    assert len([s for s in lesson.sections if s.title]) >= 3
    assert "a-retenir" in callouts
    assert lesson.meta.sources
    assert lesson.meta.quiz in COURSE.quizzes


@pytest.mark.parametrize("lesson", COURSE.lessons, ids=lambda lesson: lesson.id)
def test_every_objective_is_checked_by_a_question_of_its_quiz(lesson: Lesson) -> None:
    quiz = COURSE.quizzes[lesson.meta.quiz or ""]
    checked = {question.objective for question in quiz.questions}
    assert {objective.id for objective in lesson.meta.objectives} <= checked


@pytest.mark.parametrize("quiz_id", sorted(COURSE.quizzes))
def test_every_question_explains_and_every_choice_gives_feedback(quiz_id: str) -> None:
    quiz = COURSE.quizzes[quiz_id]
    assert len(quiz.questions) >= 8
    for question in quiz.questions:
        assert question.objective, question.id
        if isinstance(question, SingleChoice | MultipleChoice):
            assert all(option.feedback for option in question.options), question.id
        if isinstance(question, TrueFalse):
            assert question.feedback_true and question.feedback_false, question.id


def test_module_quizzes_use_every_question_type_at_least_twice() -> None:
    used: Counter[str] = Counter(q.type for quiz in MODULE_QUIZZES for q in quiz.questions)
    assert {kind: used[kind] for kind in QUESTION_TYPES if used[kind] < 2} == {}
    assert len(MODULE_QUIZZES) == len(COURSE.lessons)


def test_the_final_exam_draws_two_questions_a_module_from_a_pool_covering_every_module() -> None:
    assert (EXAM.lesson, EXAM.title, EXAM.shuffle) == (None, "Examen final", True)
    assert EXAM.draw == 2 * len(COURSE.lessons)
    assert len(EXAM.questions) >= 75
    per_module = Counter(question.module for question in EXAM.questions)
    assert {
        lesson.id: per_module[lesson.id] for lesson in COURSE.lessons if per_module[lesson.id] < 5
    } == {}
    assert set(per_module) <= set(LESSONS)
    assert {question.type for question in EXAM.questions} == set(QUESTION_TYPES)


@pytest.mark.parametrize("quiz", [*MODULE_QUIZZES, EXAM], ids=lambda quiz: quiz.id)
def test_each_question_checks_an_objective_of_its_module(quiz: Quiz) -> None:
    for question in quiz.questions:
        lesson = LESSONS[quiz.lesson or question.module or ""]
        assert question.objective in {o.id for o in lesson.meta.objectives}, question.id


def test_glossary_has_the_source_terms_and_every_lesson_links_to_it() -> None:
    index = COURSE.glossary_index
    for word in ("avatar", "followers", "mur", "post", "topic"):
        assert word in index, word
    assert all(lesson.glossary_refs for lesson in COURSE.lessons)


@pytest.mark.parametrize("chart", COURSE.charts, ids=lambda chart: chart.id)
def test_each_chart_has_data_a_text_alternative_and_named_metrics(chart: ChartSpec) -> None:
    rows = chart_rows(chart, COURSE.stats)
    figure = build_figure(chart, COURSE.stats)
    assert rows and len(chart.alt) > 40
    metrics = {row.metric for row in rows}
    names = " ".join(str(trace.name) for trace in figure.data)
    assert all(metric in names for metric in metrics)
