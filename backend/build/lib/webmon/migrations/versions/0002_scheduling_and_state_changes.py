"""Scheduling and alert state on websites; the state_changes outbox.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    # Plain ADD COLUMNs (nullable, no default): instant on PostgreSQL, native on SQLite.
    op.add_column("websites", sa.Column("error_kind", sa.String(length=24), nullable=True))
    op.add_column("websites", sa.Column("failing_since", TIMESTAMP, nullable=True))
    op.add_column("websites", sa.Column("status_changed_at", TIMESTAMP, nullable=True))
    op.add_column("websites", sa.Column("last_slot_at", TIMESTAMP, nullable=True))
    op.add_column("websites", sa.Column("tls_expires_at", TIMESTAMP, nullable=True))

    op.create_table(
        "state_changes",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("website_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("from_status", sa.String(length=16), nullable=False),
        sa.Column("to_status", sa.String(length=16), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("outage_started_at", TIMESTAMP, nullable=True),
        sa.Column("reason", sa.String(length=24), nullable=True),
        sa.Column("detail", sa.String(length=500), nullable=True),
        sa.Column("status_code", sa.SmallInteger(), nullable=True),
        sa.Column("delivery", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("lease_until", TIMESTAMP, nullable=True),
        sa.Column("attempts", sa.SmallInteger(), server_default="0", nullable=False),
        sa.Column("sent_at", TIMESTAMP, nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["website_id"], ["websites.id"], name=op.f("fk_state_changes_website_id_websites"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_state_changes")),
    )
    op.create_index("ix_state_changes_website_id_at", "state_changes", ["website_id", "at"])
    op.create_index(
        "ix_state_changes_undelivered",
        "state_changes",
        ["id"],
        postgresql_where=sa.text("delivery IN ('pending', 'sending')"),
        sqlite_where=sa.text("delivery IN ('pending', 'sending')"),
    )


def downgrade() -> None:
    op.drop_table("state_changes")
    with op.batch_alter_table("websites") as batch:
        for column in ("tls_expires_at", "last_slot_at", "status_changed_at", "failing_since", "error_kind"):
            batch.drop_column(column)
