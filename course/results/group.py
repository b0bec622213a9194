"""Group results for trainers: each participant's standing per module, every finished attempt
and live answer, and per question how the room answered (with the most frequent wrong answer).

Pure once the data is read (course/results/data.py): the counted attempt, « passed » and the
completion follow course/journey/progress.py, exactly as « Mon parcours » shows them to the learner.
The tables (pandas DataFrames with French column names) are in course/results/tables.py.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from course.content.course import Course
from course.content.questions import Question, Quiz
from course.journey.progress import Progress, learner_progress
from course.quiz.grading import EPSILON
from course.quiz.response_text import describe_response, response_key
from course.results.data import LearnerRecord, ResultsData, read_results
from course.storage.attempts import FinishedAttempt
from course.storage.store import Store
from course.text import fold

EXAM_LABEL = "Examen final"


@dataclass(frozen=True)
class Participant:
    """A learner in the group and their progress under the course's rules."""

    record: LearnerRecord
    progress: Progress

    @property
    def learner_id(self) -> str:
        return self.record.learner.id

    @property
    def name(self) -> str:
        return self.record.learner.name

    @property
    def display_name(self) -> str:
        memberships = self.record.memberships
        return memberships[0].display_name if memberships else ""

    @property
    def workshops(self) -> str:
        return ", ".join(dict.fromkeys(m.title for m in self.record.memberships))


@dataclass(frozen=True)
class ResultLine:
    """One finished quiz attempt, or one answer to a live question."""

    kind: Literal["quiz", "live"]
    source_id: str
    learner_id: str
    learner_name: str
    workshop: str
    quiz_id: str
    quiz_title: str
    module_title: str
    question_prompt: str
    started_at: datetime
    finished_at: datetime
    score: float
    max_score: float
    percent: float
    passed: bool

    @property
    def seconds(self) -> int:
        return max(0, round((self.finished_at - self.started_at).total_seconds()))


@dataclass(frozen=True)
class QuestionStats:
    """How the group answered one question, in quizzes and live."""

    quiz_id: str
    quiz_title: str
    module_title: str
    question: Question
    answers: int
    live_answers: int
    right: int
    mean_fraction: float
    top_wrong: str | None
    top_wrong_count: int

    @property
    def success_percent(self) -> float:
        """Share of fully right answers."""
        return 100 * self.right / self.answers if self.answers else 0.0


@dataclass(frozen=True)
class GroupResults:
    """Everything the trainer's tables, charts and exports show, for one scope."""

    course: Course
    data: ResultsData
    participants: tuple[Participant, ...]
    lines: tuple[ResultLine, ...]
    questions: tuple[QuestionStats, ...]

    @property
    def scope_label(self) -> str:
        title = self.data.workshop_title
        return f"atelier «\u00a0{title}\u00a0»" if title else "tous les apprenants"


# --- Titles ----------------------------------------------------------------------------------


def module_titles(course: Course) -> dict[str, str]:
    """Quiz id → the title of the module it checks (« Examen final » for the exam)."""
    titles = {
        lesson.meta.quiz: f"{number}. {lesson.meta.title}"
        for number, lesson in enumerate(course.lessons, start=1)
        if lesson.meta.quiz
    }
    rule = course.settings.completion if course.settings else None
    if rule is not None and rule.final_exam:
        titles[rule.final_exam] = EXAM_LABEL
    return titles


def quiz_title(course: Course, quiz_id: str) -> str:
    quiz = course.quizzes.get(quiz_id)
    return quiz.title if quiz else quiz_id


def find_question(course: Course, quiz_id: str, question_id: str) -> Question | None:
    quiz = course.quizzes.get(quiz_id)
    return next((q for q in quiz.questions if q.id == question_id), None) if quiz else None


def quiz_order(course: Course) -> list[str]:
    """Quizzes in course order: the modules', the exam, then any other."""
    ordered = list(dict.fromkeys([*module_titles(course), *sorted(course.quizzes)]))
    return [quiz_id for quiz_id in ordered if quiz_id in course.quizzes]


# --- Building the results ------------------------------------------------------------------


def _participants(course: Course, data: ResultsData) -> tuple[Participant, ...]:
    finished: dict[str, dict[str, list[FinishedAttempt]]] = defaultdict(lambda: defaultdict(list))
    for attempt in data.attempts:
        finished[attempt.learner_id][attempt.finished.quiz_id].append(attempt.finished)
    participants = [
        Participant(
            record,
            learner_progress(
                course, data.visits.get(record.learner.id, {}), finished[record.learner.id]
            ),
        )
        for record in data.learners
    ]
    return tuple(sorted(participants, key=lambda p: (fold(p.name), p.learner_id)))


