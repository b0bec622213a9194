"""The learner's journey: resume codes, lesson visits, exercise answers, certificates, guards.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

Timestamp = sa.DateTime(timezone=True)


def _learner_key() -> sa.Column[str]:
    return sa.Column(
        "learner_id",
        sa.String(32),
        sa.ForeignKey("learners.id", ondelete="CASCADE"),
        primary_key=True,
    )


def upgrade() -> None:
    # Plain ADD COLUMN, no batch table rebuild: on SQLite, with foreign keys on, rebuilding
    # `learners` would cascade-delete every attempt (tests/unit/test_migrations.py catches it).
    op.add_column("learners", sa.Column("resume_digest", sa.String(64)))
    op.add_column("learners", sa.Column("email", sa.String(320)))
    op.add_column("learners", sa.Column("last_seen_at", Timestamp))
    op.create_index("ix_learners_resume_digest", "learners", ["resume_digest"], unique=True)
    op.create_table(
        "lesson_visits",
        _learner_key(),
        sa.Column("lesson_id", sa.String(100), primary_key=True),
        sa.Column("first_at", Timestamp, nullable=False),
        sa.Column("last_at", Timestamp, nullable=False),
        sa.Column("seconds", sa.Integer, nullable=False),
        sa.Column("completed_at", Timestamp),
    )
    op.create_table(
        "exercise_answers",
        _learner_key(),
        sa.Column("exercise_id", sa.String(100), primary_key=True),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("updated_at", Timestamp, nullable=False),
    )
    op.create_table(
        "certificates",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column(
            "learner_id",
            sa.String(32),
            sa.ForeignKey("learners.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("learner_name", sa.String(200), nullable=False),
        sa.Column("course_title", sa.String(200), nullable=False),
        sa.Column("percent", sa.Float, nullable=False),
        sa.Column("modules", sa.JSON, nullable=False),
        sa.Column("issued_at", Timestamp, nullable=False),
    )
    op.create_table(
        "guard_failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("scope", sa.String(20), nullable=False),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("at", Timestamp, nullable=False),
    )
    op.create_index(
        "ix_guard_failures_scope_client_at", "guard_failures", ["scope", "client", "at"]
    )


def downgrade() -> None:
    op.drop_index("ix_guard_failures_scope_client_at", "guard_failures")
    for table in ("guard_failures", "certificates", "exercise_answers", "lesson_visits"):
        op.drop_table(table)
    op.drop_index("ix_learners_resume_digest", "learners")
    for column in ("last_seen_at", "email", "resume_digest"):
        op.drop_column("learners", column)
