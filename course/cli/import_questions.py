"""`python -m course import FILE --quiz-id ID [--lesson ID] --out quizzes/ID.yaml [--force]`:
questions from Moodle (GIFT) or a spreadsheet (CSV, XLSX) written as a quiz file.

Exit status: 0 when every question was imported, 1 when some were reported (the others are
written), 2 for a usage error or a file that cannot be read (nothing is written).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from course.authoring.drafts import Issue, Reading
from course.authoring.gift_reader import read_gift
from course.authoring.quiz_writer import Built, Target, build_quiz, quiz_yaml
from course.authoring.spreadsheet_reader import read_sheet
from course.authoring.spreadsheet_template import UnreadableSheet, csv_rows, xlsx_rows
from course.cli.failures import Failure, fail, plural, quoted, reason
from course.content.course import Course
from course.content.lesson import Lesson
from course.content.loader import content_dir_from_env, load_course

FORMATS = {".gift": "gift", ".txt": "gift", ".csv": "csv", ".xlsx": "xlsx"}
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _target(course: Course, quiz_id: str, lesson_id: str | None) -> tuple[Target, Lesson | None]:
    modules = {lesson.id: tuple(o.id for o in lesson.meta.objectives) for lesson in course.lessons}
    if lesson_id is None:
        return Target(quiz_id, modules=modules), None
    lesson = course.lesson(lesson_id)
    if lesson is None:
        known = ", ".join(sorted(modules)) or "aucun"
        raise Failure(
            f"--lesson {quoted(lesson_id)}\u00a0: module introuvable. Modules\u00a0: {known}.", 2
        )
    target = Target(quiz_id, lesson.id, lesson.meta.title, modules[lesson.id], modules)
    return target, lesson


def _check_usage(source: Path, quiz_id: str, out: Path, force: bool, course: Course) -> str:
    """The source's format; Failure (exit 2) for anything that stops the import."""
    if not _SLUG.match(quiz_id):
        raise Failure(
            f"--quiz-id {quoted(quiz_id)}\u00a0: identifiant invalide\u202f; utilisez des "
            "minuscules sans accent, des chiffres et des tirets (ex. «\u00a0bases\u00a0»).",
            2,
        )
    file_format = FORMATS.get(source.suffix.lower())
    if file_format is None:
        raise Failure(
            f"{source}\u00a0: format inconnu\u202f; importez un fichier .gift (ou .txt) de Moodle, "
            "ou un tableau .csv ou .xlsx (enregistrez un .xls ou un .ods au format .xlsx).",
            2,
        )
    if not source.is_file():
        raise Failure(f"{source}\u00a0: fichier introuvable.", 2)
    if out.exists() and not force:
        raise Failure(f"{out} existe déjà\u00a0: ajoutez --force pour le remplacer.", 2)
    existing = course.quiz_files.get(quiz_id)
    if existing is not None and (course.root / existing).resolve() != out.resolve():
        raise Failure(
            f"Le quiz {quoted(quiz_id)} existe déjà ({existing})\u00a0: choisissez un autre "
            f"--quiz-id, ou --out {existing} --force pour le remplacer.",
            2,
        )
    return file_format


def _read(source: Path, file_format: str) -> Reading:
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise Failure(f"{source}\u00a0: lecture impossible ({reason(exc)}).", 2) from None
    try:
        if file_format == "gift":
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise Failure(
                    f"{source}\u00a0: le fichier n'est pas en UTF-8\u202f; enregistrez-le en "
                    "UTF-8 (Moodle exporte en UTF-8).",
                    2,
                ) from None
            return read_gift(text)
        return read_sheet(csv_rows(data) if file_format == "csv" else xlsx_rows(data))
    except UnreadableSheet as exc:
        raise Failure(f"{source}\u00a0: {exc}", 2) from None


def _issue_line(source: Path, issue: Issue) -> str:
    where = issue.where()
    return (
        f"{source}, {where}\u00a0: {issue.message}" if where else f"{source}\u00a0: {issue.message}"
    )


def _advice(built: Built, target: Target, lesson: Lesson | None) -> list[str]:
    """What the author still has to do for `validate` to accept the quiz."""
    lines = []
    if lesson is not None and built.defaulted:
        lines.append(
            f"Objectif {quoted(target.objectives[0])} (le premier du module) donné à "
            f"{plural(built.defaulted, 'question')} sans objectif\u00a0: choisissez le bon pour "
            "chacune (objective:)."
        )
    if lesson is not None and lesson.meta.quiz != target.quiz_id:
        lines.append(
            f"Ajoutez «\u00a0quiz: {target.quiz_id}\u00a0» dans {lesson.file} pour rattacher le "
            "quiz au module."
        )
    assert built.quiz is not None
    questions = built.quiz["questions"]
    if lesson is None and not all("module" in q and "objective" in q for q in questions):
        lines.append(
            "Ce quiz n'est rattaché à aucun module\u00a0: relancez avec --lesson ID, ou ajoutez "
            "«\u00a0lesson: ID\u00a0» au quiz, «\u00a0quiz: ID\u00a0» au module et "
            "«\u00a0objective:\u00a0» à chaque question\u202f; pour un examen final, "
            "«\u00a0module:\u00a0» et «\u00a0objective:\u00a0» à chaque question."
        )
    lines.append("Vérifiez ensuite le contenu\u00a0: python -m course validate")
    return lines


def _import(source: Path, quiz_id: str, lesson_id: str | None, out: Path, force: bool) -> int:
    course = load_course(content_dir_from_env())
    file_format = _check_usage(source, quiz_id, out, force, course)
    target, lesson = _target(course, quiz_id, lesson_id)
    built = build_quiz(_read(source, file_format), target)
    for issue in built.issues:
        print(_issue_line(source, issue), file=sys.stderr)
    if built.quiz is None:
        print(f"Aucune question importée de {source}\u00a0: rien n'a été écrit.", file=sys.stderr)
        return 1
    try:
        out.write_text(quiz_yaml(built.quiz), encoding="utf-8")
    except OSError as exc:
        raise Failure(f"{out}\u00a0: impossible d'écrire le fichier ({reason(exc)}).", 2) from None
    summary = (
        f"{out} écrit\u00a0: {plural(built.imported, 'question importée', 'questions importées')}"
    )
    if built.refused:
        not_imported = plural(built.refused, "question non importée", "questions non importées")
        summary += f", {not_imported} (voir les messages ci-dessus)"
    print(summary + ".")
    for line in _advice(built, target, lesson):
        print(line)
    return 1 if built.refused else 0


def import_questions(
    source: Path, quiz_id: str, lesson_id: str | None, out: Path, force: bool = False
) -> int:
    """Write the quiz file; French messages, exit 0, 1 (some questions reported) or 2."""
    try:
        return _import(source, quiz_id, lesson_id, out, force)
    except Failure as failure:
        return fail(failure.message, failure.status)
