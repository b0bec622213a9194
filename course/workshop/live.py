"""Live questions in a workshop: scoring an answer, the room's distribution, the answer revealed.

A live question is any question of any quiz, asked to the room. Options are shown in the
author's order on every screen, so the trainer can say « la réponse B ».
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any, assert_never

import plotly.graph_objects as go

from course.content.charts import PALETTE
from course.content.models import Scoring
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
from course.quiz.grading import ResponseError, grade_question
from course.quiz.labels import option_letter

RIGHT, PARTLY, WRONG = "Juste", "En partie juste", "Faux"


def score_live_answer(
    question: Question, response: Any, scoring: Scoring = "partial"
) -> tuple[float, float]:
    """(fraction in [0, 1], points) for a participant's answer; a malformed answer scores 0."""
    try:
        fraction = grade_question(question, response, scoring)
    except ResponseError:
        fraction = 0.0
    return fraction, round(fraction * question.points, 4)


def right_answer_text(question: Question) -> str:
    """The right answer in words, for the reveal."""
    match question:
        case SingleChoice() | MultipleChoice():
            return "\u202f; ".join(
                f"{option_letter(i)}. {option.text}"
                for i, option in enumerate(question.options)
                if option.correct
            )
        case TrueFalse():
            return "Vrai" if question.answer else "Faux"
        case Matching():
            return "\u202f; ".join(f"{pair.left} → {pair.right}" for pair in question.pairs)
        case Ordering():
            return " → ".join(question.items)
        case ShortText():
            return " ou ".join(f"«\u00a0{answer}\u00a0»" for answer in question.answers)
        case Numeric():
            return _numeric_answer_text(question)
        case _:
            assert_never(question)


def _numeric_answer_text(question: Numeric) -> str:
    unit = f"\u00a0{question.unit}" if question.unit else ""
    if question.answer is not None:
        return f"{format_number(question.answer)}{unit}"
    assert question.min is not None and question.max is not None
    return f"entre {format_number(question.min)} et {format_number(question.max)}{unit}"


def answer_distribution(
    question: Question, answers: Iterable[tuple[Any, float]]
) -> list[tuple[str, int]]:
    """How the room answered: one bar per option for choice questions, else right/partly/wrong.

    `answers` are (response, fraction) pairs. Every option or category appears, even at 0, so
    the chart does not jump while answers come in.
    """
    if isinstance(question, SingleChoice | MultipleChoice):
        counts: Counter[int] = Counter()
        for response, _ in answers:
            picked = [response] if isinstance(response, int) else response
            counts.update(i for i in picked if isinstance(i, int))
        return [
            (f"{option_letter(i)}. {option.text}", counts[i])
            for i, option in enumerate(question.options)
        ]
    if isinstance(question, TrueFalse):
        votes = Counter(response for response, _ in answers if isinstance(response, bool))
        return [("Vrai", votes[True]), ("Faux", votes[False])]
    buckets = Counter(
        RIGHT if fraction >= 1 else PARTLY if fraction > 0 else WRONG for _, fraction in answers
    )
    return [(label, buckets[label]) for label in (RIGHT, PARTLY, WRONG)]


def distribution_figure(distribution: list[tuple[str, int]], big: bool = False) -> go.Figure:
    """The room's answers as horizontal bars, each labelled with its count (not colour alone)."""
    labels = [label for label, _ in distribution]
    counts = [count for _, count in distribution]
    figure = go.Figure(
        go.Bar(
            orientation="h",
            y=labels,
            x=counts,
            text=[str(count) for count in counts],
            textposition="outside",
            marker_color=PALETTE[0],
            hoverinfo="text",
            hovertext=[f"{label}\u202f: {count}" for label, count in distribution],
        )
    )
    figure.update_layout(
        height=(90 if big else 60) + (70 if big else 44) * len(distribution),
        margin={"l": 10, "r": 30, "t": 10, "b": 30},
        xaxis={
            "title": "Nombre de réponses",
            "rangemode": "tozero",
            "dtick": 1 if max(counts, default=0) < 10 else None,
        },
        yaxis={
            "categoryorder": "array",
            "categoryarray": list(reversed(labels)),
            "automargin": True,
        },
        font={"size": 22 if big else 14},
        separators=", ",
    )
    return figure


def distribution_summary(distribution: list[tuple[str, int]], answered: int) -> str:
    """The chart's text alternative: the number of answers, then each bar's label and count."""
    if answered == 0:
        return "Aucune réponse pour l'instant."
    parts = ", ".join(f"{label}\u202f: {count}" for label, count in distribution)
    noun = "réponse" if answered == 1 else "réponses"
    return f"{answered} {noun}\u202f; {parts}."
