"""Importing the course's own GIFT export gives back quizzes that grade every response exactly
as the originals do: every shipped quiz in quizzes/ (and a quiz of the features they do not
use), exported with `quiz_to_gift`, read back with the importer, then each question graded on
right, wrong and partial responses by course.quiz.grading, original and import side by side.

Ordering has no GIFT type: the export writes a matching « 1re position → item »… and the
importer reads that matching back as an ordering, so here too the round trip is exact. The test
checks that mapping: the imported question is an ordering with the same items in the same
order, and the same responses (lists of items) score the same.

A question graded all or nothing comes back so when the export says it in its note above the
question (« // Tout ou rien dans le cours… »): it does for multiple choice, whose -100 % wrong
options say it anyway; it writes no note for a matching or an ordering (Moodle grades them pair
by pair), so those would come back partial: no shipped quiz has one.

What GIFT does not carry is left out of the comparison: `objective` and `module` (the importer
gives the module's first objective, or nothing without --lesson) and quiz settings other than the
questions.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from course.authoring.gift_reader import read_gift
from course.authoring.quiz_writer import Target, build_quiz, quiz_yaml
from course.content.loader import content_dir_from_env, load_quiz
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
from course.quiz.grading import grade_question, normalise_text
from course.results.exports.moodle_gift import quiz_to_gift
from tests.helpers import FIXTURES

QUIZ_FILES = sorted((content_dir_from_env() / "quizzes").glob("*.yaml"))
ROUND_TRIP = FIXTURES / "import" / "round-trip.yaml"


def round_trip(quiz: Quiz) -> Quiz:
    """Export, import, and the quiz the importer would write (read back by the model)."""
    built = build_quiz(read_gift(quiz_to_gift(quiz)), Target(quiz.id))
    assert [issue for issue in built.issues if issue.refused] == []
    assert built.quiz is not None
    assert quiz_yaml(built.quiz)  # writable
    return Quiz.model_validate(built.quiz)


def _typos(text: str) -> Iterator[str]:
    """The text with one, two and three letters changed."""
    letters = list(text)
    for count in (1, 2, 3):
        changed = letters.copy()
        for index in range(min(count, len(changed))):
            changed[index * 2 % len(changed)] = (
                "x" if changed[index * 2 % len(changed)] != "x" else "y"
            )
        yield "".join(changed)


def responses(question: Question) -> Iterator[Any]:
    """Right, wrong and partial responses, in the form the quiz page stores."""
    yield None
    if isinstance(question, SingleChoice):
        yield from range(len(question.options))
    elif isinstance(question, MultipleChoice):
        indexes = range(len(question.options))
        for size in range(len(question.options) + 1):
            yield from (list(subset) for subset in itertools.combinations(indexes, size))
    elif isinstance(question, TrueFalse):
        yield from (True, False)
    elif isinstance(question, Matching | Ordering):
        count = len(question.pairs if isinstance(question, Matching) else question.items)
        permutations = itertools.permutations(range(count))
        yield from itertools.islice(permutations, 120)  # right first, then partial and wrong
    elif isinstance(question, ShortText):
        for answer in question.answers:
            yield from (answer, answer.upper(), f"  {answer} !", *_typos(answer))
        yield from ("", "une réponse fausse", "*")
    else:
        assert isinstance(question, Numeric)
        if question.answer is not None:
            low = question.answer - question.tolerance
            high = question.answer + question.tolerance
        else:
            assert question.min is not None and question.max is not None
            low, high = question.min, question.max
        for value in (low, high, (low + high) / 2):
            yield from (value, value - 0.01, value + 0.01, f"{value:g}".replace(".", ","))
        yield from (low - 1, high + 1, "1\u202f234,5", -high)


def as_response(question: Question, response: Any) -> Any:
    """A permutation of positions as the question's own response (items, or pairs)."""
    if isinstance(question, Ordering) and isinstance(response, tuple):
        return [question.items[index] for index in response]
    if isinstance(question, Matching) and isinstance(response, tuple):
        return {
            pair.left: question.pairs[index].right
            for pair, index in zip(question.pairs, response, strict=True)
        }
    return response


def assert_same_grades(original: Quiz, imported: Quiz) -> None:
    assert len(imported.questions) == len(original.questions)
    for before, after in zip(original.questions, imported.questions, strict=True):
        assert (after.id, after.type, after.points) == (before.id, before.type, before.points)
        checked = 0
        for response in responses(before):
            expected = grade_question(before, as_response(before, response), original.scoring)
            got = grade_question(after, as_response(after, response), imported.scoring)
            assert got == expected, (before.id, response)
            checked += 1
        assert checked >= 3


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda path: path.stem)
def test_every_shipped_quiz_comes_back_grading_as_before(path: Path) -> None:
    original = load_quiz(path)
    assert_same_grades(original, round_trip(original))


@pytest.mark.parametrize("path", [*QUIZ_FILES, ROUND_TRIP], ids=lambda path: path.stem)
def test_the_round_trip_keeps_every_text(path: Path) -> None:
    """Beyond grades: prompts, options, feedback and explanations come back as written; short
    answers that only differ by case, accents or punctuation (which the course ignores) are
    merged into the first one."""
    original = load_quiz(path)
    imported = round_trip(original)
    ignored = {"objective", "module", "answers"}
    for before, after in zip(original.questions, imported.questions, strict=True):
        assert after.model_dump(exclude=ignored) == before.model_dump(exclude=ignored)
        if isinstance(before, ShortText):
            assert isinstance(after, ShortText)
            assert after.answers[0] == before.answers[0]
            assert {*map(normalise_text, after.answers)} == {*map(normalise_text, before.answers)}


def test_what_shipped_quizzes_do_not_use_comes_back_too() -> None:
    """Points, all or nothing, escapes, line breaks, ranges, units, typo tolerance."""
    original = load_quiz(ROUND_TRIP)
    assert_same_grades(original, round_trip(original))


def test_the_exports_all_or_nothing_note_is_read_for_a_matching_too() -> None:
    gift = (
        "// Tout ou rien dans le cours\u202f: …\n"
        "::paires::Associez.{\n=a -> 1\n=b -> 2\n####Ainsi.\n}\n"
    )
    built = build_quiz(read_gift(gift), Target("q"))
    assert built.quiz is not None
    assert built.quiz["questions"][0]["scoring"] == "all_or_nothing"
