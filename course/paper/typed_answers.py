"""A participant's paper answers typed back by the trainer: one cell per question, read with the
sheet's conventions (course/paper/sheet_codes.py) into the responses `grade_quiz` takes.

What each cell holds, as the sheet asks to write it:
- single choice: one letter (« B »);
- multiple choice: letters (« A C », « a,c », « AC »);
- true or false: « V » or « F » (« vrai », « faux »);
- matching: a letter per numbered left item (« 1B 2A 3C », or « B A C » / « BAC » in order);
- ordering: the letters in the order chosen (« CAB », « C A B »);
- short answer: the words written;
- numeric: a number written the French way (« 1 234,5 »).
An empty cell is no answer. A cell that cannot be read gives a French message that names the
question's number and what is expected; the other cells of the row are still read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import assert_never

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
from course.paper.sheet_codes import (
    letter_index,
    letter_indexes,
    option_letter,
    question_number,
    shuffled_order,
    true_false_value,
)
from course.quiz.grading import Response, parse_french_number

CELL_MAX = 200  # characters in one typed cell (a short answer is a few words)
_NUMBERED = re.compile(r"(\d+)\s*[-:=.)]?\s*([A-Za-z]+)")
_BETWEEN_PAIRS = re.compile(r"[\s,;/]*")


class CellError(ValueError):
    """A typed cell that cannot be read; the message is French and names the question."""

    def __init__(self, number: str, message: str) -> None:
        super().__init__(f"Question {number}\u00a0: {message}")
        self.number = number


@dataclass(frozen=True)
class TypedRow:
    """One participant's typed cells read back: the responses, and a message per bad cell
    (keyed by the question's printed number)."""

    responses: dict[str, Response]
    errors: dict[str, str]


def _quoted(text: str) -> str:
    shown = text if len(text) <= 30 else text[:29] + "…"
    return f"«\u00a0{shown}\u00a0»"


def _letters(count: int) -> str:
    """« A à D », or « A ou B » for two."""
    last = option_letter(count - 1)
    return f"A ou {last}" if count == 2 else f"A à {last}"


def expected(question: Question) -> str:
    """What a cell for this question should hold, in French (messages and column help)."""
    match question:
        case SingleChoice():
            return f"une lettre, de {_letters(len(question.options))}"
        case MultipleChoice():
            return f"une ou plusieurs lettres de {_letters(len(question.options))}, par exemple «\u00a0A C\u00a0»"
        case TrueFalse():
            return "V (vrai) ou F (faux)"
        case Matching():
            count = len(question.pairs)
            return (
                f"une lettre de {_letters(count)} pour chaque élément numéroté de 1 à {count}, "
                f"par exemple «\u00a0{_example_matching(count)}\u00a0»"
            )
        case Ordering():
            count = len(question.items)
            return f"les {count}\u00a0lettres de {_letters(count)} dans l'ordre choisi, chacune une fois"
        case ShortText():
            return "les mots écrits sur la feuille"
        case Numeric():
            return "un nombre, par exemple 1\u202f234,5"
        case _:
            assert_never(question)


def _example_matching(count: int) -> str:
    return " ".join(f"{n + 1}{option_letter((n + 1) % count)}" for n in range(min(count, 3)))


def _single(question: SingleChoice, text: str) -> int:
    index = letter_index(text)
    if index is None or index >= len(question.options):
        raise ValueError
    return index


def _multiple(question: MultipleChoice, text: str) -> list[int]:
    indexes = letter_indexes(text)
    if not indexes or any(index >= len(question.options) for index in indexes):
        raise ValueError
    return sorted(set(indexes))


def _matching(question: Matching, text: str) -> dict[str, str]:
    count = len(question.pairs)
    order = shuffled_order(question.id, count)
    if any(char.isdigit() for char in text):
        if not _BETWEEN_PAIRS.fullmatch(_NUMBERED.sub("", text)):
            raise ValueError
        chosen: dict[int, int] = {}
        for number, letters in _NUMBERED.findall(text):
            index = letter_index(letters)
            left = int(number) - 1
            if index is None or index >= count or not 0 <= left < count or left in chosen:
                raise ValueError
            chosen[left] = index
    else:
        indexes = letter_indexes(text)
        if indexes is None or len(indexes) != count or any(i >= count for i in indexes):
            raise ValueError
        chosen = dict(enumerate(indexes))
    return {
        question.pairs[left].left: question.pairs[order[index]].right
        for left, index in sorted(chosen.items())
    }


def _ordering(question: Ordering, text: str) -> list[str]:
    count = len(question.items)
    order = shuffled_order(question.id, count)
    indexes = letter_indexes(text)
    if indexes is None or sorted(indexes) != list(range(count)):
        raise ValueError
    return [question.items[order[index]] for index in indexes]


def _numeric(text: str) -> str:
    parse_french_number(text)  # ValueError when it is not a number
    return text


def read_cell(question: Question, number: str, cell: str) -> Response | None:
    """The response a typed cell holds (None when empty); CellError when it cannot be read."""
    text = " ".join(cell.split())
    if not text:
        return None
    if len(text) > CELL_MAX:
        raise CellError(number, f"réponse trop longue ({CELL_MAX}\u00a0caractères au plus).")
    try:
        match question:
            case SingleChoice():
                return _single(question, text)
            case MultipleChoice():
                return _multiple(question, text)
            case TrueFalse():
                value = true_false_value(text)
                if value is None:
                    raise ValueError
                return value
            case Matching():
                return _matching(question, text)
            case Ordering():
                return _ordering(question, text)
            case ShortText():
                return text
            case Numeric():
                return _numeric(text)
            case _:
                assert_never(question)
    except ValueError:
        raise CellError(
            number, f"{_quoted(text)} ne se lit pas\u202f; attendu\u00a0: {expected(question)}."
        ) from None


def read_row(quiz: Quiz, cells: Mapping[str, str] | Sequence[str]) -> TypedRow:
    """A participant's cells (by printed question number « 1 », « 2 »…, or in question order)
    read back into responses by question id, with a French message per unreadable cell."""
    by_number = (
        cells
        if isinstance(cells, Mapping)
        else {question_number(i): cell for i, cell in enumerate(cells)}
    )
    responses: dict[str, Response] = {}
    errors: dict[str, str] = {}
    for index, question in enumerate(quiz.questions):
        number = question_number(index)
        try:
            response = read_cell(question, number, by_number.get(number) or "")
        except CellError as problem:
            errors[number] = str(problem)
            continue
        if response is not None:
            responses[question.id] = response
    return TypedRow(responses, errors)


def column_help(quiz: Quiz) -> dict[str, str]:
    """Per printed question number, its type of answer in French (the grid's column help)."""
    return {
        question_number(index): f"Attendu\u00a0: {expected(question)}."
        for index, question in enumerate(quiz.questions)
    }
