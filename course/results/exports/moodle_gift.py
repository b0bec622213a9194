"""A quiz in Moodle's GIFT format, to import into a Moodle question bank.

Each question keeps its id as name, its prompt, its options with their feedback, and its
explanation as general feedback (`####`). Texts are marked `[markdown]`, as the course shows
them, and GIFT's special characters ~ = # { } : and \\ are escaped with a backslash.

Where GIFT cannot say what the course does, the file says so in a `//` comment above the
question: ordering has no GIFT type and becomes a matching of each position to its item;
Moodle's short answers do not forgive typos; GIFT has no points, so Moodle gives each question
its default mark.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
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
from course.quiz.grading import normalise_text
from course.quiz.response_text import question_type_label

TEXT_FORMAT = "[markdown]"
_ESCAPES = str.maketrans({c: "\\" + c for c in "\\~=#{}:"} | {"\n": "\\n", "\r": ""})


def escape(text: str) -> str:
    """Text that GIFT reads back exactly: special characters and line breaks escaped."""
    return text.translate(_ESCAPES)


def _answer_text(text: str) -> str:
    """An option or matching item; `->` would end a matching item's left side early, so its
    `>` is escaped for Markdown (which shows `->` again)."""
    return escape(text).replace("->", "-\\>")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _weight(percent: float) -> str:
    """Moodle accepts only its own list of grades (100, 50, 33.33333…): 5 decimals match."""
    return f"{percent:.5f}".rstrip("0").rstrip(".")


def _feedback(text: str | None) -> str:
    return f"#{escape(text)}" if text else ""


def _single_choice(question: SingleChoice) -> Iterator[str]:
    for option in question.options:
        mark = "=" if option.correct else "~"
        yield f"{mark}{escape(option.text)}{_feedback(option.feedback)}"


def _multiple_choice(question: MultipleChoice, all_or_nothing: bool) -> Iterator[str]:
    """Each right option is worth 1/right of the points and each wrong one takes as much off,
    as the course's partial scoring does; under all or nothing a wrong pick takes all off."""
    share = 100 / sum(option.correct for option in question.options)
    for option in question.options:
        weight = share if option.correct else (-100 if all_or_nothing else -share)
        yield f"~%{_weight(weight)}%{escape(option.text)}{_feedback(option.feedback)}"


def _true_false(question: TrueFalse) -> Iterator[str]:
    """GIFT: {TRUE#feedback when wrong#feedback when right}."""
    right, wrong = question.feedback_true, question.feedback_false
    if not question.answer:
        right, wrong = wrong, right
    text = "TRUE" if question.answer else "FALSE"
    if wrong or right:
        text += f"#{escape(wrong or '')}"
    if right:
        text += f"#{escape(right)}"
    yield text


def _pairs(pairs: list[tuple[str, str]]) -> Iterator[str]:
    for left, right in pairs:
        yield f"={_answer_text(left)} -> {_answer_text(right)}"


def _position(number: int) -> str:
    return f"{number}{'re' if number == 1 else 'e'} position"


def _short_text(question: ShortText) -> Iterator[str]:
    """The accepted answers, then their forms without accents or punctuation (the course
    ignores them, Moodle does not); `*` is Moodle's wildcard, so it is escaped."""
    seen: set[str] = set()
    for answer in [*question.answers, *map(normalise_text, question.answers)]:
        if answer.casefold() not in seen and answer:
            seen.add(answer.casefold())
            yield "=" + escape(answer).replace("*", "\\*")


def _numeric(question: Numeric) -> Iterator[str]:
    if question.answer is not None:
        yield f"={_number(question.answer)}:{_number(question.tolerance)}"
    else:
        assert question.min is not None and question.max is not None
        yield f"={_number(question.min)}..{_number(question.max)}"


def _answers(question: Question, quiz: Quiz) -> list[str]:
    scoring = question.scoring or quiz.scoring
    match question:
        case SingleChoice():
            return list(_single_choice(question))
        case MultipleChoice():
            return list(_multiple_choice(question, scoring == "all_or_nothing"))
        case TrueFalse():
            return list(_true_false(question))
        case Matching():
            return list(_pairs([(pair.left, pair.right) for pair in question.pairs]))
        case Ordering():
            positions = [_position(n) for n in range(1, len(question.items) + 1)]
            return list(_pairs(list(zip(positions, question.items, strict=True))))
        case ShortText():
            return list(_short_text(question))
        case Numeric():
            return list(_numeric(question))
        case _:
            assert_never(question)


def _typos(count: int) -> str:
    return f"{count}\u00a0faute{'s' if count > 1 else ''} de frappe"


def _notes(question: Question, quiz: Quiz) -> Iterator[str]:
    """What GIFT cannot say, for the person who imports the file."""
    yield f"// Question «\u00a0{question.id}\u00a0» ({question_type_label(question).lower()})"
    if question.points != 1:
        yield f"// {question.points:g}\u00a0points dans le cours\u202f: GIFT n'a pas de points, ajustez la note dans Moodle."
    if isinstance(question, Ordering):
        yield (
            "// Remise en ordre\u202f: GIFT n'a pas ce type. Exportée en association "
            "«\u00a0position → élément\u00a0», notée élément par élément comme dans le cours."
        )
    if isinstance(question, ShortText) and question.typo_tolerance:
        yield (
            f"// Le cours accepte {_typos(question.typo_tolerance)}\u202f; "
            "Moodle n'accepte que les réponses écrites ici (sans tenir compte des majuscules)."
        )
    if isinstance(question, MultipleChoice) and (question.scoring or quiz.scoring) == (
        "all_or_nothing"
    ):
        yield (
            "// Tout ou rien dans le cours\u202f: Moodle donne une part des points par bonne "
            "option cochée, et rien dès qu'une mauvaise option est cochée."
        )


def _question_text(question: Question) -> str:
    prompt = question.prompt
    if isinstance(question, Numeric) and question.unit:
        prompt += f"\n\nUnité\u202f: {question.unit}"
    return TEXT_FORMAT + escape(prompt)


def question_to_gift(question: Question, quiz: Quiz) -> str:
    """One question: notes, `::id::`, the prompt, then its answers and general feedback."""
    opening = "{#" if isinstance(question, Numeric) else "{"
    lines = [
        *_notes(question, quiz),
        f"::{escape(question.id)}::{_question_text(question)}{opening}",
        *(f"\t{answer}" for answer in _answers(question, quiz)),
        f"\t####{escape(question.explanation)}",
        "}",
    ]
    return "\n".join(lines)


def quiz_to_gift(quiz: Quiz) -> str:
    """The whole quiz: a category named after it, then its questions, in file order."""
    title = re.sub(r"[\r\n]+", " ", quiz.title)
    header = [
        f"// {title} ({quiz.id}), exporté au format GIFT pour Moodle.",
        f"$CATEGORY: $course$/top/{title.replace('/', '//')}",
    ]
    blocks = ["\n".join(header), *(question_to_gift(q, quiz) for q in quiz.questions)]
    return "\n\n".join(blocks) + "\n"
