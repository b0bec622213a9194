"""Registry of the interactive exercises a lesson can embed with ```{exercise} id```.

Each exercise's pure logic lives in a module of this package and turns the learner's inputs into
a plain dict (JSON-friendly), so results can be stored later; its widgets live in views/exercises.py.
"""

from __future__ import annotations

import re

# id → French title, as the lesson page shows it.
EXERCISES: dict[str, str] = {
    "composer-tweet": "Rédigez un tweet",
    "simulateur-don": "Simulez le coût réel d'un don",
    "quel-reseau": "Quel réseau pour mon association\u202f?",
    "checklist-page-facebook": "Votre page Facebook est-elle complète\u202f?",
}


class InvalidInput(ValueError):
    """A learner's input the exercise cannot use; the message is French and says what to do."""


# Markdown and HTML punctuation, and `:` (Streamlit's :emoji: and :color[...] shortcodes), `$`
# (LaTeX): each is backslash-escaped, which CommonMark allows for any ASCII punctuation.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&\"'=^])")


def escape_markdown(text: str) -> str:
    """Text a learner typed, made safe to show inside Markdown: no markup, link, image or HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
