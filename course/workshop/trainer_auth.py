"""The trainer's password: read from the app's secrets or the environment, never a default.

The administrator sets `trainer_password` in `.streamlit/secrets.toml` or the environment
variable COURSE_TRAINER_PASSWORD. With neither, the trainer area stays closed and says how to
open it. Passwords are compared in constant time; slowing down guesses is the guard's job.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Mapping
from typing import Any

ENV_VARIABLE = "COURSE_TRAINER_PASSWORD"
SECRET_NAME = "trainer_password"
MIN_LENGTH = 8


class WeakPassword(ValueError):
    """The configured password is too short to protect learners' results."""


def configured_password(
    secrets: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> str | None:
    """The trainer password (secrets first, then the environment), or None when none is set.

    Raises WeakPassword when one is set but shorter than MIN_LENGTH characters.
    """
    environ = os.environ if environ is None else environ
    value = (secrets or {}).get(SECRET_NAME) or environ.get(ENV_VARIABLE) or ""
    password = str(value).strip()
    if not password:
        return None
    if len(password) < MIN_LENGTH:
        raise WeakPassword(
            f"Le mot de passe formateur doit compter au moins {MIN_LENGTH}\u00a0caractères."
        )
    return password


def password_matches(typed: str, configured: str) -> bool:
    """True when `typed` is the configured password (constant-time comparison)."""
    return hmac.compare_digest(typed.strip().encode("utf-8"), configured.encode("utf-8"))
