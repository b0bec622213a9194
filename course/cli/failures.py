"""The command line's words for failures: a French message on stderr with its exit status, and
why an operating-system or database error happened, in French when we know the words."""

from __future__ import annotations

import errno
import sys


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """1 erreur, 3 erreurs (or the plural form given)."""
    return f"{count} {singular if count <= 1 else (plural_form or singular + 's')}"


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


def reason(exc: BaseException) -> str:
    """Why something failed, in French when we know the words, else the technical detail."""
    if isinstance(exc, OSError) and exc.errno in OS_REASONS:
        return OS_REASONS[exc.errno]
    cause = getattr(exc, "orig", None) or exc
    lines = str(cause).strip().splitlines()
    detail = lines[0] if lines else type(exc).__name__
    return DATABASE_REASONS.get(detail, detail)
