"""Issued certificates in the database, found again by learner or by verification code.

A learner has one certificate: issuing again (a double click, a second server) gives back the
same one, with the same code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError

from course.codes import new_code, normalise_code
from course.storage.database import Database
from course.storage.learners import Learner
from course.storage.schema import certificates


@dataclass(frozen=True)
class Certificate:
    """An issued certificate, as the verification page shows it."""

    code: str
    learner_id: str
    learner_name: str
    course_title: str
    percent: float
    modules: tuple[str, ...]
    issued_at: datetime


def _certificate(row: Row[Any]) -> Certificate:
    return Certificate(
        row.code,
        row.learner_id,
        row.learner_name,
        row.course_title,
        row.percent,
        tuple(row.modules),
        row.issued_at,
    )


class Certificates:
    """The certificates kept in a database."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def issue(
        self,
        learner: Learner,
        course_title: str,
        percent: float,
        modules: list[str],
        now: datetime | None = None,
    ) -> Certificate:
        """The learner's certificate: issued once, then the same one (same code) every time."""
        existing = self.of(learner.id)
        if existing is not None:
            return existing
        values = {
            "learner_id": learner.id,
            "learner_name": learner.name,
            "course_title": course_title,
            "percent": percent,
            "modules": modules,
            "issued_at": now or datetime.now(UTC),
        }
        for _ in range(10):
            try:
                with self.database.transaction() as db:
                    db.execute(insert(certificates).values(code=new_code(), **values))
                break
            except IntegrityError:
                existing = self.of(learner.id)  # issued by a double click meanwhile
                if existing is not None:
                    return existing
        issued = self.of(learner.id)
        assert issued is not None
        return issued

    def of(self, learner_id: str) -> Certificate | None:
        """The learner's certificate, or None before it is issued."""
        query = select(certificates).where(certificates.c.learner_id == learner_id)
        return self.database.fetch_one(query, _certificate)

    def by_code(self, code: str) -> Certificate | None:
        """The certificate with this verification code (typed loosely), or None."""
        canonical = normalise_code(code)
        if canonical is None:
            return None
        query = select(certificates).where(certificates.c.code == canonical)
        return self.database.fetch_one(query, _certificate)

    def codes(self) -> set[str]:
        """The codes of every certificate still on record (erased learners' are gone)."""
        with self.database.transaction() as db:
            return set(db.execute(select(certificates.c.code)).scalars())
