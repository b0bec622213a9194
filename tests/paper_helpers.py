"""What the paper quiz tests share: the cells a participant who got everything right would have
written, as the answer key prints them (tests/unit, tests/app and tests/e2e)."""

from __future__ import annotations

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
from course.formatting import format_number
from course.paper.sheet_codes import option_letter, question_number, shuffled_order


def key_letters(question: Matching | Ordering) -> str:
    """The letters the answer key prints: for matching, each numbered left item's right item;
    for ordering, the items' letters in the right order."""
    count = len(question.pairs) if isinstance(question, Matching) else len(question.items)
    order = shuffled_order(question.id, count)
    return "".join(option_letter(order.index(i)) for i in range(count))


def right_cell(question: Question) -> str:
    """What a participant who is right writes for this question."""
    match question:
        case SingleChoice() | MultipleChoice():
            return " ".join(option_letter(i) for i, o in enumerate(question.options) if o.correct)
        case TrueFalse():
            return "V" if question.answer else "F"
        case Matching() | Ordering():
            return key_letters(question)
        case ShortText():
            return question.answers[0]
        case Numeric():
            value = question.answer if question.answer is not None else question.min
            assert value is not None
            return format_number(value)
        case _:
            assert_never(question)


def right_cells(quiz: Quiz) -> dict[str, str]:
    """The whole sheet right, by printed question number."""
    return {question_number(i): right_cell(q) for i, q in enumerate(quiz.questions)}


def wrong_cell(question: Question) -> str:
    """A readable answer that is wrong (a single choice's first wrong option)."""
    assert isinstance(question, SingleChoice)
    return option_letter(next(i for i, o in enumerate(question.options) if not o.correct))
