"""`python -m course validate [DIR]`: every content file checked, one French line per problem."""

from __future__ import annotations

import sys
from pathlib import Path

from course.cli.failures import plural
from course.content.course import Course
from course.content.loader import (
    load_course,
)


def summary(course: Course) -> str:
    """One French line describing a valid course."""
    questions = sum(len(quiz.questions) for quiz in course.quizzes.values())
    parts = [
        plural(len(course.lessons), "module"),
        f"{plural(len(course.quizzes), 'quiz', 'quiz')} ({plural(questions, 'question')})",
        plural(len(course.glossary), "terme") + " au glossaire",
        plural(len(course.stats), "chiffre"),
        plural(len(course.charts), "graphique"),
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
        print(f"{plural(len(course.errors), 'erreur')} à corriger.", file=sys.stderr)
        return 1
    print(summary(course))
    return 0
