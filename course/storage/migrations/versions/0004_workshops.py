"""Workshops: join codes, participants, live questions and their answers.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

Timestamp = sa.DateTime(timezone=True)


def _key(column: str, table: str) -> sa.Column[str]:
    return sa.Column(
        column, sa.String(32), sa.ForeignKey(f"{table}.id", ondelete="CASCADE"), primary_key=True
    )


def upgrade() -> None:
    op.create_table(
        "workshops",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("leaderboard", sa.Boolean, nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
        sa.Column("closed_at", Timestamp),
    )
    op.create_table(
        "workshop_members",
        _key("workshop_id", "workshops"),
        _key("learner_id", "learners"),
        sa.Column("display_name", sa.String(60), nullable=False),
        sa.Column("joined_at", Timestamp, nullable=False),
    )
    op.create_table(
        "live_questions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "workshop_id",
            sa.String(32),
            sa.ForeignKey("workshops.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("quiz_id", sa.String(100), nullable=False),
        sa.Column("question_id", sa.String(100), nullable=False),
        sa.Column("launched_at", Timestamp, nullable=False),
        sa.Column("closed_at", Timestamp),
        sa.Column("revealed_at", Timestamp),
        sa.UniqueConstraint("workshop_id", "number", name="uq_live_questions_workshop_number"),
    )
    op.create_index("ix_live_questions_workshop_id", "live_questions", ["workshop_id"])
    op.create_table(
        "live_answers",
        _key("live_question_id", "live_questions"),
        _key("learner_id", "learners"),
        sa.Column("response", sa.JSON),
        sa.Column("fraction", sa.Float, nullable=False),
        sa.Column("points", sa.Float, nullable=False),
        sa.Column("answered_at", Timestamp, nullable=False),
    )
    op.create_index("ix_live_answers_learner_id", "live_answers", ["learner_id"])


def downgrade() -> None:
    for table in ("live_answers", "live_questions", "workshop_members", "workshops"):
        op.drop_table(table)
