"""Workshops in the database: join codes and participants (live questions: questions.py).

Everything lives in the shared database, so several app servers behind a load balancer see
the same workshop and its roster.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError

from course.codes import new_code, normalise_code
from course.storage.database import Database, dialect_insert
from course.storage.schema import learners, live_questions, workshop_members, workshops

# Join codes: « K7Q-F29 », 6 symbols of Crockford's base 32 (30 bits), quick to type on a phone
# and read from the back of a room; they only open a workshop, never a learner's record.
JOIN_GROUPS, JOIN_SIZE = 2, 3


def normalise_join_code(text: str) -> str | None:
    """The canonical join code for what a participant typed, or None."""
    return normalise_code(text, JOIN_GROUPS, JOIN_SIZE)


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


@dataclass(frozen=True)
class Workshop:
    """A trainer's session: its join code, its title, whether the room sees a leaderboard."""

    id: str
    code: str
    title: str
    leaderboard: bool
    created_at: datetime
    closed_at: datetime | None

    @property
    def open(self) -> bool:
        """Whether participants can still join."""
        return self.closed_at is None


@dataclass(frozen=True)
class Member:
    """A participant: their learner record, the name on it and the name shown to the room."""

    learner_id: str
    name: str
    display_name: str
    joined_at: datetime


def _workshop(row: Row[Any]) -> Workshop:
    return Workshop(
        row.id, row.code, row.title, bool(row.leaderboard), row.created_at, row.closed_at
    )


class Workshops:
    """The workshops kept in a database, and their rosters."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # --- Workshops ------------------------------------------------------------------------------

    def open_workshop(
        self, title: str, leaderboard: bool = False, now: datetime | None = None
    ) -> Workshop:
        """A new workshop with a fresh join code (drawn again in the rare case it is taken)."""
        values = {
            "id": secrets.token_hex(16),
            "title": title,
            "leaderboard": leaderboard,
            "created_at": _now(now),
        }
        while True:
            code = new_code(JOIN_GROUPS, JOIN_SIZE)
            try:
                with self.database.transaction() as db:
                    db.execute(insert(workshops).values(code=code, **values))
            except IntegrityError:
                continue
            found = self.workshop(str(values["id"]))
            assert found is not None
            return found

    def workshop(self, workshop_id: str) -> Workshop | None:
        """The workshop with this id, or None."""
        query = select(workshops).where(workshops.c.id == workshop_id)
        return self.database.fetch_one(query, _workshop)

    def by_code(self, typed: str) -> Workshop | None:
        """The workshop whose join code this is (typed loosely), or None."""
        code = normalise_join_code(typed)
        if code is None:
            return None
        return self.database.fetch_one(select(workshops).where(workshops.c.code == code), _workshop)

    def recent(self, limit: int = 20) -> list[Workshop]:
        """The latest workshops, newest first."""
        with self.database.transaction() as db:
            rows = db.execute(
                select(workshops).order_by(workshops.c.created_at.desc()).limit(limit)
            ).all()
        return [_workshop(row) for row in rows]

    def close_workshop(self, workshop_id: str, now: datetime | None = None) -> None:
        """Nobody can join any more; the current question closes too."""
        at = _now(now)
        with self.database.transaction() as db:
            db.execute(
                update(workshops)
                .where(workshops.c.id == workshop_id, workshops.c.closed_at.is_(None))
                .values(closed_at=at)
            )
            db.execute(
                update(live_questions)
                .where(
                    live_questions.c.workshop_id == workshop_id,
                    live_questions.c.closed_at.is_(None),
                )
                .values(closed_at=at)
            )

    def set_leaderboard(self, workshop_id: str, shown: bool) -> None:
        """Show the room's leaderboard, or hide it."""
        with self.database.transaction() as db:
            db.execute(
                update(workshops).where(workshops.c.id == workshop_id).values(leaderboard=shown)
            )

    # --- Participants -----------------------------------------------------------------------------

    def join(
        self, workshop_id: str, learner_id: str, display_name: str, now: datetime | None = None
    ) -> None:
        """Add a learner to the workshop's roster; joining again keeps the first entry."""
        with self.database.transaction() as db:
            statement = dialect_insert(db, workshop_members).values(
                workshop_id=workshop_id,
                learner_id=learner_id,
                display_name=display_name,
                joined_at=_now(now),
            )
            db.execute(statement.on_conflict_do_nothing())

    def is_member(self, workshop_id: str, learner_id: str) -> bool:
        """Whether the learner joined the workshop."""
        query = select(workshop_members.c.learner_id).where(
            workshop_members.c.workshop_id == workshop_id,
            workshop_members.c.learner_id == learner_id,
        )
        return self.database.fetch_one(query) is not None

    def roster(self, workshop_id: str) -> list[Member]:
        """The participants, in the order they joined."""
        with self.database.transaction() as db:
            rows = db.execute(
                select(
                    workshop_members.c.learner_id,
                    learners.c.name,
                    workshop_members.c.display_name,
                    workshop_members.c.joined_at,
                )
                .join(learners, learners.c.id == workshop_members.c.learner_id)
                .where(workshop_members.c.workshop_id == workshop_id)
                .order_by(workshop_members.c.joined_at, learners.c.name)
            ).all()
        return [Member(r.learner_id, r.name, r.display_name, r.joined_at) for r in rows]

    def workshops_of(self, learner_id: str) -> list[Workshop]:
        """The workshops a learner joined (for their own data), oldest first."""
        with self.database.transaction() as db:
            rows = db.execute(
                select(workshops)
                .join(workshop_members, workshop_members.c.workshop_id == workshops.c.id)
                .where(workshop_members.c.learner_id == learner_id)
                .order_by(workshops.c.created_at)
            ).all()
        return [_workshop(row) for row in rows]
