"""`python -m course certificate` and `verify`: a finished learner's certificate PDF, and a code checked."""

from __future__ import annotations

import sys
from pathlib import Path

from course.certificates.issuing import (
    certificate_data,
    issue_certificate,
    local_day,
    stored_progress,
)
from course.certificates.pdf import build_certificate_pdf
from course.cli.arguments import Who
from course.cli.common import database, find_learner
from course.cli.failures import Failure, fail, plural, quoted, reason
from course.content.loader import (
    content_dir_from_env,
    load_course,
)
from course.formatting import format_long_date, format_percent
from course.journey.links import verification_url

# --- certificate and verify ----------------------------------------------------------------


def certificate(who: Who, out: Path) -> int:
    """Write the certificate of a learner who completed the course (exit 0), else say why (1)."""
    course = load_course(content_dir_from_env())
    settings = course.settings
    if settings is None or course.info is None:
        return fail(
            "Les réglages du cours (course.yaml, reglages.yaml) sont illisibles\u202f: lancez "
            "python -m course validate.",
            1,
        )
    if course.errors:
        print(
            f"Attention\u202f: le contenu du cours a {plural(len(course.errors), 'erreur')} "
            "(python -m course validate les liste).",
            file=sys.stderr,
        )
    try:
        with database(1) as store:
            learner, _ = find_learner(store, who, 1, create=False)
            progress = stored_progress(course, store, learner.id)
            if not progress.complete:
                missing = "\n".join(f"- {item}" for item in progress.missing)
                return fail(
                    f"{quoted(learner.name)} n'a pas encore terminé la formation. "
                    f"Il reste à\u202f:\n{missing}",
                    1,
                )
            issued = issue_certificate(course, store, learner, progress)
    except Failure as failure:
        return fail(failure.message, failure.status)
    data = certificate_data(issued, settings)
    try:
        out.write_bytes(build_certificate_pdf(data))
    except OSError as exc:
        return fail(f"{out}\u202f: impossible d'écrire l'attestation ({reason(exc)}).", 1)
    print(f"Attestation de {quoted(issued.learner_name)} écrite dans {out}.")
    print(f"Code de vérification\u202f: {issued.code} ({verification_url(settings, issued.code)})")
    return 0


def verify(code: str) -> int:
    """Print a certificate's details (exit 0), or say that no certificate has this code (1)."""
    try:
        with database(1) as store:
            issued = store.certificates.by_code(code)
    except Failure as failure:
        return fail(failure.message, failure.status)
    if issued is None:
        return fail(
            f"Aucune attestation ne correspond au code {quoted(code)}. Vérifiez-le\u202f: "
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
