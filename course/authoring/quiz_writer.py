"""Drafts become a quiz file: ids, objectives, each question checked by the course's own
models, then YAML an author can read (keys in the shipped quizzes' order, block style, French
text as written, one blank line between questions).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from course.authoring.drafts import Draft, Issue, QuestionData, Reading, number_text, quoted, slug
from course.content.errors import errors_from_validation
from course.content.questions import Question, Quiz

_QUESTION: TypeAdapter[Question] = TypeAdapter(Question)
_PLAIN_KEYS = {"id", "type", "lesson", "module", "objective", "scoring"}
_PLAIN = re.compile(r"^[a-z0-9]+([-_][a-z0-9]+)*$")
_UNPRINTABLE = re.compile("[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|\ufeff")


@dataclass(frozen=True)
class Target:
    """Where the questions go: the quiz's id, its module and the objectives they may check."""

    quiz_id: str
    lesson_id: str | None = None
    lesson_title: str | None = None
    objectives: tuple[str, ...] = ()  # the module's objectives, in order
    modules: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # every module's


@dataclass(frozen=True)
class Built:
    """The quiz file's data (None when no question could be imported) and every issue."""

    quiz: dict[str, Any] | None
    issues: list[Issue]
    imported: int
    refused: int
    defaulted: int  # questions given the module's first objective


def _unique_id(draft: Draft, used: set[str]) -> str:
    base = slug(draft.title or "") or f"q{draft.number}"
    candidate, suffix = base, 2
    while candidate in used:
        candidate, suffix = f"{base}-{suffix}", suffix + 1
    used.add(candidate)
    return candidate


def _refusal(draft: Draft, message: str, key: str) -> Issue:
    label = f"question {draft.number}" + (f" ({quoted(draft.title)})" if draft.title else "")
    return Issue(f"{label} non importée\u00a0: {message}", draft.line, draft.column_of.get(key))


def _links(draft: Draft, target: Target) -> tuple[dict[str, str], tuple[str, str] | None]:
    """`module` and `objective` of a question, or why they cannot be used (French, and the
    key at fault)."""
    links: dict[str, str] = {}
    objective = draft.objective
    if target.lesson_id is not None:
        if draft.module not in (None, target.lesson_id):
            return {}, (
                f"module {quoted(draft.module or '')} alors que le quiz est celui du module "
                f"{quoted(target.lesson_id)}\u00a0: videz la cellule ou écrivez "
                f"{quoted(target.lesson_id)}.",
                "module",
            )
        objectives = target.objectives
    else:
        objectives = target.modules.get(draft.module or "", ())
        if draft.module is not None:
            if target.modules and draft.module not in target.modules:
                known = ", ".join(quoted(m) for m in sorted(target.modules))
                message = (
                    f"module {quoted(draft.module)} introuvable\u202f; modules\u00a0: {known}."
                )
                return {}, (message, "module")
            links["module"] = draft.module
    if objective is not None and objectives and objective not in objectives:
        known = ", ".join(quoted(o) for o in objectives)
        message = f"objectif {quoted(objective)} absent du module\u202f; objectifs\u00a0: {known}."
        return {}, (message, "objective")
    if objective is None and target.lesson_id is not None and objectives:
        objective = objectives[0]
    if objective is not None:
        links["objective"] = objective
    return links, None


_TYPE_TAG = re.compile(
    r"^(?:single_choice|multiple_choice|true_false|matching|ordering|short_text|numeric)\.?"
)


def _checked(question: QuestionData) -> tuple[str, str] | None:
    """None when the course's model accepts the question, else its first problem in French and
    the key at fault."""
    try:
        _QUESTION.validate_python(question)
    except ValidationError as exc:
        error = errors_from_validation(exc, "")[0]
        key = _TYPE_TAG.sub("", error.key)
        return (f"{key}\u00a0: {error.message}" if key else error.message), key.split(".")[0]
    return None


def build_quiz(reading: Reading, target: Target) -> Built:
    """The quiz file for `target` from a reader's drafts; refused questions become issues."""
    issues = list(reading.issues)
    questions: list[QuestionData] = []
    used: set[str] = set()
    defaulted = 0
    for draft in reading.drafts:
        links, problem = _links(draft, target)
        question: QuestionData = {"id": "q", "type": draft.data["type"], **links}
        question |= {k: v for k, v in draft.data.items() if k != "type"}
        problem = problem or _checked(question)
        if problem is not None:  # its notes no longer matter
            issues = [i for i in issues if i.refused or i.question != draft.number]
            issues.append(_refusal(draft, *problem))
            continue
        question["id"] = _unique_id(draft, used)
        defaulted += draft.objective is None and "objective" in links
        questions.append(question)
    issues.sort(key=lambda issue: (issue.line or 0, not issue.refused))
    refused = sum(issue.refused for issue in issues)
    if not questions:
        return Built(None, issues, 0, refused, 0)
    title = reading.title or (
        f"Quiz\u00a0: {target.lesson_title}" if target.lesson_title else f"Quiz {target.quiz_id}"
    )
    quiz: dict[str, Any] = {"id": target.quiz_id, "title": title}
    if target.lesson_id is not None:
        quiz["lesson"] = target.lesson_id
    quiz |= {"pass_mark": 70, "shuffle": True, "scoring": "partial", "questions": questions}
    Quiz.model_validate(quiz)  # every question passed on its own: the whole file does too
    return Built(quiz, issues, len(questions), refused, defaulted)


# --- YAML ----------------------------------------------------------------------------------


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back exactly, French letters as they are."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")

    def code(match: re.Match[str]) -> str:
        point = ord(match[0])
        return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"

    escaped = _UNPRINTABLE.sub(code, escaped).replace("\t", "\\t")
    return f'"{escaped}"'


def scalar(value: Any, key: str = "") -> str:
    """One value as YAML: ids plain when YAML reads them back as the same text, texts quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number_text(value)
    text = str(value)
    if key in _PLAIN_KEYS and _PLAIN.fullmatch(text) and yaml.safe_load(text) == text:
        return text
    return _quoted(text)


def _lines(value: Any, key: str, indent: int) -> list[str]:
    """`key: value`, or `key:` followed by its list, each item two spaces further in."""
    pad = " " * indent
    if not isinstance(value, list):
        return [f"{pad}{key}: {scalar(value, key)}"]
    lines = [f"{pad}{key}:"]
    for item in value:
        lines.extend(_item(item, indent + 2, key))
    return lines


def _item(item: Any, indent: int, key: str) -> list[str]:
    pad = " " * indent
    if not isinstance(item, dict):
        return [f"{pad}- {scalar(item, key)}"]
    lines: list[str] = []
    for inner_key, inner in item.items():
        lines.extend(_lines(inner, inner_key, indent + 2))
    lines[0] = f"{pad}- {lines[0][indent + 2 :]}"
    return lines


def quiz_yaml(quiz: Mapping[str, Any]) -> str:
    """The quiz file's text."""
    lines: list[str] = []
    for key, value in quiz.items():
        if key != "questions":
            lines.extend(_lines(value, key, 0))
    lines.append("questions:")
    for index, question in enumerate(quiz["questions"]):
        if index:
            lines.append("")
        lines.extend(_item(question, 2, "questions"))
    return "\n".join(lines) + "\n"
