"""Command line, for authors, administrators and paper workshops.

    python -m course validate [CONTENT_DIR]
    python -m course grade QUIZ_FILE RESPONSES_JSON [--learner NAME | --code CODE] [--record]
    python -m course certificate (--learner NAME | --code CODE) --out FILE.pdf
    python -m course verify CODE
    python -m course export --format csv|xlsx|xapi|certificats [--workshop CODE] --out FILE
    python -m course export --format gift --quiz QUIZ_ID --out FILE
    python -m course health

Every message is French and goes to stderr (stdout keeps only the results: JSON for `grade`);
a problem exits with a status and a message, never a traceback: 2 for `grade` and for usage
errors, 1 for `validate`, `certificate`, `verify` and `export`.
"""

from __future__ import annotations

import argparse
import errno
import io
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from alembic.util.exc import CommandError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from course.certificates.issuing import (
    certificate_data,
    issue_certificate,
    local_day,
    stored_progress,
)
from course.certificates.pdf import build_certificate_pdf
from course.content.course import Course
from course.content.errors import ContentInvalid
from course.content.loader import (
    PROJECT_ROOT,
    content_dir_from_env,
    file_hash,
    load_course,
    load_quiz,
)
from course.content.models import Quiz
from course.formatting import format_long_date, format_percent
from course.journey.learners import InvalidIdentity, clean_name
from course.journey.links import verification_url
from course.quiz.attempts import Attempt
from course.quiz.grading import QuizResult, ResponseError, grade_quiz
from course.results.exports.certificates import certificates_zip, completed
from course.results.exports.moodle_gift import quiz_to_gift
from course.results.exports.spreadsheets import results_csv, results_xlsx
from course.results.exports.xapi import xapi_json, xapi_statements
from course.results.group import GroupResults, load_group_results
from course.storage.health import main as health_check
from course.storage.store import Learner, Store
from course.workshop.workshops import Workshops


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


# --- Failures -------------------------------------------------------------------------------


