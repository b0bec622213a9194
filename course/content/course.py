"""A loaded course: every content file read, plus every problem found in it (course/content/loader.py makes it)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from course.content.errors import ContentError
from course.content.glossary import term_index
from course.content.lesson import Lesson
from course.content.mockups import Mockup
from course.content.models import ChartSpec, CourseInfo, CourseSettings, GlossaryTerm, Stat
from course.content.questions import Quiz

Derived = TypeVar("Derived")


@dataclass(frozen=True)
class BrokenLesson:
    """A lesson file that could not be read; its page shows why."""

    slug: str
    file: str
    order: int
    errors: tuple[ContentError, ...]


@dataclass(frozen=True)
class Course:
    """Everything a content folder holds, plus every problem found in it."""

    root: Path
    info: CourseInfo | None
    lessons: tuple[Lesson, ...]
    broken_lessons: tuple[BrokenLesson, ...]
    quizzes: dict[str, Quiz]
    quiz_hashes: dict[str, str]
    quiz_files: dict[str, str]
    glossary: tuple[GlossaryTerm, ...]
    stats: tuple[Stat, ...]
    charts: tuple[ChartSpec, ...]
    errors: tuple[ContentError, ...] = field(default=())
    mockups: tuple[Mockup, ...] = ()
    illustrations: dict[str, str] = field(default_factory=dict)  # file name → SVG markup
    settings: CourseSettings | None = None  # reglages.yaml; None when it could not be read

    @cached_property
    def glossary_index(self) -> dict[str, GlossaryTerm]:
        """Folded id, term or synonym → term (computed once per loaded course)."""
        return term_index(self.glossary)

    @cached_property
    def _derived(self) -> dict[Hashable, Any]:
        return {}

    def derived(self, key: Hashable, compute: Callable[[], Derived]) -> Derived:
        """`compute()`, run once per loaded course and `key`: a course never changes once loaded
        (an edit loads a new one), so figures and tables drawn from it can be kept."""
        cache = self._derived
        if key not in cache:
            cache[key] = compute()
        value: Derived = cache[key]
        return value

    @property
    def modules(self) -> list[Lesson | BrokenLesson]:
        """Lessons and broken lessons, in course order."""

        def order(m: Lesson | BrokenLesson) -> int:
            return m.meta.order if isinstance(m, Lesson) else m.order

        return sorted([*self.lessons, *self.broken_lessons], key=order)

    def parts(self) -> list[tuple[str | None, list[Lesson | BrokenLesson]]]:
        """The modules grouped by the parts of course.yaml, in course order: (part title, its
        modules); modules before the first part, or every module without parts, have no title."""
        parts = self.info.parts if self.info else []
        grouped: list[tuple[str | None, list[Lesson | BrokenLesson]]] = []
        for module in self.modules:
            order = module.meta.order if isinstance(module, Lesson) else module.order
            title = next((p.title for p in reversed(parts) if p.first_module <= order), None)
            if not grouped or grouped[-1][0] != title:
                grouped.append((title, []))
            grouped[-1][1].append(module)
        return grouped

    @property
    def module_slugs(self) -> set[str]:
        """Ids of every lesson file, readable or not."""
        return {lesson.id for lesson in self.lessons} | {b.slug for b in self.broken_lessons}

    def errors_in(self, file: str) -> list[ContentError]:
        """Problems reported for one file (relative path)."""
        return [error for error in self.errors if error.file == file]

    def chart(self, chart_id: str) -> ChartSpec | None:
        """The chart with this id, if any."""
        return next((chart for chart in self.charts if chart.id == chart_id), None)

    def mockup(self, mockup_id: str) -> Mockup | None:
        """The mock-up card with this id, if any."""
        return next((card for card in self.mockups if card.id == mockup_id), None)

    def lesson(self, lesson_id: str) -> Lesson | None:
        """The lesson with this id, if it loaded."""
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)
