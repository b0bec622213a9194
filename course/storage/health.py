"""`python -m course health`: can this installation serve learners right now?

It opens the store as the app does ($COURSE_DATABASE_URL, else SQLite in $COURSE_DATA_DIR),
runs `SELECT 1`, loads the content folder ($COURSE_CONTENT_DIR) and prints one French line:
« OK… » with exit status 0, or « ÉCHEC… » with exit status 1, for Docker's HEALTHCHECK, a
systemd timer or a monitoring probe. Streamlit's own `/_stcore/health` only says the web server
answers; this check also reaches the database and reads the content.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from alembic.util.exc import CommandError
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from course.content.course import Course
from course.content.loader import content_dir_from_env, load_course
from course.formatting import format_number
from course.storage.database import Database, default_database_url

CONNECT_TIMEOUT = 5  # seconds for PostgreSQL to answer, well within Docker's 30-second default
DATABASE_ERRORS = (SQLAlchemyError, CommandError, OSError, ImportError, sqlite3.Error, ValueError)


@dataclass(frozen=True)
class Health:
    """The verdict and its one-line French explanation."""

    ok: bool
    message: str

    @property
    def status(self) -> int:
        return 0 if self.ok else 1


def database_label(url: str) -> str:
    """Which database, without its password (e.g. `PostgreSQL host:5432/course`)."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return "$COURSE_DATABASE_URL (URL illisible)"
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite {parsed.database or 'en mémoire'}"
    port = f":{parsed.port}" if parsed.port else ""
    return f"PostgreSQL {parsed.host or 'localhost'}{port}/{parsed.database or ''}"


def _with_timeout(url: str) -> str:
    """A PostgreSQL URL that gives up after CONNECT_TIMEOUT seconds instead of hanging."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql" or "connect_timeout" in parsed.query:
        return url
    with_timeout = parsed.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT)})
    return with_timeout.render_as_string(hide_password=False)


def _reason(error: BaseException) -> str:
    """The first line of the driver's message (technical, for the administrator)."""
    cause = getattr(error, "orig", None) or error
    lines = str(cause).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def check_database(url: str) -> str | None:
    """None when the database answers `SELECT 1`, else why not."""
    try:
        database = Database(_with_timeout(url))
    except DATABASE_ERRORS as error:
        return _reason(error)
    try:
        with database.transaction() as db:
            if db.execute(text("SELECT 1")).scalar_one() != 1:
                return "réponse inattendue à SELECT 1"
    except DATABASE_ERRORS as error:
        return _reason(error)
    finally:
        database.engine.dispose()
    return None


def check_content(root: Path) -> tuple[Course | None, str | None]:
    """The loaded course, or why learners could not use it."""
    if not root.is_dir():
        return None, f"dossier de contenu introuvable ({root})"
    course = load_course(root)
    if course.info is None or course.settings is None:
        return course, "réglages du cours illisibles (course.yaml, reglages.yaml)"
    if not course.lessons:
        return course, "aucun module lisible dans lessons/"
    return course, None


def _plural(count: int, word: str) -> str:
    return f"{count}\u00a0{word}{'s' if count > 1 else ''}"


def check_health(content_dir: Path | None = None, database_url: str | None = None) -> Health:
    """Reach the database and read the content; the verdict in one French line."""
    started = time.perf_counter()
    try:
        url = database_url or default_database_url()
    except OSError as error:  # the SQLite folder cannot be created
        return Health(False, f"ÉCHEC\u202f: dossier des données inutilisable\u202f: {error}.")
    label = database_label(url)
    problem = check_database(url)
    if problem is not None:
        return Health(
            False, f"ÉCHEC\u202f: base de données injoignable ({label})\u202f: {problem}."
        )
    root = content_dir or content_dir_from_env()
    course, trouble = check_content(root)
    if trouble is not None or course is None:
        return Health(
            False, f"ÉCHEC\u202f: {trouble}\u202f; lancez python -m course validate {root}."
        )
    milliseconds = format_number(round((time.perf_counter() - started) * 1000), 0)
    errors = (
        f"\u202f; {_plural(len(course.errors), 'erreur')} de contenu (python -m course validate)"
        if course.errors
        else ""
    )
    return Health(
        True,
        f"OK\u202f: base de données joignable ({label}), contenu chargé "
        f"({_plural(len(course.lessons), 'module')}, {len(course.quizzes)}\u00a0quiz)"
        f"{errors}, en {milliseconds}\u00a0ms.",
    )


def main() -> int:
    """Print the verdict on stdout; exit status 0 when healthy, 1 otherwise."""
    verdict = check_health()
    print(verdict.message, flush=True)
    return verdict.status
