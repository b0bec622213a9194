"""Issued certificates in the database, found again by learner or by verification code.

A learner has one certificate: issuing again (a double click, a second server) gives back the
same one, with the same code. Its Open Badges assertion is named by a random `badge_id`, and its
PDF is kept once built (`pdf`, `keep_pdf`), with a fingerprint of what it prints.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError

from course.codes import new_code, normalise_code
from course.storage.database import Database, dialect_insert
from course.storage.learners import Learner
from course.storage.schema import certificate_pdfs, certificates


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
    badge_id: str  # names its Open Badges assertion: random, says nothing of the code


def _certificate(row: Row[Any]) -> Certificate:
    return Certificate(
        row.code,
        row.learner_id,
        row.learner_name,
        row.course_title,
        row.percent,
        tuple(row.modules),
        row.issued_at,
        row.badge_id or "",
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
                    db.execute(
                        insert(certificates).values(
                            code=new_code(), badge_id=secrets.token_hex(16), **values
                        )
                    )
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

    def badge_ids(self) -> dict[str, str]:
        """The badge id of every certificate still on record, by code."""
        with self.database.transaction() as db:
            rows = db.execute(select(certificates.c.code, certificates.c.badge_id))
            return {row.code: row.badge_id for row in rows if row.badge_id}

    def pdf(self, code: str, fingerprint: str) -> bytes | None:
        """The PDF kept for certificate `code`, if it was built from what `fingerprint` says."""
        query = select(certificate_pdfs.c.pdf).where(
            certificate_pdfs.c.code == code, certificate_pdfs.c.fingerprint == fingerprint
        )
        row = self.database.fetch_one(query)
        return None if row is None else bytes(row.pdf)

    def keep_pdf(
        self, code: str, fingerprint: str, pdf: bytes, now: datetime | None = None
    ) -> None:
        """Keep (or replace) certificate `code`'s PDF; nothing if the certificate is gone."""
        values = {"fingerprint": fingerprint, "pdf": pdf, "built_at": now or datetime.now(UTC)}
        with self.database.transaction() as db:
            if db.execute(select(certificates.c.code).where(certificates.c.code == code)).first():
                statement = dialect_insert(db, certificate_pdfs).values(code=code, **values)
                db.execute(statement.on_conflict_do_update(index_elements=["code"], set_=values))
