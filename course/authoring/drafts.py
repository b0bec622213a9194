"""What every reader hands to the quiz writer: question drafts and located issues.

A draft is one question read from a source, as the plain dict a quiz file holds (keys in the
order of the shipped quizzes), before its id and objective are settled. An issue is something the
author must know: a question that could not be imported (`refused`), or one imported with a
change to check. Issues are located the way authors count: a GIFT line, a spreadsheet row and
column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from course.text import fold

QuestionData = dict[str, Any]
MISSING_EXPLANATION = "À compléter\u00a0: pourquoi la bonne réponse est la bonne."


@dataclass(frozen=True)
class Issue:
    """A French message about one place of the source (or the whole file when `line` is None)."""

    message: str
    line: int | None = None
    column: str | None = None  # « D (options) » for a spreadsheet cell
    refused: bool = True  # True: the question was not imported
    question: int | None = None  # the number of the question it is about

    def where(self) -> str:
        """`ligne 12`, `ligne 3, colonne D (options)`, or nothing for the whole file."""
        if self.line is None:
            return ""
        return f"ligne {self.line}" + (f", colonne {self.column}" if self.column else "")


class Refused(Exception):
    """Raised while reading one question: it cannot be imported, for this French reason."""

    def __init__(self, message: str, line: int | None = None, column: str | None = None) -> None:
        super().__init__(message)
        self.issue = Issue(message, line, column)


@dataclass
class Draft:
    """One question read from a source; `data` lacks `id`, `module` and `objective`."""

    line: int
    data: QuestionData
    title: str | None = None
    number: int = 0  # its place among the source's questions, refused ones included
    objective: str | None = None
    module: str | None = None
    column_of: dict[str, str] = field(default_factory=dict)  # key → spreadsheet column, if any


@dataclass(frozen=True)
class Reading:
    """Everything a reader found: drafts in source order, issues, a title for the quiz."""

    drafts: list[Draft]
    issues: list[Issue]
    title: str | None = None


def quoted(text: str) -> str:
    """The text between French quotation marks, with no-break spaces inside."""
    return f"«\u00a0{text}\u00a0»"


def shown(text: str, limit: int = 40) -> str:
    """A text short enough for a message, quoted."""
    text = " ".join(text.split())
    return quoted(text if len(text) <= limit else text[: limit - 1] + "…")


def slug(text: str) -> str:
    """An id made of lower-case letters without accents, digits and hyphens (`Où va-t-on` → ou-va-t-on)."""
    return "-".join(re.findall(r"[a-z0-9]+", fold(text)))


def number_text(value: float) -> str:
    """610, 0.5: how a number is written in a quiz file."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def french_number(value: float) -> str:
    """610, 0,5: how a number is written in a French message."""
    return number_text(value).replace(".", ",")


def question_label(number: int, title: str | None) -> str:
    """`question 3` or `question 3 (capitale)` for messages."""
    return f"question {number}" + (f" ({quoted(title)})" if title else "")
