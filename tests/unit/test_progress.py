"""Which attempt counts: the best or the last, as the quiz says."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from course.progress import counted_attempt
from course.store import FinishedAttempt

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def finished(attempt_id: str, percent: float, minute: int) -> FinishedAttempt:
    at = START + timedelta(minutes=minute)
    return FinishedAttempt(
        attempt_id, "bases", "h", percent / 10, 10, percent, percent >= 70, at, at
    )


@pytest.mark.parametrize(
    ("rule", "attempts", "expected"),
    [
        ("best", [], None),
        ("last", [], None),
        ("best", [finished("a", 60, 1), finished("b", 90, 2), finished("c", 50, 3)], "b"),
        ("last", [finished("a", 60, 1), finished("b", 90, 2), finished("c", 50, 3)], "c"),
        ("best", [finished("a", 80, 1), finished("b", 80, 2)], "a"),  # the first to reach it
        ("last", [finished("c", 50, 3), finished("a", 60, 1)], "c"),  # by time, not list order
    ],
)
def test_the_counted_attempt_follows_the_quiz_rule(
    rule: str, attempts: list[FinishedAttempt], expected: str | None
) -> None:
    counted = counted_attempt(attempts, rule)  # type: ignore[arg-type]
    assert (counted.id if counted else None) == expected
