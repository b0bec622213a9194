"""Registry of the interactive exercises a lesson can embed with ```{exercise} id```.

Each exercise's pure logic lives in a module of this package and turns the learner's inputs into
a plain dict (JSON-friendly), so results can be stored later; its widgets live in views/exercises.py.
"""

from __future__ import annotations

from course.text import escape_markdown

__all__ = ["EXERCISES", "InvalidInput", "escape_markdown"]

# id → French title, as the lesson page shows it.
EXERCISES: dict[str, str] = {
    "composer-tweet": "Rédigez un tweet",
    "simulateur-don": "Simulez le coût réel d'un don",
    "quel-reseau": "Quel réseau pour mon association\u202f?",
    "checklist-page-facebook": "Votre page Facebook est-elle complète\u202f?",
}


class InvalidInput(ValueError):
    """A learner's input the exercise cannot use; the message is French and says what to do."""
