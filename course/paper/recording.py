"""A graded paper quiz stored as a finished attempt in a learner's record, as if taken online:
it counts for progress and the certificate. Shared by `python -m course grade --record` and the
trainer's answer grid.

Typed sheets are recorded once: their attempt id and seed are derived (HMAC with the server
secret) from the learner, the quiz, the sheet code and the answers read, so typing the same
sheet again finds the attempt already there instead of adding one. Two processes saving the
same sheet at once collide on the attempt's primary key, and the loser finds it too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.exc import IntegrityError

from course.content.questions import Quiz
from course.quiz.attempts import Attempt
from course.quiz.grading import QuizResult
from course.storage.learners import Learner
from course.storage.store import Store

SEED_BITS = 48  # as new_seed(): the attempts table keeps it in a BIGINT


class AttemptsUsedUp(Exception):
    """The learner has used every attempt `max_attempts` allows at this quiz: nothing stored."""

    def __init__(self, learner: Learner, quiz: Quiz) -> None:
        super().__init__(f"{learner.name}: max_attempts {quiz.max_attempts} reached on {quiz.id}")
        self.learner = learner
        self.quiz = quiz


@dataclass(frozen=True)
class Recorded:
    """Where a paper quiz went: its attempt, and whether it was new (False: this very sheet
    had been recorded before, and nothing was added)."""

    attempt_id: str
    new: bool


def paper_attempt(
    quiz: Quiz,
    quiz_hash: str,
    learner_id: str,
    attempt_id: str | None = None,
    seed: int | None = None,
) -> Attempt:
    """An attempt at a paper quiz: every question in file order (no draw, no shuffle, no time
    limit), so that grading it gives what `grade_quiz` gives. Its id and seed are random unless
    given (a typed sheet's, see `sheet_identity`)."""
    started = Attempt.start(quiz, quiz_hash, learner_id)
    return replace(
        started,
        id=attempt_id or started.id,
        seed=started.seed if seed is None else seed,
        question_ids=tuple(q.id for q in quiz.questions),
        deadline=None,
    )


def sheet_identity(
    secret: bytes, learner_id: str, quiz_id: str, sheet: str, responses: Mapping[str, Any]
) -> tuple[str, int]:
    """The attempt id (32 hex digits) and seed of a typed sheet: the same learner, quiz, sheet
    code and answers always give the same pair; anything different, another one. Keyed with the
    server secret, so an id says nothing about the answers to whoever reads it."""
    canonical = json.dumps(
        [learner_id, quiz_id, sheet, responses], ensure_ascii=False, sort_keys=True
    )
    digest = hmac.new(secret, canonical.encode("utf-8"), hashlib.sha256).digest()
    seed = int.from_bytes(digest[16:24], "big") >> (64 - SEED_BITS)
    return digest[:16].hex(), seed


def record_paper_attempt(
    store: Store,
    quiz: Quiz,
    quiz_hash: str,
    learner: Learner,
    responses: Mapping[str, Any],
    result: QuizResult,
    identity: tuple[str, int] | None = None,
) -> Recorded:
    """Store `result` (the grade of `responses`) as a finished attempt of `learner`.

    With `identity` (`sheet_identity`), a sheet already recorded is not recorded again (and one
    left half-stored by a crash is completed). Raises AttemptsUsedUp when `max_attempts` forbids
    a new attempt; a sheet already recorded is reported as such first.
    """
    attempt_id, seed = identity if identity is not None else (None, None)
    existing = store.attempts.load(attempt_id) if attempt_id else None
    if existing is not None and existing.submitted:
        return Recorded(existing.id, new=False)
    if (
        existing is None
        and quiz.max_attempts is not None
        and len(store.attempts.finished(learner.id, quiz.id)) >= quiz.max_attempts
    ):
        raise AttemptsUsedUp(learner, quiz)
    attempt = existing or paper_attempt(quiz, quiz_hash, learner.id, attempt_id, seed)
    if existing is None:
        try:
            store.attempts.save_new(attempt)
        except IntegrityError:  # the same sheet saved by another request a moment ago
            if attempt_id is None:
                raise
            return Recorded(attempt.id, new=False)
    number = 0
    for question in quiz.questions:
        if question.id in responses:
            number += 1  # replaying a number already stored (after a crash) changes nothing
            attempt = store.attempts.record_step(
                attempt, number, "answer", question.id, responses[question.id]
            )
    attempt = store.attempts.record_step(attempt, number + 1, "submit")
    store.attempts.finish(attempt, result)
    store.learners.seen(learner.id)
    return Recorded(attempt.id, new=existing is None)
