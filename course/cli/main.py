"""`python -m course …`: French argument parsing and the dispatch to each command."""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from course.cli.certificates import certificate, verify
from course.cli.common import (
    Failure,
    Who,
    fail,
)
from course.cli.export import export
from course.cli.grade import grade
from course.cli.handout import add_handout_arguments, handout
from course.cli.import_questions import add_import_arguments, import_questions
from course.cli.paper_quiz import add_paper_quiz_arguments, paper_quiz
from course.cli.validate import validate
from course.content.loader import (
    content_dir_from_env,
)
from course.storage.health import main as health_check

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
    add_import_arguments(commands)
    add_handout_arguments(commands)
    add_paper_quiz_arguments(commands)
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
            return fail(failure.message, failure.status)
        if args.record and who is None:
            return fail("--record demande l'apprenant\u202f: --learner NAME ou --code CODE.")
        if who is not None and not args.record:
            return fail(
                "--learner et --code ne servent qu'avec --record\u202f: ajoutez --record pour "
                "enregistrer la tentative."
            )
        return grade(args.quiz_file, args.responses_file, who)
    if args.command == "certificate":
        try:
            who = Who.from_args(args.learner, args.code, 1)
        except Failure as failure:
            return fail(failure.message, failure.status)
        assert who is not None  # the group is required
        return certificate(who, args.out)
    if args.command == "verify":
        return verify(" ".join(args.code))
    if args.command == "export":
        return export(args.export_format, args.out, args.workshop, args.quiz)
    if args.command == "import":
        return import_questions(args.source, args.quiz_id, args.lesson, args.out, args.force)
    if args.command == "handout":
        return handout(args.module, args.out)
    if args.command == "paper-quiz":
        return paper_quiz(args.quiz, args.out, args.answer_key)
    if args.command == "health":
        return health_check()
    return 2


if __name__ == "__main__":
    sys.exit(main())