class Failure(Exception):
    """A French message for stderr and the exit status that goes with it."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def _fail(message: str, status: int = 2) -> int:
    print(message, file=sys.stderr)
    return status


def _quoted(text: str) -> str:
    return f"«\u00a0{text}\u00a0»"


_OS_REASONS = {
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EEXIST: "un fichier porte déjà ce nom",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENOSPC: "plus de place sur le disque",
}
_DATABASE_REASONS = {
    "unable to open database file": "impossible d'ouvrir le fichier",
    "database is locked": "base verrouillée par un autre programme",
    "attempt to write a readonly database": "base en lecture seule",
    "file is not a database": "ce fichier n'est pas une base SQLite",
    "Could not parse SQLAlchemy URL from given URL string": "URL illisible (exemple\u202f: "
    "postgresql://utilisateur:motdepasse@hote/cours)",
}
# Errors that can come out of opening a database: a bad URL, a server that does not answer,
# a folder that cannot be created, a schema newer than this version of the course…
DATABASE_ERRORS = (SQLAlchemyError, CommandError, OSError, ImportError, sqlite3.Error)


def _reason(exc: BaseException) -> str:
    """Why something failed, in French when we know the words, else the technical detail."""
    if isinstance(exc, OSError) and exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno]
    cause = getattr(exc, "orig", None) or exc
    lines = str(cause).strip().splitlines()
    detail = lines[0] if lines else type(exc).__name__
    return _DATABASE_REASONS.get(detail, detail)


def _database_label() -> str:
    """Which database, for messages: its URL without the password, or the SQLite file."""
    url = os.environ.get("COURSE_DATABASE_URL")
    if url:
        try:
            return make_url(url).render_as_string(hide_password=True)
        except (SQLAlchemyError, ValueError):
            return "$COURSE_DATABASE_URL"
    return str(Path(os.environ.get("COURSE_DATA_DIR") or PROJECT_ROOT / "var") / "course.sqlite3")


@contextmanager
def _database(status: int) -> Iterator[Store]:
    """The store of $COURSE_DATABASE_URL or $COURSE_DATA_DIR; its errors become a Failure."""
    try:
        store = Store()
    except DATABASE_ERRORS as exc:
        message = (
            f"Impossible d'ouvrir la base de données {_database_label()}\u202f: {_reason(exc)}."
        )
        raise Failure(message, status) from None
    try:
        yield store
    except (SQLAlchemyError, sqlite3.Error) as exc:
        message = f"Erreur de la base de données {_database_label()}\u202f: {_reason(exc)}."
        raise Failure(message, status) from None
    finally:
        store.engine.dispose()


# --- Learners ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Who:
    """The learner a command is about: by name (--learner) or by resume code (--code)."""

    name: str | None = None
    code: str | None = None

    @classmethod
    def from_args(cls, name: str | None, code: str | None, status: int) -> Who | None:
        """None when neither is given; a name is cleaned as the app cleans it."""
        if code is not None:
            return cls(code=code)
        if name is None:
            return None
        try:
            return cls(name=clean_name(name))
        except InvalidIdentity as exc:
            raise Failure(
                f"--learner {_quoted(name)}\u202f: nom inutilisable. {exc}", status
            ) from None


def _find_learner(store: Store, who: Who, status: int, create: bool) -> tuple[Learner, str | None]:
    """The learner, and their resume code when `create` had to create them."""
    if who.code is not None:
        learner = store.learner_by_code(who.code)
        if learner is None:
            raise Failure(f"Aucun apprenant n'a le code de reprise {_quoted(who.code)}.", status)
        return learner, None
    assert who.name is not None
    found = store.learners_named(who.name)
    if len(found) > 1:
        raise Failure(
            f"{len(found)}\u00a0apprenants s'appellent {_quoted(who.name)}\u202f: désignez la bonne "
            "personne par son code de reprise, avec --code CODE à la place de --learner "
            "(par exemple --code K7QF-29XM).",
            status,
        )
    if found:
        return found[0], None
    if not create:
        raise Failure(
            f"Aucun apprenant ne s'appelle {_quoted(who.name)}. Vérifiez l'orthographe exacte, "
            "ou désignez la personne par son code de reprise avec --code CODE.",
            status,
        )
    return store.create_learner(who.name)


# --- grade ---------------------------------------------------------------------------------


def paper_attempt(quiz: Quiz, quiz_hash: str, learner_id: str) -> Attempt:
    """An attempt at a paper quiz: every question in file order (no draw, no shuffle, no time
    limit), so that grading it gives what `grade_quiz` gives."""
    started = Attempt.start(quiz, quiz_hash, learner_id)
    return replace(started, question_ids=tuple(q.id for q in quiz.questions), deadline=None)


def _record(
    quiz_file: Path, quiz: Quiz, responses: dict[str, Any], result: QuizResult, who: Who
) -> None:
    """Store a graded paper quiz as a finished attempt of the learner (created if needed)."""
    quiz_hash = file_hash(quiz_file.read_bytes())
    with _database(2) as store:
        learner, new_code = _find_learner(store, who, 2, create=True)
        if quiz.max_attempts is not None:
            done = len(store.finished_attempts(learner.id, quiz.id))
            if done >= quiz.max_attempts:
                raise Failure(
                    f"{_quoted(learner.name)} a déjà utilisé ses {quiz.max_attempts}\u00a0tentatives "
                    f"au quiz {_quoted(quiz.title)} (max_attempts)\u202f: rien n'a été enregistré.",
                    2,
                )
        attempt = paper_attempt(quiz, quiz_hash, learner.id)
        store.save_new_attempt(attempt)
        for question in quiz.questions:
            if question.id in responses:
                attempt = store.record_step(
                    attempt, attempt.next_step, "answer", question.id, responses[question.id]
                )
        attempt = store.record_step(attempt, attempt.next_step, "submit")
        store.finish(attempt, result)
        store.seen(learner.id)
    if new_code is not None:
        print(
            f"Nouvel apprenant {_quoted(learner.name)}. Son code de reprise, à lui remettre "
            f"(il ne sera plus affiché)\u202f: {new_code}",
            file=sys.stderr,
        )
    print(f"Tentative enregistrée pour {_quoted(learner.name)}.", file=sys.stderr)


def grade(quiz_file: Path, responses_file: Path, record: Who | None = None) -> int:
    """Print the JSON grade of a responses file (exit 0), or a French message (exit 2).

    With `record`, the graded attempt is also stored for that learner before it is printed.
    """
    if not quiz_file.is_file():
        return _fail(f"{quiz_file}\u202f: fichier de quiz introuvable.")
    try:
        quiz = load_quiz(quiz_file)
    except ContentInvalid as exc:
        return _fail("\n".join(str(error) for error in exc.errors))
    try:
        responses = json.loads(responses_file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return _fail(f"{responses_file}\u202f: fichier de réponses introuvable.")
    except ValueError as exc:  # not UTF-8, not JSON, or an integer of more than 4 300 digits
        line = f":{exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
        return _fail(
            f'{responses_file}{line}\u202f: JSON invalide\u202f; attendu\u202f: un objet {{"id de question": réponse}}.'
        )
    if not isinstance(responses, dict):
        return _fail(
            f'{responses_file}\u202f: attendu\u202f: un objet {{"id de question": réponse}}.'
        )
    try:
        result = grade_quiz(quiz, responses)
    except ResponseError as exc:
        return _fail(f"{responses_file}\u202f: {exc}")
    if record is not None:
        try:
            _record(quiz_file, quiz, responses, result, record)
        except Failure as failure:
            return _fail(failure.message, failure.status)
    print(json.dumps(result.as_json(), ensure_ascii=False))
    return 0


# --- certificate and verify ----------------------------------------------------------------


def certificate(who: Who, out: Path) -> int:
    """Write the certificate of a learner who completed the course (exit 0), else say why (1)."""
    course = load_course(content_dir_from_env())
    settings = course.settings
    if settings is None or course.info is None:
        return _fail(
            "Les réglages du cours (course.yaml, reglages.yaml) sont illisibles\u202f: lancez "
            "python -m course validate.",
            1,
        )
    if course.errors:
        print(
            f"Attention\u202f: le contenu du cours a {_plural(len(course.errors), 'erreur')} "
            "(python -m course validate les liste).",
            file=sys.stderr,
        )
    try:
        with _database(1) as store:
            learner, _ = _find_learner(store, who, 1, create=False)
            progress = stored_progress(course, store, learner.id)
            if not progress.complete:
                missing = "\n".join(f"- {item}" for item in progress.missing)
                return _fail(
                    f"{_quoted(learner.name)} n'a pas encore terminé la formation. "
                    f"Il reste à\u202f:\n{missing}",
                    1,
                )
            issued = issue_certificate(course, store, learner, progress)
    except Failure as failure:
        return _fail(failure.message, failure.status)
    data = certificate_data(issued, settings)
    try:
        out.write_bytes(build_certificate_pdf(data))
    except OSError as exc:
        return _fail(f"{out}\u202f: impossible d'écrire l'attestation ({_reason(exc)}).", 1)
    print(f"Attestation de {_quoted(issued.learner_name)} écrite dans {out}.")
    print(f"Code de vérification\u202f: {issued.code} ({verification_url(settings, issued.code)})")
    return 0


def verify(code: str) -> int:
    """Print a certificate's details (exit 0), or say that no certificate has this code (1)."""
    try:
        with _database(1) as store:
            issued = store.certificate(code)
    except Failure as failure:
        return _fail(failure.message, failure.status)
    if issued is None:
        return _fail(
            f"Aucune attestation ne correspond au code {_quoted(code)}. Vérifiez-le\u202f: "
            "il a la forme «\u00a0K7QF-29XM\u00a0».",
            1,
        )
    print("Attestation authentique.")
    print(f"Délivrée à\u202f: {issued.learner_name}")
    print(f"Formation\u202f: {issued.course_title}")
    print(f"Date\u202f: {format_long_date(local_day(issued.issued_at))}")
    print(f"Score\u202f: {format_percent(issued.percent)}")
    print(f"Code\u202f: {issued.code}")
    return 0


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
        return f"Format inconnu {_quoted(format_)}\u202f: choisissez {choices}."
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
        raise Failure(f"{out}\u202f: impossible d'écrire le fichier ({_reason(exc)}).", 1) from None


