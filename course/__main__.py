"""Command line: `python -m course validate [CONTENT_DIR]`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from course.content import Course, content_dir_from_env, load_course


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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return validate(args.content_dir or content_dir_from_env())
    return 2


if __name__ == "__main__":
    sys.exit(main())
