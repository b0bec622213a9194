"""Text helpers: comparison that ignores case and accents, and learner text made safe for Markdown."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

# The glossary search folds every term's name and text on each keystroke: those are cached. The
# cache is bounded by size, not only by count: texts longer than FOLD_CACHED_MAX characters (the
# longest glossary text is some 700) are folded each time and never kept, so at most
# FOLD_CACHE_SIZE × FOLD_CACHED_MAX characters (2 M: 4 to 16 MB with the folded copies) stay in
# memory, whatever visitors type. Inputs are cut before they get here (`max_chars`, QUERY_MAX).
FOLD_CACHED_MAX = 1024
FOLD_CACHE_SIZE = 2048


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of `text` (« Œuvre  É » → « oeuvre e »)."""
    if len(text) > FOLD_CACHED_MAX:
        return _fold(text)
    return _cached_fold(text)


@lru_cache(maxsize=FOLD_CACHE_SIZE)
def _cached_fold(text: str) -> str:
    return _fold(text)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    ligatures = without_accents.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae")
    return " ".join(ligatures.casefold().split())


# Markdown and HTML punctuation, and `:` (Streamlit's :emoji: and :color[...] shortcodes), `$`
# (LaTeX): each is backslash-escaped, which CommonMark allows for any ASCII punctuation.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&\"'=^])")


def escape_markdown(text: str) -> str:
    """Text a learner typed, made safe to show inside Markdown: no markup, link, image or HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


# A formula starts with = + - @, or a tab or carriage return, possibly after spaces.
_FORMULA_START = re.compile(r"^[\s]*[=+\-@]|^[\t\r]")


def neutralise(value: Any) -> Any:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (OWASP « CSV
    injection »); anything else, numbers included, is left as it is. Every CSV/XLSX cell a
    learner or a trainer typed goes through it (course/results/exports/cells.py)."""
    if isinstance(value, str) and _FORMULA_START.match(value):
        return "'" + value
    return value