def _export_gift(course: Course, quiz_id: str, out: Path) -> str:
    quiz = course.quizzes.get(quiz_id)
    if quiz is None:
        known = ", ".join(sorted(course.quizzes)) or "aucun"
        raise Failure(
            f"Aucun quiz n'a l'identifiant {_quoted(quiz_id)}. Quiz disponibles\u202f: {known}.", 1
        )
    _write(out, quiz_to_gift(quiz).encode("utf-8"))
    questions = _plural(len(quiz.questions), "question")
    return f"{out} écrit\u202f: quiz {_quoted(quiz.title)} ({questions}), format GIFT pour Moodle."


def _results_file(format_: str, results: GroupResults, store: Store) -> tuple[bytes, str]:
    """The file's bytes and what it holds, in French."""
    whose = f"{_plural(len(results.participants), 'participant')} ({results.scope_label})"
    if format_ == "csv":
        return results_csv(results), f"résultats de {whose}, format CSV"
    if format_ == "xlsx":
        return results_xlsx(results), f"résultats de {whose}, format XLSX"
    if format_ == "xapi":
        count = _plural(len(xapi_statements(results)), "déclaration")
        return xapi_json(results), f"{count} xAPI de {whose}"
    done = len(completed(results))
    if not done:
        raise Failure(
            f"Personne n'a encore terminé la formation parmi {whose}\u202f: "
            "aucune attestation à écrire.",
            1,
        )
    return certificates_zip(results, store), f"{_plural(done, 'attestation')} de {whose}"


