"""The retention purge, on a schedule driven by normal use rather than only at start-up.

Each page run asks `PurgeSchedule.due()` (a clock read); at most once per PURGE_EVERY per
database and server process it answers yes, and the caller purges: learners past the retention
period, and the guard's client digests past their window (course/storage/guard.py).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from course.storage.guard import purge_failures
from course.storage.store import Store

PURGE_EVERY = timedelta(minutes=10)


class PurgeSchedule:
    """Says when a purge is due: the first time a key is asked about, then once per `every`."""

    def __init__(
        self, every: timedelta = PURGE_EVERY, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.every = every.total_seconds()
        self._clock = clock
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def due(self, key: str) -> bool:
        """True when `key` (a database) was never purged here, or not for `every`; the caller
        that gets True purges, the others at the same moment get False."""
        now = self._clock()
        with self._lock:
            last = self._last.get(key)
            if last is not None and now - last < self.every:
                return False
            self._last[key] = now
            return True


@dataclass(frozen=True)
class Purged:
    """What a purge removed."""

    learners: int
    client_digests: int


def purge_expired(
    store: Store, inactive_before: datetime | None, now: datetime | None = None
) -> Purged:
    """Erase learners not seen since `inactive_before` (None: keep them) and the guard's rows
    older than their window."""
    at = now or datetime.now(UTC)
    learners = store.learners.purge_inactive(inactive_before) if inactive_before else 0
    return Purged(learners, purge_failures(store, at))