def _quiz_lines(course: Course, data: ResultsData, names: dict[str, str]) -> Iterator[ResultLine]:
    modules, workshops = module_titles(course), _workshops_by_learner(data)
    for record in data.attempts:
        attempt = record.finished
        yield ResultLine(
            "quiz",
            attempt.id,
            record.learner_id,
            names.get(record.learner_id, ""),
            workshops.get(record.learner_id, ""),
            attempt.quiz_id,
            quiz_title(course, attempt.quiz_id),
            modules.get(attempt.quiz_id, ""),
            "",
            attempt.started_at,
            attempt.submitted_at,
            attempt.score,
            attempt.max_score,
            attempt.percent,
            attempt.passed,
        )


def _live_lines(course: Course, data: ResultsData, names: dict[str, str]) -> Iterator[ResultLine]:
    modules = module_titles(course)
    for answer in data.live_answers:
        question = find_question(course, answer.quiz_id, answer.question_id)
        yield ResultLine(
            "live",
            f"{answer.live_question_id}:{answer.learner_id}",
            answer.learner_id,
            names.get(answer.learner_id, ""),
            answer.workshop_title,
            answer.quiz_id,
            quiz_title(course, answer.quiz_id),
            modules.get(answer.quiz_id, ""),
            question.prompt if question else answer.question_id,
            answer.launched_at,
            answer.answered_at,
            answer.points,
            question.points if question else answer.points,
            100 * answer.fraction,
            answer.fraction >= 1 - EPSILON,
        )


def _workshops_by_learner(data: ResultsData) -> dict[str, str]:
    return {
        record.learner.id: ", ".join(dict.fromkeys(m.title for m in record.memberships))
        for record in data.learners
    }


def _answers(course: Course, data: ResultsData) -> Iterator[tuple[str, Question, Any, float, bool]]:
    """(quiz id, question, response, fraction, live?) of every answer the group gave."""
    for record in data.attempts:
        for question_id, fraction in record.fractions.items():
            question = find_question(course, record.finished.quiz_id, question_id)
            if question is not None:
                response = record.responses.get(question_id)
                yield record.finished.quiz_id, question, response, float(fraction), False
    for answer in data.live_answers:
        question = find_question(course, answer.quiz_id, answer.question_id)
        if question is not None:
            yield answer.quiz_id, question, answer.response, answer.fraction, True


def _most_frequent_wrong(question: Question, wrong: Iterable[Any]) -> tuple[str | None, int]:
    """The wrong answer given most often (the first given among equals), and how often."""
    counts: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for response in wrong:
        key = response_key(question, response)
        counts[key] += 1
        labels.setdefault(key, describe_response(question, response))
    if not counts:
        return None, 0
    key, count = counts.most_common(1)[0]
    return labels[key], count


def _question_stats(course: Course, data: ResultsData) -> tuple[QuestionStats, ...]:
    grouped: dict[tuple[str, str], list[tuple[Any, float, bool]]] = defaultdict(list)
    for quiz_id, question, response, fraction, live in _answers(course, data):
        grouped[(quiz_id, question.id)].append((response, fraction, live))
    modules, stats = module_titles(course), []
    for quiz_id in quiz_order(course):
        quiz: Quiz = course.quizzes[quiz_id]
        for question in quiz.questions:
            given = grouped.get((quiz_id, question.id))
            if not given:
                continue
            right = sum(1 for _, fraction, _ in given if fraction >= 1 - EPSILON)
            wrong = (response for response, fraction, _ in given if fraction < 1 - EPSILON)
            top_wrong, top_count = _most_frequent_wrong(question, wrong)
            stats.append(
                QuestionStats(
                    quiz_id,
                    quiz.title,
                    modules.get(quiz_id, ""),
                    question,
                    len(given),
                    sum(1 for *_, live in given if live),
                    right,
                    sum(fraction for _, fraction, _ in given) / len(given),
                    top_wrong,
                    top_count,
                )
            )
    return tuple(stats)


def build_group_results(course: Course, data: ResultsData) -> GroupResults:
    """Results of the learners in `data`, under the course's rules."""
    participants = _participants(course, data)
    names = {p.learner_id: p.name for p in participants}
    lines = sorted(
        [*_quiz_lines(course, data, names), *_live_lines(course, data, names)],
        key=lambda line: (fold(line.learner_name), line.finished_at, line.source_id),
    )
    return GroupResults(course, data, participants, tuple(lines), _question_stats(course, data))


def load_group_results(course: Course, store: Store, workshop_id: str | None) -> GroupResults:
    """Every learner's results, or a workshop's members' (and its live answers)."""
    return build_group_results(course, read_results(store, workshop_id))
