"""The server secret: the key of every digest the database keeps (resume codes, client addresses).

Digests of 40-bit codes or of IP addresses can be searched exhaustively from a leaked backup, so
they are HMAC-SHA-256 keyed by a secret that never enters the database. It comes from, in order:

1. `secret_key` in `.streamlit/secrets.toml`;
2. the environment variable COURSE_SECRET_KEY;
3. the file `secret_key` in the data folder ($COURSE_DATA_DIR, default var/), created on the
   first start with 32 random bytes and permissions 0600.

Every server process and replica sharing a database must use the same secret, and a backup of
the database is useless for logging in without it: back it up apart (docs/exploitation.md).
Changing it makes every resume code stop working.
"""

from __future__ import annotations

import os
import secrets
import tomllib
from collections.abc import Mapping
from pathlib import Path

from course.content.loader import PROJECT_ROOT
from course.storage.database import data_dir

SECRET_NAME = "secret_key"
ENV_VARIABLE = "COURSE_SECRET_KEY"
FILE_NAME = "secret_key"
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
MIN_LENGTH = 32  # characters of a configured secret (the created one has 64 hex digits)


class WeakSecret(ValueError):
    """A configured secret too short to protect the digests."""


def _from_secrets_file(path: Path) -> str:
    try:
        with path.open("rb") as file:
            value = tomllib.load(file).get(SECRET_NAME)
    except FileNotFoundError:
        return ""
    return str(value or "").strip()


def _from_data_folder(folder: Path) -> str:
    """The secret kept in the data folder, created (0600, never overwritten) when missing.

    Written to a temporary file then hard-linked into place, so a server starting at the same
    moment reads either nothing (and links its own, which fails: it reads the first) or the
    whole secret, never half of it.
    """
    path = folder / FILE_NAME
    if not path.exists():
        temporary = folder / f".{FILE_NAME}-{secrets.token_hex(8)}"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as file:
                file.write(secrets.token_hex(32) + "\n")
            os.link(temporary, path)
        except FileExistsError:
            pass  # another server created it first: use theirs
        finally:
            temporary.unlink(missing_ok=True)
    return path.read_text(encoding="ascii").strip()


def server_secret(
    secrets_file: Path = SECRETS_FILE,
    environ: Mapping[str, str] | None = None,
    folder: Path | None = None,
) -> bytes:
    """The key of the stored digests (see the module's docstring for where it comes from).

    Raises WeakSecret when a configured one is shorter than MIN_LENGTH characters.
    """
    environ = os.environ if environ is None else environ
    value = _from_secrets_file(secrets_file) or environ.get(ENV_VARIABLE, "").strip()
    if value and len(value) < MIN_LENGTH:
        raise WeakSecret(
            f"La clé secrète du serveur ({SECRET_NAME} ou {ENV_VARIABLE}) doit compter au moins "
            f"{MIN_LENGTH}\u00a0caractères."
        )
    if not value:
        value = _from_data_folder(folder or data_dir())
    if len(value) < MIN_LENGTH:
        raise WeakSecret(f"Le fichier {FILE_NAME} du dossier de données est vide ou tronqué.")
    return value.encode("utf-8")
