"""Text helpers shared by search and grading: comparison that ignores case and accents."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of `text` (« Œuvre  É » → « oeuvre e »)."""
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    ligatures = without_accents.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae")
    return " ".join(ligatures.casefold().split())