def _export_results(course: Course, format_: str, workshop: str | None, out: Path) -> str:
    with _database(1) as store:
        workshop_id = None
        if workshop is not None:
            found = Workshops(store).by_code(workshop)
            if found is None:
                raise Failure(f"Aucun atelier n'a le code {_quoted(workshop)}.", 1)
            workshop_id = found.id
        results = load_group_results(course, store, workshop_id)
        data, described = _results_file(format_, results, store)
    _write(out, data)
    return f"{out} écrit\u202f: {described}."


def export(format_: str | None, out: Path | None, workshop: str | None, quiz: str | None) -> int:
    """Write group results (CSV, XLSX, xAPI), certificates (zip) or a quiz (GIFT) to a file."""
    problem = _export_usage(format_, out, workshop, quiz)
    if problem is not None:
        return _fail(problem, 1)
    assert format_ is not None and out is not None
    course = load_course(content_dir_from_env())
    if course.settings is None or course.info is None:
        return _fail(
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
        return _fail(failure.message, failure.status)
    return 0


# --- Arguments -----------------------------------------------------------------------------

# argparse's own messages, in French (argparse looks each one up through its module's `_`).
ARGPARSE_FRENCH = {
    "usage: ": "utilisation\u202f: ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "affiche cette aide",
    "%(prog)s: error: %(message)s\n": "%(prog)s\u202f: erreur\u202f: %(message)s\n",
    "the following arguments are required: %s": "arguments obligatoires manquants\u202f: %s",
    "unrecognized arguments: %s": "arguments inconnus\u202f: %s",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s\u202f: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "choix inconnu\u202f: %(value)r (choix possibles\u202f: %(choices)s)",
    "expected one argument": "une valeur attendue",
    "expected at least one argument": "au moins une valeur attendue",
    "not allowed with argument %s": "impossible avec l'argument %s",
    "one of the arguments %s is required": "l'un de ces arguments est obligatoire\u202f: %s",
    "ambiguous option: %(option)s could match %(matches)s": "option ambiguë\u202f: %(option)s peut désigner %(matches)s",
    "ignored explicit argument %r": "valeur en trop\u202f: %r",
}


@contextmanager
def _french_argparse() -> Iterator[None]:
    original: Callable[[str], str] = getattr(argparse, "_")  # noqa: B009
    setattr(argparse, "_", lambda text: ARGPARSE_FRENCH.get(text) or original(text))  # noqa: B010
    try:
        yield
    finally:
        setattr(argparse, "_", original)  # noqa: B010


def _who_arguments(command: argparse.ArgumentParser, required: bool) -> None:
    group = command.add_mutually_exclusive_group(required=required)
    group.add_argument(
        "--learner",
        metavar="NAME",
        help="nom de l'apprenant, tel qu'il figure sur l'attestation",
    )
    group.add_argument(
        "--code", metavar="CODE", help="code de reprise de l'apprenant (ex. K7QF-29XM)"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m course",
        description="Outils de la «\u00a0Formation aux réseaux sociaux\u00a0».",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")
    check = commands.add_parser("validate", help="vérifie tout le contenu (modules, quiz…)")
    check.add_argument(
        "content_dir",
        nargs="?",
        type=Path,
        metavar="DOSSIER",
        help="dossier de contenu (par défaut\u202f: $COURSE_CONTENT_DIR ou ce projet)",
    )
    marking = commands.add_parser("grade", help="note un fichier de réponses (quiz papier)")
    marking.add_argument("quiz_file", type=Path, metavar="QUIZ_FILE", help="fichier du quiz (YAML)")
    marking.add_argument(
        "responses_file",
        type=Path,
        metavar="RESPONSES_JSON",
        help='réponses\u202f: {"id de question": réponse}',
    )
    _who_arguments(marking, required=False)
    marking.add_argument(
        "--record",
        action="store_true",
        help="enregistre aussi la tentative de l'apprenant (créé s'il n'existe pas)",
    )
    issuing = commands.add_parser(
        "certificate", help="écrit l'attestation PDF d'un apprenant qui a terminé la formation"
    )
    _who_arguments(issuing, required=True)
    issuing.add_argument(
        "--out", type=Path, required=True, metavar="FILE.pdf", help="fichier PDF à écrire"
    )
    checking = commands.add_parser("verify", help="affiche l'attestation qui porte ce code")
    checking.add_argument(
        "code",
        nargs="+",
        metavar="CODE",
        help="code de vérification de l'attestation (ex. K7QF-29XM)",
    )
    _export_arguments(commands)
    commands.add_parser(
        "health", help="vérifie la base de données et le contenu (une ligne, code de sortie 0 ou 1)"
    )
    return parser


def _export_arguments(commands: Any) -> None:
    """`export`: options are checked by `export()`, so a missing one exits 1 in French."""
    exporting = commands.add_parser(
        "export", help="écrit les résultats, les attestations ou un quiz (GIFT) dans un fichier"
    )
    exporting.add_argument(
        "--format",
        dest="export_format",
        metavar="FORMAT",
        help="csv, xlsx, xapi, certificats (zip des attestations) ou gift (un quiz pour Moodle)",
    )
    exporting.add_argument("--out", type=Path, metavar="FILE", help="fichier à écrire")
    exporting.add_argument(
        "--workshop", metavar="CODE", help="seulement les participants de l'atelier de ce code"
    )
    exporting.add_argument("--quiz", metavar="QUIZ_ID", help="le quiz à écrire au format gift")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show « » or é: no traceback
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    with _french_argparse():
        args = _parser().parse_args(argv)
    if args.command == "validate":
        return validate(args.content_dir or content_dir_from_env())
    if args.command == "grade":
        try:
            who = Who.from_args(args.learner, args.code, 2)
        except Failure as failure:
            return _fail(failure.message, failure.status)
        if args.record and who is None:
            return _fail("--record demande l'apprenant\u202f: --learner NAME ou --code CODE.")
        if who is not None and not args.record:
            return _fail(
                "--learner et --code ne servent qu'avec --record\u202f: ajoutez --record pour "
                "enregistrer la tentative."
            )
        return grade(args.quiz_file, args.responses_file, who)
    if args.command == "certificate":
        try:
            who = Who.from_args(args.learner, args.code, 1)
        except Failure as failure:
            return _fail(failure.message, failure.status)
        assert who is not None  # the group is required
        return certificate(who, args.out)
    if args.command == "verify":
        return verify(" ".join(args.code))
    if args.command == "export":
        return export(args.export_format, args.out, args.workshop, args.quiz)
    if args.command == "health":
        return health_check()
    return 2


if __name__ == "__main__":
    sys.exit(main())
