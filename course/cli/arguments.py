"""The command line's arguments: every command and option, with argparse's messages in French.

Kept apart from the commands themselves, so that parsing `python -m course validate` imports
neither pandas, fpdf2 nor SQLAlchemy: each command's module is imported when it runs."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from course.cli.failures import Failure, quoted
from course.journey.learners import InvalidIdentity, clean_name

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
def french_argparse() -> Iterator[None]:
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


def parser() -> argparse.ArgumentParser:
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
    _import_arguments(commands)
    _handout_arguments(commands)
    _paper_quiz_arguments(commands)
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


def _import_arguments(commands: Any) -> None:
    """The `import` command's arguments (argparse sub-parsers)."""
    importing = commands.add_parser(
        "import", help="importe des questions (GIFT de Moodle, CSV ou XLSX) dans un fichier de quiz"
    )
    importing.add_argument(
        "source", type=Path, metavar="FILE", help="fichier .gift (ou .txt), .csv ou .xlsx"
    )
    importing.add_argument(
        "--quiz-id", required=True, metavar="ID", help="identifiant du quiz (ex. bases)"
    )
    importing.add_argument(
        "--lesson", metavar="ID", help="le module du quiz (ses objectifs sont vérifiés)"
    )
    importing.add_argument(
        "--out", type=Path, required=True, metavar="FILE.yaml", help="fichier de quiz à écrire"
    )
    importing.add_argument(
        "--force", action="store_true", help="remplace le fichier --out s'il existe"
    )


def _handout_arguments(commands: Any) -> None:
    """The `handout` command and its options, on the parser's sub-commands."""
    booklet = commands.add_parser(
        "handout", help="écrit le support du participant (PDF)\u202f: tout le cours ou un module"
    )
    booklet.add_argument("--module", metavar="ID", help="seulement ce module (ex. chiffres)")
    booklet.add_argument(
        "--out", type=Path, required=True, metavar="FILE.pdf", help="fichier PDF à écrire"
    )


def _paper_quiz_arguments(commands: Any) -> None:
    """The `paper-quiz` command and its options, on the parser's sub-commands."""
    sheet = commands.add_parser(
        "paper-quiz", help="écrit un quiz à imprimer (PDF), ou son corrigé avec --answer-key"
    )
    sheet.add_argument("--quiz", required=True, metavar="ID", help="le quiz (ex. bases)")
    sheet.add_argument(
        "--out", type=Path, required=True, metavar="FILE.pdf", help="fichier PDF à écrire"
    )
    sheet.add_argument(
        "--answer-key",
        action="store_true",
        help="le corrigé\u202f: bonnes réponses marquées et explications",
    )


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
                f"--learner {quoted(name)}\u202f: nom inutilisable. {exc}", status
            ) from None
