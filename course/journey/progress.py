"""A learner's standing: each module, each quiz, the completion rule and the next step to take.

Pure: it reads the loaded course and what the store holds for one learner.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from course.content.course import Course
from course.content.questions import Quiz
from course.storage.attempts import FinishedAttempt
from course.storage.learners import LessonVisit


def counted_attempt(
    finished: Sequence[FinishedAttempt], rule: Literal["best", "last"]
) -> FinishedAttempt | None:
    """The attempt that counts under the quiz's `attempt_counts`: the best score (the earliest
    of equal ones) or the latest; None before any finished attempt."""
    if not finished:
        return None
    in_order = sorted(finished, key=lambda attempt: attempt.submitted_at)
    if rule == "last":
        return in_order[-1]
    return max(in_order, key=lambda attempt: attempt.percent)  # max keeps the first of ties


@dataclass(frozen=True)
class QuizStanding:
    """Where a learner stands in one quiz."""

    quiz_id: str
    title: str
    pass_mark: float
    attempts: int
    counted: FinishedAttempt | None

    @property
    def percent(self) -> float | None:
        return None if self.counted is None else self.counted.percent

    @property
    def passed(self) -> bool:
        return self.counted is not None and self.counted.passed


@dataclass(frozen=True)
class ModuleStanding:
    """Where a learner stands in one module."""

    number: int
    lesson_id: str
    title: str
    visit: LessonVisit | None
    quiz: QuizStanding | None

    @property
    def visited(self) -> bool:
        return self.visit is not None

    @property
    def completed(self) -> bool:
        return self.visit is not None and self.visit.completed_at is not None

    @property
    def seconds(self) -> int:
        return self.visit.seconds if self.visit else 0


@dataclass(frozen=True)
class NextStep:
    """What to do next: a French sentence and where it leads (a lesson id or a quiz id)."""

    label: str
    lesson_id: str | None = None
    quiz_id: str | None = None


@dataclass(frozen=True)
class Progress:
    """The whole picture for one learner."""

    modules: tuple[ModuleStanding, ...]
    exam: QuizStanding | None
    missing: tuple[str, ...]  # what the completion rule still asks, in French
    next_step: NextStep

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def seconds(self) -> int:
        return sum(module.seconds for module in self.modules)

    @property
    def quizzes_passed(self) -> int:
        return sum(1 for module in self.modules if module.quiz and module.quiz.passed)

    @property
    def score(self) -> float:
        """The certificate's score: the final exam's, else the mean of the module quizzes."""
        if self.exam is not None and self.exam.percent is not None:
            return self.exam.percent
        scores = [m.quiz.percent for m in self.modules if m.quiz and m.quiz.percent is not None]
        return sum(scores) / len(scores) if scores else 0.0


def _standing(quiz: Quiz, finished: Mapping[str, Sequence[FinishedAttempt]]) -> QuizStanding:
    attempts = finished.get(quiz.id, ())
    return QuizStanding(
        quiz.id,
        quiz.title,
        quiz.pass_mark,
        len(attempts),
        counted_attempt(attempts, quiz.attempt_counts),
    )


def learner_progress(
    course: Course,
    visits: Mapping[str, LessonVisit],
    finished: Mapping[str, Sequence[FinishedAttempt]],
) -> Progress:
    """Progress from the learner's module visits and finished attempts (grouped by quiz id)."""
    modules = tuple(
        ModuleStanding(
            number,
            lesson.id,
            lesson.meta.title,
            visits.get(lesson.id),
            _standing(course.quizzes[lesson.meta.quiz], finished)
            if lesson.meta.quiz in course.quizzes
            else None,
        )
        for number, lesson in enumerate(course.lessons, start=1)
    )
    rule = course.settings.completion if course.settings else None
    exam_quiz = course.quizzes.get(rule.final_exam) if rule and rule.final_exam else None
    exam = _standing(exam_quiz, finished) if exam_quiz else None
    missing: list[str] = []
    if rule is None or rule.module_quizzes_passed:
        missing += [
            f"réussir le quiz du module {m.number} («\u00a0{m.title}\u00a0»)"
            for m in modules
            if m.quiz and not m.quiz.passed
        ]
    if rule is not None and rule.modules_completed:
        missing += [
            f"terminer le module {m.number} («\u00a0{m.title}\u00a0»)"
            for m in modules
            if not m.completed
        ]
    if exam is not None and not exam.passed:
        missing.append(f"réussir l'examen final (à partir de {exam.pass_mark:g}\u202f%)")
    return Progress(modules, exam, tuple(missing), _next_step(modules, exam, bool(missing)))


def _next_step(
    modules: Sequence[ModuleStanding], exam: QuizStanding | None, incomplete: bool
) -> NextStep:
    for module in modules:
        if not module.visited:
            return NextStep(
                f"Lire le module {module.number} : {module.title}", lesson_id=module.lesson_id
            )
        if module.quiz and not module.quiz.passed:
            verb = "Réussir" if module.quiz.attempts else "Faire"
            return NextStep(
                f"{verb} le quiz du module {module.number} : {module.title}",
                quiz_id=module.quiz.quiz_id,
            )
    if exam is not None and not exam.passed:
        return NextStep("Passer l'examen final", quiz_id=exam.quiz_id)
    if incomplete:
        unfinished = next((m for m in modules if not m.completed), None)
        if unfinished is not None:
            return NextStep(
                f"Terminer le module {unfinished.number} : {unfinished.title}",
                lesson_id=unfinished.lesson_id,
            )
    return NextStep("Télécharger votre attestation")
