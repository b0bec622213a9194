"""What the commands that use the database share: the store opened with a French reason, and
finding a learner by name or code."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic.util.exc import CommandError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from course.cli.arguments import Who
from course.cli.failures import Failure, quoted, reason
from course.content.loader import (
    PROJECT_ROOT,
)
from course.storage.learners import Learner
from course.storage.store import Store

# Errors that can come out of opening a database: a bad URL, a server that does not answer,
# a folder that cannot be created, a schema newer than this version of the course…
DATABASE_ERRORS = (SQLAlchemyError, CommandError, OSError, ImportError, sqlite3.Error)


def database_label() -> str:
    """Which database, for messages: its URL without the password, or the SQLite file."""
    url = os.environ.get("COURSE_DATABASE_URL")
    if url:
        try:
            return make_url(url).render_as_string(hide_password=True)
        except (SQLAlchemyError, ValueError):
            return "$COURSE_DATABASE_URL"
    return str(Path(os.environ.get("COURSE_DATA_DIR") or PROJECT_ROOT / "var") / "course.sqlite3")


@contextmanager
def database(status: int) -> Iterator[Store]:
    """The store of $COURSE_DATABASE_URL or $COURSE_DATA_DIR; its errors become a Failure."""
    try:
        store = Store()
    except DATABASE_ERRORS as exc:
        message = f"Impossible d'ouvrir la base de données {database_label()}\u202f: {reason(exc)}."
        raise Failure(message, status) from None
    try:
        yield store
    except (SQLAlchemyError, sqlite3.Error) as exc:
        message = f"Erreur de la base de données {database_label()}\u202f: {reason(exc)}."
        raise Failure(message, status) from None
    finally:
        store.engine.dispose()


# --- Learners ------------------------------------------------------------------------------


def find_learner(store: Store, who: Who, status: int, create: bool) -> tuple[Learner, str | None]:
    """The learner, and their resume code when `create` had to create them."""
    if who.code is not None:
        learner = store.learners.by_code(who.code)
        if learner is None:
            raise Failure(f"Aucun apprenant n'a le code de reprise {quoted(who.code)}.", status)
        return learner, None
    assert who.name is not None
    found = store.learners.named(who.name)
    if len(found) > 1:
        raise Failure(
            f"{len(found)}\u00a0apprenants s'appellent {quoted(who.name)}\u202f: désignez la bonne "
            "personne par son code de reprise, avec --code CODE à la place de --learner "
            "(par exemple --code K7QF-29XM).",
            status,
        )
    if found:
        return found[0], None
    if not create:
        raise Failure(
            f"Aucun apprenant ne s'appelle {quoted(who.name)}. Vérifiez l'orthographe exacte, "
            "ou désignez la personne par son code de reprise avec --code CODE.",
            status,
        )
    return store.learners.create(who.name)
