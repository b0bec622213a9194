"""Command line: `python -m course validate [CONTENT_DIR]`, `python -m course grade QUIZ RESPONSES`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from course.content import Course, content_dir_from_env, load_course, load_quiz
from course.errors import ContentInvalid
from course.quiz_engine import ResponseError, grade_quiz


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return f"{count} {singular if count <= 1 else (plural or singular + 's')}"


def summary(course: Course) -> str:
    """One French line describing a valid course."""
    questions = sum(len(quiz.questions) for quiz in course.quizzes.values())
    parts = [
        _plural(len(course.lessons), "module"),
        f"{_plural(len(course.quizzes), 'quiz', 'quiz')} ({_plural(questions, 'question')})",
        _plural(len(course.glossary), "terme") + " au glossaire",
        _plural(len(course.stats), "chiffre"),
        _plural(len(course.charts), "graphique"),
    ]
    return "Contenu valide : " + ", ".join(parts) + "."


def validate(content_dir: Path) -> int:
    """Print every content problem (exit 1) or a one-line summary (exit 0)."""
    if not content_dir.is_dir():
        print(f"{content_dir}: dossier de contenu introuvable.", file=sys.stderr)
        return 1
    course = load_course(content_dir.resolve())
    if course.errors:
        for error in course.errors:
            print(error)
        print(f"{_plural(len(course.errors), 'erreur')} à corriger.", file=sys.stderr)
        return 1
    print(summary(course))
    return 0


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def grade(quiz_file: Path, responses_file: Path) -> int:
    """Print the JSON grade of a responses file (exit 0), or a French message (exit 2)."""
    if not quiz_file.is_file():
        return _fail(f"{quiz_file} : fichier de quiz introuvable.")
    try:
        quiz = load_quiz(quiz_file)
    except ContentInvalid as exc:
        return _fail("\n".join(str(error) for error in exc.errors))
    try:
        responses = json.loads(responses_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return _fail(f"{responses_file} : fichier de réponses introuvable.")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = f":{exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        return _fail(
            f'{responses_file}{line} : JSON invalide ; attendu : un objet {{"id de question": réponse}}.'
        )
    if not isinstance(responses, dict):
        return _fail(f'{responses_file} : attendu : un objet {{"id de question": réponse}}.')
    try:
        result = grade_quiz(quiz, responses)
    except ResponseError as exc:
        return _fail(f"{responses_file} : {exc}")
    print(json.dumps(result.as_json(), ensure_ascii=False))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m course", description="Outils de la « Formation aux réseaux sociaux »."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")
    check = commands.add_parser("validate", help="vérifie tout le contenu (modules, quiz…)")
    check.add_argument(
        "content_dir",
        nargs="?",
        type=Path,
        metavar="DOSSIER",
        help="dossier de contenu (par défaut : $COURSE_CONTENT_DIR ou ce projet)",
    )
    marking = commands.add_parser("grade", help="note un fichier de réponses (quiz papier)")
    marking.add_argument("quiz_file", type=Path, metavar="QUIZ_FILE", help="fichier du quiz (YAML)")
    marking.add_argument(
        "responses_file",
        type=Path,
        metavar="RESPONSES_JSON",
        help='réponses : {"id de question": réponse}',
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return validate(args.content_dir or content_dir_from_env())
    if args.command == "grade":
        return grade(args.quiz_file, args.responses_file)
    return 2


if __name__ == "__main__":
    sys.exit(main())
