"""The pure logic of the interactive exercises (their ids and titles: course/content/exercise_registry.py).

Each exercise's pure logic lives in a module of this package and turns the learner's inputs into
a plain dict (JSON-friendly), so results can be stored later; its widgets live in views/exercises/.
"""

from __future__ import annotations

from course.text import escape_markdown

__all__ = ["InvalidInput", "escape_markdown"]


class InvalidInput(ValueError):
    """A learner's input the exercise cannot use; the message is French and says what to do."""
