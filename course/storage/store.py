"""The store: the course database opened (and migrated), with one repository per kind of record.

    store = Store()                      # $COURSE_DATABASE_URL, else SQLite in $COURSE_DATA_DIR
    store.learners.by_code("K7QF-29XM")  # learners, resume codes, visits, exercises, erasure
    store.attempts.finished(learner.id)  # quiz attempts and their steps
    store.certificates.of(learner.id)    # issued certificates and verification codes
    store.failures.attempt(…)            # tries of codes and passwords, for guard.py
    store.secret                         # the key of stored digests (course/storage/secret.py)

Workshops and live questions (course/workshop/) are repositories over the same database too.
"""

from __future__ import annotations

from course.storage.attempts import Attempts
from course.storage.certificates import Certificates
from course.storage.database import Database
from course.storage.failures import Failures
from course.storage.learners import Learners
from course.storage.secret import server_secret


class Store(Database):
    """The course database and its repositories: learners, attempts, certificates, failures."""

    def __init__(self, url: str | None = None, secret: bytes | None = None) -> None:
        super().__init__(url)
        self.secret = secret if secret is not None else server_secret()
        self.learners = Learners(self, self.secret)
        self.attempts = Attempts(self)
        self.certificates = Certificates(self)
        self.failures = Failures(self)
