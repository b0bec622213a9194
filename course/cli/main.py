"""`python -m course …`: parse the arguments (course/cli/arguments.py), then run the command.

Each command's module is imported only when that command runs: `validate`, which an author runs
at every check, then starts without pandas, fpdf2 or SQLAlchemy (1,34 s → 0,31 s as a process,
bench/RESULTS.md)."""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence

from course.cli.arguments import Who, french_argparse, parser
from course.cli.failures import Failure, fail
from course.content.loader import content_dir_from_env


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    for stream in (sys.stdout, sys.stderr):  # a terminal that cannot show « » or é: no traceback
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    with french_argparse():
        args = parser().parse_args(argv)
    if args.command == "validate":
        from course.cli.validate import validate

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
        from course.cli.grade import grade

        return grade(args.quiz_file, args.responses_file, who)
    if args.command == "certificate":
        try:
            who = Who.from_args(args.learner, args.code, 1)
        except Failure as failure:
            return fail(failure.message, failure.status)
        assert who is not None  # the group is required
        from course.cli.certificates import certificate

        return certificate(who, args.out)
    if args.command == "verify":
        from course.cli.certificates import verify

        return verify(" ".join(args.code))
    if args.command == "export":
        from course.cli.export import export

        return export(args.export_format, args.out, args.workshop, args.quiz)
    if args.command == "import":
        from course.cli.import_questions import import_questions

        return import_questions(args.source, args.quiz_id, args.lesson, args.out, args.force)
    if args.command == "handout":
        from course.cli.handout import handout

        return handout(args.module, args.out)
    if args.command == "paper-quiz":
        from course.cli.paper_quiz import paper_quiz

        return paper_quiz(args.quiz, args.out, args.answer_key)
    if args.command == "health":
        from course.storage.health import main as health_check

        return health_check()
    return 2


if __name__ == "__main__":
    sys.exit(main())
