"""A lesson as slides for presentation mode: a title slide, then one slide per `##` section.

Trainer notes (```{notes}``` fences) are taken out of the visible blocks and kept per slide, so
the page can hide them from the room. Reading the URL's `?module=…&diapositive=…` is also done
here: an unknown module or slide number falls back to the first one with a French message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from course.content.lesson import Block, Lesson, Section, TrainerNotes
from course.formatting import format_minutes
from course.text import escape_markdown

T = TypeVar("T")
SHOWN_LENGTH = 40  # characters of a bad URL value repeated in the message


@dataclass(frozen=True)
class Slide:
    """One slide: its title, what the room sees, and the trainer's notes (Markdown)."""

    number: int  # 1-based
    title: str
    blocks: tuple[Block, ...]
    notes: tuple[str, ...]
    objectives: tuple[str, ...] = ()  # the title slide's « Dans ce module, vous allez : »
    subtitle: str = ""

    @property
    def is_title_slide(self) -> bool:
        """True for the module's opening slide."""
        return self.number == 1


@dataclass(frozen=True)
class Choice(Generic[T]):
    """What the URL asked for, once checked: the value to use and, when the URL's value could
    not be used, a French message (Markdown, the URL's value escaped)."""

    value: T
    problem: str | None = None


def _shown(value: str) -> str:
    """A value from the URL, cut short and escaped, to quote in a message."""
    cut = value if len(value) <= SHOWN_LENGTH else value[: SHOWN_LENGTH - 1] + "…"
    return escape_markdown(cut)


def _split(blocks: Sequence[Block]) -> tuple[tuple[Block, ...], tuple[str, ...]]:
    """(visible blocks, trainer notes) of one section, each in reading order."""
    visible = tuple(b for b in blocks if not isinstance(b, TrainerNotes))
    notes = tuple(b.text for b in blocks if isinstance(b, TrainerNotes) and b.text.strip())
    return visible, notes


def _title_slide(lesson: Lesson, intro: Section | None) -> Slide:
    visible, notes = _split(intro.blocks if intro is not None else ())
    return Slide(
        number=1,
        title=lesson.meta.title,
        blocks=visible,
        notes=notes,
        objectives=tuple(o.text for o in lesson.meta.objectives),
        subtitle=format_minutes(lesson.meta.duration),
    )


def lesson_slides(lesson: Lesson) -> tuple[Slide, ...]:
    """The title slide (module title, text before the first `##`, objectives), then a slide
    per `##` section."""
    intro = next((s for s in lesson.sections if s.title is None), None)
    slides = [_title_slide(lesson, intro)]
    for section in lesson.sections:
        if section.title is None:
            continue
        visible, notes = _split(section.blocks)
        slides.append(Slide(len(slides) + 1, section.title, visible, notes))
    return tuple(slides)


def choose_module(wanted: str | None, slugs: Sequence[str]) -> Choice[str]:
    """The module the URL names, or the first one (with a message when the name is unknown)."""
    if not slugs:
        raise ValueError("no module to present")
    if wanted is None or wanted.strip() == "":
        return Choice(slugs[0])
    if wanted in slugs:
        return Choice(wanted)
    return Choice(
        slugs[0],
        f"Le module «\u00a0{_shown(wanted)}\u00a0» n'existe pas\u202f: "
        "voici le premier module du cours.",
    )


def choose_slide(wanted: str | None, count: int) -> Choice[int]:
    """The slide number the URL asks for (1 to `count`), or 1 with a message when it is not one."""
    if wanted is None or wanted.strip() == "":
        return Choice(1)
    text = wanted.strip()
    number = int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else None
    if number is not None and 1 <= number <= count:
        return Choice(number)
    plural = "diapositive" if count == 1 else "diapositives"
    return Choice(
        1,
        f"La diapositive «\u00a0{_shown(text)}\u00a0» n'existe pas dans ce module "
        f"({count}\u00a0{plural})\u202f: retour à la première.",
    )
