"""The final exam's draw: every module the pool covers is represented, alike for a seed."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from course.content.questions import Question, Quiz
from course.quiz.attempts import drawn_questions
from tests.helpers import shipped_course

EXAM = shipped_course().quizzes["examen-final"]


def modules_of(questions: Sequence[Question]) -> Counter[str | None]:
    return Counter(question.module for question in questions)


def test_every_module_gets_its_share_of_the_exam_whatever_the_seed() -> None:
    assert EXAM.draw is not None
    modules = set(modules_of(list(EXAM.questions)))
    share = EXAM.draw // len(modules)
    for seed in range(200):
        drawn = drawn_questions(EXAM, seed)
        per_module = modules_of(drawn)
        assert len(drawn) == EXAM.draw == len({q.id for q in drawn})
        assert set(per_module) == modules
        assert min(per_module.values()) >= share


def test_a_seed_always_gives_the_same_questions_and_two_seeds_differ() -> None:
    first = [q.id for q in drawn_questions(EXAM, 42)]
    assert first == [q.id for q in drawn_questions(EXAM, 42)]
    assert first != [q.id for q in drawn_questions(EXAM, 43)]


def small_exam(draw: int) -> Quiz:
    """A pool of 3 questions for module a, 1 for b and 2 for c."""
    questions = []
    for index, module in enumerate("aaabcc"):
        base = EXAM.questions[index].model_copy(update={"id": f"q{index}", "module": module})
        questions.append(base)
    return EXAM.model_copy(update={"questions": questions, "draw": draw})


def test_a_module_with_a_small_pool_gives_what_it_has_and_the_rest_is_drawn_elsewhere() -> None:
    for seed in range(50):
        drawn = drawn_questions(small_exam(5), seed)
        per_module = modules_of(drawn)
        assert len(drawn) == 5 and per_module["b"] == 1 and per_module["a"] >= 1
        assert per_module["c"] >= 1


def test_fewer_places_than_modules_gives_questions_of_distinct_modules() -> None:
    for seed in range(50):
        drawn = drawn_questions(small_exam(2), seed)
        assert len(drawn) == 2 and len(modules_of(drawn)) == 2
