"""What a learner types about themselves: a name for the certificate and an optional email."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta

NAME_MAX = 100
EMAIL_MAX = 320
# Bidirectional overrides and isolates can disguise a name (« Trojan Source »): never kept.
_BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class InvalidIdentity(ValueError):
    """A name or email we cannot use; the message is French and says what to do."""


def clean_name(text: str) -> str:
    """Any script, accents, apostrophes and hyphens kept; control characters dropped, spaces
    collapsed, Unicode normalised (NFC)."""
    kept = "".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
        for c in unicodedata.normalize("NFC", text)
        if c not in _BIDI_CONTROLS
    )
    name = " ".join(kept.split())
    if not any(c.isalpha() for c in name):
        raise InvalidIdentity("Écrivez votre nom tel qu'il doit figurer sur l'attestation.")
    if len(name) > NAME_MAX:
        raise InvalidIdentity(f"Ce nom est trop long\u202f: {NAME_MAX}\u00a0caractères au plus.")
    return name


def clean_email(text: str) -> str | None:
    """An optional email: None when left empty."""
    email = text.strip()
    if not email:
        return None
    if len(email) > EMAIL_MAX or not _EMAIL.match(email):
        raise InvalidIdentity(
            "Cette adresse e-mail ne semble pas valide (exemple\u202f: prenom@association.fr). "
            "Vous pouvez aussi la laisser vide."
        )
    return email


def retention_cutoff(months: int, now: datetime) -> datetime:
    """Records not seen since this moment are erased (`data.retention_months` of reglages.yaml)."""
    return now - timedelta(days=round(months * 365.25 / 12))
