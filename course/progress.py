"""A learner's standing in each quiz, from their finished attempts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from course.store import FinishedAttempt


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
