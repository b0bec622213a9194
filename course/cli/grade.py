"""`python -m course grade QUIZ RESPONSES [--learner NAME | --code CODE] [--record]`: a paper quiz graded, and recorded in a learner's record if asked."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from course.cli.arguments import Who
from course.cli.common import database, find_learner
from course.cli.failures import Failure, fail, quoted
from course.content.errors import ContentInvalid
from course.content.loader import (
    file_hash,
    load_quiz,
)
from course.content.questions import Quiz
from course.paper.recording import AttemptsUsedUp, record_paper_attempt
from course.quiz.grading import QuizResult, ResponseError, grade_quiz

# --- grade ---------------------------------------------------------------------------------


def _record(
    quiz_file: Path, quiz: Quiz, responses: dict[str, Any], result: QuizResult, who: Who
) -> None:
    """Store a graded paper quiz as a finished attempt of the learner (created if needed)."""
    quiz_hash = file_hash(quiz_file.read_bytes())
    with database(2) as store:
        learner, new_code = find_learner(store, who, 2, create=True)
        try:
            record_paper_attempt(store, quiz, quiz_hash, learner, responses, result)
        except AttemptsUsedUp:
            raise Failure(
                f"{quoted(learner.name)} a déjà utilisé ses {quiz.max_attempts}\u00a0tentatives "
                f"au quiz {quoted(quiz.title)} (max_attempts)\u202f: rien n'a été enregistré.",
                2,
            ) from None
    if new_code is not None:
        print(
            f"Nouvel apprenant {quoted(learner.name)}. Son code de reprise, à lui remettre "
            f"(il ne sera plus affiché)\u202f: {new_code}",
            file=sys.stderr,
        )
    print(f"Tentative enregistrée pour {quoted(learner.name)}.", file=sys.stderr)


def grade(quiz_file: Path, responses_file: Path, record: Who | None = None) -> int:
    """Print the JSON grade of a responses file (exit 0), or a French message (exit 2).

    With `record`, the graded attempt is also stored for that learner before it is printed.
    """
    if not quiz_file.is_file():
        return fail(f"{quiz_file}\u202f: fichier de quiz introuvable.")
    try:
        quiz = load_quiz(quiz_file)
    except ContentInvalid as exc:
        return fail("\n".join(str(error) for error in exc.errors))
    try:
        responses = json.loads(responses_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return fail(f"{responses_file}\u202f: fichier de réponses introuvable.")
    except ValueError as exc:  # not UTF-8, not JSON, or an integer of more than 4 300 digits
        line = f":{exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        return fail(
            f'{responses_file}{line}\u202f: JSON invalide\u202f; attendu\u202f: un objet {{"id de question": réponse}}.'
        )
    if not isinstance(responses, dict):
        return fail(
            f'{responses_file}\u202f: attendu\u202f: un objet {{"id de question": réponse}}.'
        )
    try:
        result = grade_quiz(quiz, responses)
    except ResponseError as exc:
        return fail(f"{responses_file}\u202f: {exc}")
    if record is not None:
        try:
            _record(quiz_file, quiz, responses, result, record)
        except Failure as failure:
            return fail(failure.message, failure.status)
    print(json.dumps(result.as_json(), ensure_ascii=False))
    return 0
