"""Tries kept in the database (wrong codes, wrong passwords, sign-ups), for guard.py's limits.

A try is inserted *first*, then the client's earlier tries are counted, in one transaction that
no other try of the same scope can interleave with (SQLite: BEGIN IMMEDIATE; PostgreSQL: an
advisory lock per scope), so parallel requests cannot all pass a check before any of them is
stored. Clients are keyed digests of their address; old rows go with the scheduled purge.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.engine import Connection

from course.storage.database import Database
from course.storage.schema import guard_failures

GUARD_LOCK = 4_711_002  # first key of PostgreSQL's two-key advisory locks, the scope the second


@dataclass(frozen=True)
class Tally:
    """The tries made before this one within the window: this client's and everyone's."""

    mine: int
    my_oldest: datetime | None
    my_latest: datetime | None
    everyone: int
    everyone_oldest: datetime | None


def _lock_scope(db: Connection, scope: str) -> None:
    """Serialise the tries of one scope on PostgreSQL (SQLite's BEGIN IMMEDIATE already does)."""
    if db.dialect.name == "postgresql":
        key = zlib.crc32(scope.encode()) - 2**31  # a signed 32-bit integer
        db.execute(text("SELECT pg_advisory_xact_lock(:a, :b)"), {"a": GUARD_LOCK, "b": key})


def _tally(db: Connection, scope: str, client: str, since: datetime, own: int) -> Tally:
    earlier = (
        guard_failures.c.scope == scope,
        guard_failures.c.at >= since,
        guard_failures.c.id != own,
    )
    at = guard_failures.c.at
    mine = db.execute(
        select(func.count(), func.min(at), func.max(at)).where(
            *earlier, guard_failures.c.client == client
        )
    ).one()
    everyone = db.execute(select(func.count(), func.min(at)).where(*earlier)).one()
    return Tally(int(mine[0]), mine[1], mine[2], int(everyone[0]), everyone[1])


class Failures:
    """The tries kept in a database, per scope and client digest."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def attempt(
        self,
        scope: str,
        client: str,
        now: datetime,
        window: timedelta,
        wait: Callable[[Tally], timedelta],
    ) -> tuple[int | None, timedelta]:
        """Store a try, then let `wait` judge the earlier ones: kept and its row id returned when
        the wait is zero; else removed again (a refused try is not a failure) with the wait."""
        with self.database.transaction() as db:
            _lock_scope(db, scope)
            own = db.execute(
                insert(guard_failures).values(scope=scope, client=client, at=now)
            ).inserted_primary_key
            assert own is not None
            row = int(own[0])
            needed = wait(_tally(db, scope, client, now - window, row))
            if needed > timedelta(0):
                db.execute(delete(guard_failures).where(guard_failures.c.id == row))
                return None, needed
        return row, timedelta(0)

    def forget(self, row: int) -> None:
        """Remove a try that turned out right (a right code is no failure)."""
        with self.database.transaction() as db:
            db.execute(delete(guard_failures).where(guard_failures.c.id == row))

    def count_since(self, scope: str, client: str, since: datetime) -> int:
        """How many tries this client made in this scope since `since`."""
        with self.database.transaction() as db:
            count = db.execute(
                select(func.count())
                .select_from(guard_failures)
                .where(
                    guard_failures.c.scope == scope,
                    guard_failures.c.client == client,
                    guard_failures.c.at >= since,
                )
            ).scalar()
        return int(count or 0)

    def purge(self, before: dict[str, datetime], otherwise: datetime) -> int:
        """Delete the tries of each scope older than `before[scope]` (the others': `otherwise`);
        returns how many went."""
        removed = 0
        with self.database.transaction() as db:
            for scope, moment in before.items():
                removed += db.execute(
                    delete(guard_failures).where(
                        guard_failures.c.scope == scope, guard_failures.c.at < moment
                    )
                ).rowcount
            removed += db.execute(
                delete(guard_failures).where(
                    guard_failures.c.scope.not_in(list(before)), guard_failures.c.at < otherwise
                )
            ).rowcount
        return removed
