"""Attempts: a seeded draw of questions and an immutable sequence of steps (Moodle-style).

A step is numbered; replaying the same number (a double click, a resent form) changes nothing,
so an answer never counts twice. The seed fixes question order, pool draw and option order for
the whole attempt: a rerun or a reload shows the same quiz.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from course.content.questions import (
    Matching,
    MultipleChoice,
    Ordering,
    Question,
    Quiz,
    SingleChoice,
)
from course.quiz.grading import QuizResult, grade_responses

StepKind = Literal["answer", "submit"]
# Each « Valider » stores a step: an attempt keeps at most this many answers per question, so
# one session cannot fill the database by clicking (the last answer to each question counts).
ANSWERS_PER_QUESTION = 20


def new_seed() -> int:
    """An unpredictable seed for a new attempt."""
    return secrets.randbits(48)


def drawn_questions(quiz: Quiz, seed: int) -> list[Question]:
    """The questions of an attempt: the pool drawn and shuffled as the quiz asks, always alike for a seed."""
    rng = random.Random(seed)
    questions = list(quiz.questions)
    if quiz.draw is not None:
        questions = _spread_draw(questions, quiz.draw, rng)
        if not quiz.shuffle:
            questions.sort(key=quiz.questions.index)
    elif quiz.shuffle:
        rng.shuffle(questions)
    return questions


def _spread_draw(pool: list[Question], count: int, rng: random.Random) -> list[Question]:
    """`count` questions drawn so that every module the pool covers is represented (the final
    exam tags each question with its `module`): an even share per module first, as far as each
    module's pool allows, then the remaining places drawn from every question left. With fewer
    places than modules, the modules represented are drawn. Questions without a module count
    as one more group."""
    groups: dict[str | None, list[Question]] = {}
    for question in pool:
        groups.setdefault(question.module, []).append(question)
    share = count // len(groups)
    drawn = [q for group in groups.values() for q in rng.sample(group, min(share, len(group)))]
    left = [q for q in pool if q not in drawn]
    drawn += (
        _one_per_group(left, count - len(drawn), rng)
        if share == 0
        else rng.sample(left, count - len(drawn))
    )
    rng.shuffle(drawn)
    return drawn


def _one_per_group(pool: list[Question], count: int, rng: random.Random) -> list[Question]:
    """One question from each of `count` groups drawn among the pool's modules."""
    groups: dict[str | None, list[Question]] = {}
    for question in pool:
        groups.setdefault(question.module, []).append(question)
    return [rng.choice(groups[key]) for key in rng.sample(list(groups), count)]


def presented_order(question: Question, seed: int, shuffle: bool) -> list[int]:
    """Positions of a question's options (or items, or right-hand sides) as shown to the learner.

    Items to put in order are always shown shuffled, and never already in the right order.
    """
    rng = random.Random(f"{seed}:{question.id}")
    if isinstance(question, SingleChoice | MultipleChoice):
        order = list(range(len(question.options)))
        if shuffle:
            rng.shuffle(order)
        return order
    if isinstance(question, Ordering):  # at least two distinct items (validated), so this ends
        order = list(range(len(question.items)))
        while order == sorted(order):
            rng.shuffle(order)
        return order
    if isinstance(
        question, Matching
    ):  # right-hand sides: listed in file order they would give it away
        order = list(range(len(question.pairs)))
        rng.shuffle(order)
        return order
    return []


@dataclass(frozen=True)
class Step:
    """One thing the learner did, in order: answer a question, or submit the attempt."""

    number: int
    kind: StepKind
    question_id: str | None
    response: Any
    at: datetime


@dataclass(frozen=True)
class Attempt:
    """One attempt at a quiz by one learner; each change returns a new Attempt."""

    id: str
    learner_id: str
    quiz_id: str
    quiz_hash: str
    seed: int
    question_ids: tuple[str, ...]
    started_at: datetime
    deadline: datetime | None
    steps: tuple[Step, ...] = ()

    @classmethod
    def start(
        cls, quiz: Quiz, quiz_hash: str, learner_id: str, now: datetime | None = None
    ) -> Attempt:
        """A new attempt with its own seed (question order, draw and option order)."""
        started = now or datetime.now(UTC)
        seed = new_seed()
        deadline = started + timedelta(minutes=quiz.time_limit) if quiz.time_limit else None
        questions = tuple(q.id for q in drawn_questions(quiz, seed))
        return cls(
            secrets.token_hex(16),
            learner_id,
            quiz.id,
            quiz_hash,
            seed,
            questions,
            started,
            deadline,
        )

    @property
    def next_step(self) -> int:
        """The number the next step must carry."""
        return len(self.steps) + 1

    @property
    def most_answers(self) -> int:
        """How many answers this attempt can store: ANSWERS_PER_QUESTION per question."""
        return ANSWERS_PER_QUESTION * len(self.question_ids)

    @property
    def answers_full(self) -> bool:
        """True once the attempt stores no more answers (it can still be submitted)."""
        return self.next_step > self.most_answers

    @property
    def submitted(self) -> bool:
        return any(step.kind == "submit" for step in self.steps)

    def responses(self) -> dict[str, Any]:
        """The latest answer to each question."""
        return {
            s.question_id: s.response for s in self.steps if s.kind == "answer" and s.question_id
        }

    def expired(self, now: datetime) -> bool:
        """True once the time limit has passed (the server's clock decides)."""
        return self.deadline is not None and now > self.deadline

    def record(
        self,
        number: int,
        kind: StepKind,
        question_id: str | None = None,
        response: Any = None,
        now: datetime | None = None,
    ) -> Attempt:
        """Add step `number`; a number already recorded (a replay), anything after submission
        and an answer past `most_answers` (numbers are unique, so two servers cannot pass it
        together) are ignored."""
        if number != self.next_step or self.submitted:
            return self
        at = now or datetime.now(UTC)
        if kind == "answer" and (
            question_id not in self.question_ids or self.expired(at) or self.answers_full
        ):
            return self
        return replace(self, steps=(*self.steps, Step(number, kind, question_id, response, at)))

    def questions(self, quiz: Quiz) -> list[Question]:
        """This attempt's questions, in its order."""
        by_id = {question.id: question for question in quiz.questions}
        return [by_id[question_id] for question_id in self.question_ids if question_id in by_id]

    def grade(self, quiz: Quiz) -> QuizResult:
        """The result of the answers recorded so far."""
        return grade_responses(quiz, self.questions(quiz), self.responses())
