"""A stored response as a trainer reads it: the option's label, « Vrai » or « Faux », the pairs
that were matched wrongly, the order given, the words typed, the number in French.

Responses come from the database and may predate an edit of the quiz: anything that no longer
fits its question is shown as it was stored rather than raising.
"""

from __future__ import annotations

import json
from typing import Any, assert_never

from course.content.questions import (
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Question,
    ShortText,
    SingleChoice,
    TrueFalse,
)
from course.formatting import format_number
from course.quiz.grading import normalise_text, parse_french_number

NO_ANSWER = "Sans réponse"
QUESTION_TYPE_LABELS = {
    "single_choice": "Choix unique",
    "multiple_choice": "Choix multiple",
    "true_false": "Vrai ou faux",
    "matching": "Association",
    "ordering": "Remise en ordre",
    "short_text": "Réponse courte",
    "numeric": "Nombre",
}


def _as_stored(response: Any) -> str:
    return json.dumps(response, ensure_ascii=False, sort_keys=True)


def _option_label(question: SingleChoice | MultipleChoice, index: Any) -> str:
    if (
        isinstance(index, int)
        and not isinstance(index, bool)
        and 0 <= index < len(question.options)
    ):
        return question.options[index].text
    return f"option {index} (inconnue)"


def _picked(question: MultipleChoice, response: Any) -> str:
    if not isinstance(response, list):
        return _as_stored(response)
    if not response:
        return "Aucune option cochée"
    ordered = sorted(response, key=lambda i: i if isinstance(i, int) else len(question.options))
    return "\u202f; ".join(_option_label(question, index) for index in ordered)


def _wrong_pairs(question: Matching, response: Any) -> str:
    """Only the pairs that were matched wrongly: that is what the room misunderstood."""
    if not isinstance(response, dict):
        return _as_stored(response)
    wrong = [
        f"{pair.left} → {response.get(pair.left) or NO_ANSWER.lower()}"
        for pair in question.pairs
        if response.get(pair.left) != pair.right
    ]
    return "\u202f; ".join(wrong) or "Toutes les paires justes"


def _number(response: Any) -> str:
    try:
        value = parse_french_number(response) if isinstance(response, str) else float(response)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an integer beyond any float
        return str(response)[:40].strip()
    return format_number(value, 6)


def describe_response(question: Question, response: Any) -> str:
    """The response in words, for tables and exports."""
    if response is None:
        return NO_ANSWER
    match question:
        case SingleChoice():
            return _option_label(question, response)
        case MultipleChoice():
            return _picked(question, response)
        case TrueFalse():
            return {True: "Vrai", False: "Faux"}.get(response, _as_stored(response))
        case Matching():
            return _wrong_pairs(question, response)
        case Ordering():
            return " → ".join(map(str, response)) if isinstance(response, list) else str(response)
        case ShortText():
            return " ".join(str(response).split())
        case Numeric():
            return _number(response)
        case _:
            assert_never(question)


def response_key(question: Question, response: Any) -> str:
    """Responses that say the same thing share a key: « Abonnes » and « abonnés  » are one
    short answer, « 610 » and « 610,0 » one number."""
    if isinstance(question, ShortText) and isinstance(response, str):
        return normalise_text(response)
    if isinstance(question, Numeric) and response is not None:
        return _number(response)
    return describe_response(question, response)


def question_type_label(question: Question) -> str:
    return QUESTION_TYPE_LABELS[question.type]
