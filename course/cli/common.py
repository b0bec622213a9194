"""What every command shares: French failures, the database opened with a French reason, and finding a learner by name or code."""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from alembic.util.exc import CommandError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from course.content.loader import (
    PROJECT_ROOT,
)
from course.journey.learners import InvalidIdentity, clean_name
from course.storage.learners import Learner
from course.storage.store import Store


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """1 erreur, 3 erreurs (or the plural form given)."""
    return f"{count} {singular if count <= 1 else (plural_form or singular + 's')}"


# --- Failures -------------------------------------------------------------------------------


class Failure(Exception):
    """A French message for stderr and the exit status that goes with it."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def fail(message: str, status: int = 2) -> int:
    print(message, file=sys.stderr)
    return status


def quoted(text: str) -> str:
    return f"«\u00a0{text}\u00a0»"


OS_REASONS = {
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.EEXIST: "un fichier porte déjà ce nom",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENOSPC: "plus de place sur le disque",
}
DATABASE_REASONS = {
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


def reason(exc: BaseException) -> str:
    """Why something failed, in French when we know the words, else the technical detail."""
    if isinstance(exc, OSError) and exc.errno in OS_REASONS:
        return OS_REASONS[exc.errno]
    cause = getattr(exc, "orig", None) or exc
    lines = str(cause).strip().splitlines()
    detail = lines[0] if lines else type(exc).__name__
    return DATABASE_REASONS.get(detail, detail)


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
