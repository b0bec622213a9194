"""Every table of the course database (SQLAlchemy Core), shared by the store and migrations.

The migrations in course/storage/migrations/ build exactly these tables (a test compares them).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

metadata = MetaData()


class UtcDateTime(TypeDecorator[datetime]):
    """A moment stored in UTC and always read back time zone-aware.

    PostgreSQL keeps the instant (timestamptz) and gives aware datetimes back; SQLite keeps the
    UTC wall-clock time as text and gives naive datetimes back, which are marked UTC here.
    Aware moments are written in UTC, so SQLite's text is UTC whatever zone they came in.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Aware moments in UTC (naive ones are taken as UTC already)."""
        if value is None or value.tzinfo is None:
            return value
        return value.astimezone(UTC)

    def process_result_value(self, value: Any | None, dialect: Dialect) -> datetime | None:
        """Naive moments (SQLite) marked UTC; aware ones (PostgreSQL) as they come."""
        if value is None or value.tzinfo is not None:
            return value
        moment: datetime = value.replace(tzinfo=UTC)
        return moment


Timestamp = UtcDateTime()

learners = Table(
    "learners",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("created_at", Timestamp, nullable=False),
    Column("resume_digest", String(64)),  # keyed digest (HMAC) of the resume code, never the code
    Column("email", String(320)),
    Column("last_seen_at", Timestamp),
    Index("ix_learners_resume_digest", "resume_digest", unique=True),
)
attempts = Table(
    "attempts",
    metadata,
    Column("id", String(32), primary_key=True),
    Column(
        "learner_id",
        String(32),
        ForeignKey("learners.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("quiz_id", String(100), nullable=False, index=True),
    Column("quiz_hash", String(64), nullable=False),
    Column("seed", BigInteger, nullable=False),
    Column("question_ids", JSON, nullable=False),
    Column("started_at", Timestamp, nullable=False),
    Column("deadline", Timestamp),
    Column("submitted_at", Timestamp),
    Column("score", Float),
    Column("max_score", Float),
    Column("percent", Float),
    Column("passed", Boolean),
    Column("fractions", JSON),
    Column("responses", JSON),
)
steps = Table(
    "attempt_steps",
    metadata,
    Column(
        "attempt_id", String(32), ForeignKey("attempts.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("number", Integer, primary_key=True),
    Column("kind", String(10), nullable=False),
    Column("question_id", String(100)),
    Column("response", JSON),
    Column("at", Timestamp, nullable=False),
)

lesson_visits = Table(
    "lesson_visits",
    metadata,
    Column(
        "learner_id", String(32), ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("lesson_id", String(100), primary_key=True),
    Column("first_at", Timestamp, nullable=False),
    Column("last_at", Timestamp, nullable=False),
    Column("seconds", Integer, nullable=False),
    Column("completed_at", Timestamp),  # « J'ai terminé ce module »
)
exercise_answers = Table(
    "exercise_answers",
    metadata,
    Column(
        "learner_id", String(32), ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("exercise_id", String(100), primary_key=True),
    Column("data", JSON, nullable=False),
    Column("updated_at", Timestamp, nullable=False),
)
certificates = Table(
    "certificates",
    metadata,
    Column("code", String(16), primary_key=True),
    Column(
        "learner_id",
        String(32),
        ForeignKey("learners.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    Column("learner_name", String(200), nullable=False),
    Column("course_title", String(200), nullable=False),
    Column("percent", Float, nullable=False),
    Column("modules", JSON, nullable=False),
    Column("issued_at", Timestamp, nullable=False),
    # The name of its Open Badges assertion file: random, so a URL reveals no code (0005).
    Column("badge_id", String(32)),
    Index("ix_certificates_badge_id", "badge_id", unique=True),
)
certificate_pdfs = Table(
    "certificate_pdfs",
    metadata,
    Column(
        "code", String(16), ForeignKey("certificates.code", ondelete="CASCADE"), primary_key=True
    ),
    Column("fingerprint", String(64), nullable=False),  # of what the PDF prints, and its layout
    Column("pdf", LargeBinary, nullable=False),
    Column("built_at", Timestamp, nullable=False),
)
guard_failures = Table(
    "guard_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("scope", String(20), nullable=False),
    Column("client", String(64), nullable=False),
    Column("at", Timestamp, nullable=False),
    Index("ix_guard_failures_scope_client_at", "scope", "client", "at"),
)


# --- Workshops: a trainer's live session, its participants and live questions ------------------

workshops = Table(
    "workshops",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("code", String(16), nullable=False, unique=True),  # the join code, canonical form
    Column("title", String(200), nullable=False),
    Column("leaderboard", Boolean, nullable=False, default=False),
    Column("created_at", Timestamp, nullable=False),
    Column("closed_at", Timestamp),
)
workshop_members = Table(
    "workshop_members",
    metadata,
    Column(
        "workshop_id", String(32), ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True
    ),
    Column(
        "learner_id", String(32), ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("display_name", String(60), nullable=False),  # first name or pseudonym (leaderboard)
    Column("joined_at", Timestamp, nullable=False),
)
live_questions = Table(
    "live_questions",
    metadata,
    Column("id", String(32), primary_key=True),
    Column(
        "workshop_id",
        String(32),
        ForeignKey("workshops.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("number", Integer, nullable=False),  # 1, 2, 3… within the workshop
    Column("quiz_id", String(100), nullable=False),
    Column("question_id", String(100), nullable=False),
    Column("launched_at", Timestamp, nullable=False),
    Column("closed_at", Timestamp),
    Column("revealed_at", Timestamp),
    UniqueConstraint("workshop_id", "number", name="uq_live_questions_workshop_number"),
)
live_answers = Table(
    "live_answers",
    metadata,
    Column(
        "live_question_id",
        String(32),
        ForeignKey("live_questions.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "learner_id", String(32), ForeignKey("learners.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("response", JSON),
    Column("fraction", Float, nullable=False),
    Column("points", Float, nullable=False),
    Column("answered_at", Timestamp, nullable=False),
    Index("ix_live_answers_learner_id", "learner_id"),
)
