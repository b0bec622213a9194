"""`python -m course export --format csv|xlsx|xapi|certificats|gift`: results and quizzes written to a file."""

from __future__ import annotations

from pathlib import Path

from course.cli.common import database
from course.cli.failures import Failure, fail, plural, quoted, reason
from course.content.course import Course
from course.content.loader import (
    content_dir_from_env,
    load_course,
)
from course.results.exports.certificates import certificates_zip, completed
from course.results.exports.moodle_gift import quiz_to_gift
from course.results.exports.spreadsheets import results_csv, results_xlsx
from course.results.exports.xapi import xapi_json, xapi_statements
from course.results.group import GroupResults, load_group_results
from course.storage.store import Store
from course.workshop.workshops import Workshops

# --- export --------------------------------------------------------------------------------

RESULT_FORMATS = ("csv", "xlsx", "xapi", "certificats")
EXPORT_FORMATS = (*RESULT_FORMATS, "gift")


def _export_usage(
    format_: str | None, out: Path | None, workshop: str | None, quiz: str | None
) -> str | None:
    """What is missing or does not fit in the options, in French; None when they are usable."""
    choices = ", ".join(EXPORT_FORMATS[:-1]) + f" ou {EXPORT_FORMATS[-1]}"
    if format_ is None:
        return f"--format est obligatoire\u202f: {choices}."
    if format_ not in EXPORT_FORMATS:
        return f"Format inconnu {quoted(format_)}\u202f: choisissez {choices}."
    if out is None:
        return "--out FILE est obligatoire\u202f: le fichier à écrire."
    if format_ == "gift" and quiz is None:
        return "--format gift demande le quiz\u202f: --quiz QUIZ_ID (par exemple --quiz bases)."
    if format_ == "gift" and workshop is not None:
        return "--workshop ne sert qu'aux résultats (csv, xlsx, xapi, certificats), pas au format gift."
    if format_ != "gift" and quiz is not None:
        return "--quiz ne sert qu'avec --format gift."
    return None


def _write(out: Path, data: bytes) -> None:
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise Failure(f"{out}\u202f: impossible d'écrire le fichier ({reason(exc)}).", 1) from None


def _export_gift(course: Course, quiz_id: str, out: Path) -> str:
    quiz = course.quizzes.get(quiz_id)
    if quiz is None:
        known = ", ".join(sorted(course.quizzes)) or "aucun"
        raise Failure(
            f"Aucun quiz n'a l'identifiant {quoted(quiz_id)}. Quiz disponibles\u202f: {known}.", 1
        )
    _write(out, quiz_to_gift(quiz).encode("utf-8"))
    questions = plural(len(quiz.questions), "question")
    return f"{out} écrit\u202f: quiz {quoted(quiz.title)} ({questions}), format GIFT pour Moodle."


def _results_file(format_: str, results: GroupResults, store: Store) -> tuple[bytes, str]:
    """The file's bytes and what it holds, in French."""
    whose = f"{plural(len(results.participants), 'participant')} ({results.scope_label})"
    if format_ == "csv":
        return results_csv(results), f"résultats de {whose}, format CSV"
    if format_ == "xlsx":
        return results_xlsx(results), f"résultats de {whose}, format XLSX"
    if format_ == "xapi":
        count = plural(len(xapi_statements(results)), "déclaration")
        return xapi_json(results), f"{count} xAPI de {whose}"
    done = len(completed(results))
    if not done:
        raise Failure(
            f"Personne n'a encore terminé la formation parmi {whose}\u202f: "
            "aucune attestation à écrire.",
            1,
        )
    return certificates_zip(results, store), f"{plural(done, 'attestation')} de {whose}"


def _export_results(course: Course, format_: str, workshop: str | None, out: Path) -> str:
    with database(1) as store:
        workshop_id = None
        if workshop is not None:
            found = Workshops(store).by_code(workshop)
            if found is None:
                raise Failure(f"Aucun atelier n'a le code {quoted(workshop)}.", 1)
            workshop_id = found.id
        results = load_group_results(course, store, workshop_id)
        data, described = _results_file(format_, results, store)
    _write(out, data)
    return f"{out} écrit\u202f: {described}."


def export(format_: str | None, out: Path | None, workshop: str | None, quiz: str | None) -> int:
    """Write group results (CSV, XLSX, xAPI), certificates (zip) or a quiz (GIFT) to a file."""
    problem = _export_usage(format_, out, workshop, quiz)
    if problem is not None:
        return fail(problem, 1)
    assert format_ is not None and out is not None
    course = load_course(content_dir_from_env())
    if course.settings is None or course.info is None:
        return fail(
            "Les réglages du cours (course.yaml, reglages.yaml) sont illisibles\u202f: lancez "
            "python -m course validate.",
            1,
        )
    try:
        if format_ == "gift":
            assert quiz is not None
            print(_export_gift(course, quiz, out))
        else:
            print(_export_results(course, format_, workshop, out))
    except Failure as failure:
        return fail(failure.message, failure.status)
    return 0
