"""Text helpers: comparison that ignores case and accents, and learner text made safe for Markdown."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=8192)  # the glossary search folds every term's name and text on each keystroke
def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of `text` (« Œuvre  É » → « oeuvre e »)."""
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
