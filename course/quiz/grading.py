"""Grading: each question scores a fraction in [0, 1] of its points; a quiz sums them.

Rules (README « Règles de notation »): under `partial`, multiple choice scores
(right picks − wrong picks) / right options, never below 0; matching scores right pairs / pairs;
ordering scores items in their right place / items. Under `all_or_nothing` those score 1 only
when fully right. Short text ignores case, accents, surrounding spaces and punctuation (with an
optional `typo_tolerance`); numeric accepts `answer ± tolerance` or `[min, max]`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, assert_never

from course.content.models import Scoring
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
from course.text import fold

# A stored response, by question type: an option's index (single choice), indexes (multiple),
# a bool (true/false), left → right (matching), the items in the learner's order (ordering),
# a text (short answer), a number or French number text (numeric). What arrives from outside
# (JSON, a form) is `object` until the type's grader has checked its shape.
Response = int | bool | str | float | list[int] | list[str] | dict[str, str]

EPSILON = 1e-9  # tolerance when comparing a percent with the pass mark (Moodle does the same)
_PUNCTUATION = re.compile(r"[^\w\s]")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)")  # no exponent: « 1e999 » is not a number


class ResponseError(ValueError):
    """A response of the wrong shape for its question; the message is French."""

    def __init__(self, question_id: str, message: str) -> None:
        super().__init__(f"question « {question_id} » : {message}")
        self.question_id = question_id


@dataclass(frozen=True)
class QuestionResult:
    """How one question scored."""

    id: str
    fraction: float
    points: float
    max_points: float


@dataclass(frozen=True)
class QuizResult:
    """How a whole set of responses scored."""

    score: float
    max_score: float
    percent: float
    passed: bool
    questions: tuple[QuestionResult, ...]

    def as_json(self) -> dict[str, Any]:
        """The `python -m course grade` output."""
        return {
            "score": self.score,
            "max_score": self.max_score,
            "percent": self.percent,
            "passed": self.passed,
            "questions": [
                {"id": q.id, "fraction": q.fraction, "points": q.points} for q in self.questions
            ],
        }


def parse_french_number(text: str) -> float:
    """`1 234,5`, `1234.5`, `1.234,5` and `62,5 %` as numbers (any kind of space between digit
    groups); ValueError for anything else, and for numbers too large to be finite."""
    compact = "".join(text.split()).replace("\u2212", "-")  # any spaces; the minus sign U+2212
    compact = compact.removesuffix("%")  # "62 %" answers "what percentage?" with 62
    if "," in compact and "." in compact:
        compact = compact.replace(".", "")
    compact = compact.replace(",", ".")
    shown = text.strip() if len(text.strip()) <= 40 else text.strip()[:39] + "…"
    if not _NUMBER.fullmatch(compact):
        raise ValueError(f"«\u00a0{shown}\u00a0» n'est pas un nombre")
    value = float(compact)
    if not math.isfinite(value):
        raise ValueError(f"«\u00a0{shown}\u00a0» est un nombre trop grand")
    return value


def normalise_text(text: str) -> str:
    """Answer form compared by short-text questions: folded, without punctuation."""
    return " ".join(fold(_PUNCTUATION.sub(" ", text)).split())


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance: the typos separating two answers."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def _scored(fraction: float, scoring: Scoring) -> float:
    fraction = max(0.0, min(1.0, fraction))
    if scoring == "all_or_nothing":
        return 1.0 if fraction >= 1.0 - EPSILON else 0.0
    return fraction


def _option_index(question_id: str, value: object, count: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < count:
        raise ResponseError(question_id, f"attendu : le numéro d'une option, de 0 à {count - 1}.")
    return value


def _grade_single(question: SingleChoice, response: object) -> float:
    index = _option_index(question.id, response, len(question.options))
    return 1.0 if question.options[index].correct else 0.0


def _grade_multiple(question: MultipleChoice, response: object, scoring: Scoring) -> float:
    if not isinstance(response, list):
        raise ResponseError(question.id, "attendu : une liste de numéros d'options, ex. [0, 2].")
    picked = {_option_index(question.id, value, len(question.options)) for value in response}
    right = {i for i, option in enumerate(question.options) if option.correct}
    return _scored((len(picked & right) - len(picked - right)) / len(right), scoring)


def _grade_true_false(question: TrueFalse, response: object) -> float:
    if not isinstance(response, bool):
        raise ResponseError(question.id, "attendu : true (vrai) ou false (faux).")
    return 1.0 if response == question.answer else 0.0


def _grade_matching(question: Matching, response: object, scoring: Scoring) -> float:
    if not isinstance(response, dict) or not all(isinstance(v, str) for v in response.values()):
        raise ResponseError(
            question.id,
            "attendu : un objet qui associe chaque élément de gauche à un élément de droite.",
        )
    lefts = {pair.left for pair in question.pairs}
    unknown = sorted(set(response) - lefts)
    if unknown:
        raise ResponseError(question.id, f"élément de gauche inconnu : « {unknown[0]} ».")
    right_pairs = sum(response.get(pair.left) == pair.right for pair in question.pairs)
    return _scored(right_pairs / len(question.pairs), scoring)


def _grade_ordering(question: Ordering, response: object, scoring: Scoring) -> float:
    if not isinstance(response, list) or sorted(map(str, response)) != sorted(question.items):
        raise ResponseError(
            question.id,
            "attendu : la liste de tous les éléments, chacun une fois, dans votre ordre.",
        )
    in_place = sum(
        given == expected for given, expected in zip(response, question.items, strict=True)
    )
    return _scored(in_place / len(question.items), scoring)


def _grade_short_text(question: ShortText, response: object) -> float:
    if not isinstance(response, str):
        raise ResponseError(question.id, "attendu : un texte.")
    given = normalise_text(response)
    if not given:
        return 0.0
    return (
        1.0
        if any(
            edit_distance(given, normalise_text(answer)) <= question.typo_tolerance
            for answer in question.answers
        )
        else 0.0
    )


def _grade_numeric(question: Numeric, response: object) -> float:
    if isinstance(response, bool) or not isinstance(response, int | float | str):
        raise ResponseError(question.id, "attendu : un nombre, ex. 610 ou « 1\u202f234,5 ».")
    try:
        value = parse_french_number(response) if isinstance(response, str) else float(response)
    except OverflowError:  # an int beyond any float
        value = math.inf
    except ValueError as exc:
        raise ResponseError(question.id, f"{exc}.") from exc
    if not math.isfinite(value):  # NaN and infinities are never a right answer
        raise ResponseError(question.id, "attendu : un nombre fini.")
    if question.answer is not None:
        return 1.0 if abs(value - question.answer) <= question.tolerance + EPSILON else 0.0
    assert question.min is not None and question.max is not None
    return 1.0 if question.min - EPSILON <= value <= question.max + EPSILON else 0.0


def grade_question(
    question: Question, response: object, quiz_scoring: Scoring = "partial"
) -> float:
    """Fraction in [0, 1] for one response; None (no answer) scores 0."""
    if response is None:
        return 0.0
    scoring = question.scoring or quiz_scoring
    match question:
        case SingleChoice():
            return _grade_single(question, response)
        case MultipleChoice():
            return _grade_multiple(question, response, scoring)
        case TrueFalse():
            return _grade_true_false(question, response)
        case Matching():
            return _grade_matching(question, response, scoring)
        case Ordering():
            return _grade_ordering(question, response, scoring)
        case ShortText():
            return _grade_short_text(question, response)
        case Numeric():
            return _grade_numeric(question, response)
        case _:
            assert_never(question)


def right_response(question: Question) -> Response:
    """A response that scores 1, in the form the quiz page stores (tests, benchmarks, demos)."""
    match question:
        case SingleChoice():
            return next(i for i, option in enumerate(question.options) if option.correct)
        case MultipleChoice():
            return [i for i, option in enumerate(question.options) if option.correct]
        case TrueFalse():
            return question.answer
        case Matching():
            return {pair.left: pair.right for pair in question.pairs}
        case Ordering():
            return list(question.items)
        case ShortText():
            return question.answers[0]
        case Numeric():
            value = question.answer if question.answer is not None else question.min
            return f"{value:g}".replace(".", ",")
        case _:
            assert_never(question)


def grade_responses(
    quiz: Quiz, questions: Sequence[Question], responses: Mapping[str, object]
) -> QuizResult:
    """Grade `responses` (question id → response) to `questions`, in their order."""
    unknown = sorted(set(responses) - {question.id for question in questions})
    if unknown:
        raise ResponseError(unknown[0], "cette question n'existe pas dans ce quiz.")
    results = []
    for question in questions:
        fraction = grade_question(question, responses.get(question.id), quiz.scoring)
        results.append(
            QuestionResult(question.id, fraction, fraction * question.points, question.points)
        )
    score = sum(result.points for result in results)
    max_score = sum(result.max_points for result in results)
    percent = 100 * score / max_score if max_score else 0.0
    return QuizResult(
        score, max_score, percent, percent >= quiz.pass_mark - EPSILON, tuple(results)
    )


def grade_quiz(quiz: Quiz, responses: Mapping[str, object]) -> QuizResult:
    """Grade responses to every question of a quiz, in file order (no shuffle, no draw)."""
    return grade_responses(quiz, quiz.questions, responses)
