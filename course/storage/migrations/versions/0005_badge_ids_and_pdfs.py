"""Badge assertions named by a random id, not the verification code; certificate PDFs kept.

An assertion served as `assertion-<code>.json` told anyone probing the URL whether a code
exists. Each certificate gets a random `badge_id` (128 bits, hex) for its file name; existing
files are renamed when a server opens the store (course/certificates/badges.py,
`rename_legacy_assertions`). `certificate_pdfs` keeps each certificate's PDF, built once and
built again only when what it prints changes; it goes with its certificate (cascade).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

Timestamp = sa.DateTime(timezone=True)


def upgrade() -> None:
    # Plain ADD COLUMN (no batch rebuild, see env.py); every row gets its id just below.
    op.add_column("certificates", sa.Column("badge_id", sa.String(32)))
    connection = op.get_bind()
    table = sa.table("certificates", sa.column("code", sa.String), sa.column("badge_id", sa.String))
    for code in connection.execute(sa.select(table.c.code)).scalars().all():
        connection.execute(
            table.update().where(table.c.code == code).values(badge_id=secrets.token_hex(16))
        )
    op.create_index("ix_certificates_badge_id", "certificates", ["badge_id"], unique=True)
    op.create_table(
        "certificate_pdfs",
        sa.Column(
            "code",
            sa.String(16),
            sa.ForeignKey("certificates.code", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("pdf", sa.LargeBinary, nullable=False),
        sa.Column("built_at", Timestamp, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("certificate_pdfs")
    op.drop_index("ix_certificates_badge_id", "certificates")
    op.drop_column("certificates", "badge_id")
