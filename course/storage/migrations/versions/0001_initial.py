"""The first schema: learners, attempts and their steps (as created before migrations existed).

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Timestamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table("schema_version", sa.Column("version", sa.Integer, primary_key=True))
    op.create_table(
        "learners",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", Timestamp, nullable=False),
    )
    op.create_table(
        "attempts",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "learner_id",
            sa.String(32),
            sa.ForeignKey("learners.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("quiz_id", sa.String(100), nullable=False, index=True),
        sa.Column("quiz_hash", sa.String(64), nullable=False),
        sa.Column("seed", sa.BigInteger, nullable=False),
        sa.Column("question_ids", sa.JSON, nullable=False),
        sa.Column("started_at", Timestamp, nullable=False),
        sa.Column("deadline", Timestamp),
        sa.Column("submitted_at", Timestamp),
        sa.Column("score", sa.Float),
        sa.Column("max_score", sa.Float),
        sa.Column("percent", sa.Float),
        sa.Column("passed", sa.Boolean),
        sa.Column("fractions", sa.JSON),
        sa.Column("responses", sa.JSON),
    )
    op.create_table(
        "attempt_steps",
        sa.Column(
            "attempt_id",
            sa.String(32),
            sa.ForeignKey("attempts.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("number", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("question_id", sa.String(100)),
        sa.Column("response", sa.JSON),
        sa.Column("at", Timestamp, nullable=False),
    )
    op.execute("INSERT INTO schema_version (version) VALUES (1)")


def downgrade() -> None:
    for table in ("attempt_steps", "attempts", "learners", "schema_version"):
        op.drop_table(table)
