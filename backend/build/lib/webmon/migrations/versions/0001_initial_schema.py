"""Initial schema: users, websites, website_checks.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)
NOW = sa.func.now()
TRUE = sa.text("true")


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("username", sa.String(length=50), nullable=False),
        sa.Column("hashed_password", sa.String(length=255), nullable=False),
        sa.Column("balance", sa.Numeric(precision=12, scale=2), server_default="0", nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=TRUE, nullable=False),
        sa.Column("token_version", sa.Integer(), server_default="0", nullable=False),
        sa.Column("created_at", TIMESTAMP, server_default=NOW, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_index("uq_users_username_lower", "users", [sa.text("lower(username)")], unique=True)

    op.create_table(
        "websites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("valid_word", sa.String(length=200), nullable=False),
        sa.Column("timeout", sa.SmallInteger(), server_default="30", nullable=False),
        sa.Column("telegram_chat_id", sa.String(length=64), nullable=True),
        sa.Column("check_interval", sa.Integer(), server_default="300", nullable=False),
        sa.Column("is_active", sa.Boolean(), server_default=TRUE, nullable=False),
        sa.Column("failure_threshold", sa.SmallInteger(), server_default="2", nullable=False),
        sa.Column("next_check_at", TIMESTAMP, server_default=NOW, nullable=False),
        sa.Column("last_check", TIMESTAMP, nullable=True),
        sa.Column("status", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("response_time", sa.Integer(), nullable=True),
        sa.Column("error_message", sa.String(length=1000), nullable=True),
        sa.Column("total_checks", sa.Integer(), server_default="0", nullable=False),
        sa.Column("failed_checks", sa.Integer(), server_default="0", nullable=False),
        sa.Column("consecutive_failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_notification_sent", TIMESTAMP, nullable=True),
        sa.Column("created_at", TIMESTAMP, server_default=NOW, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=True),
        sa.CheckConstraint("status IN ('pending', 'up', 'down')", name=op.f("ck_websites_status")),
        sa.CheckConstraint("timeout BETWEEN 1 AND 120", name=op.f("ck_websites_timeout")),
        sa.CheckConstraint("check_interval BETWEEN 1 AND 86400", name=op.f("ck_websites_check_interval")),
        sa.CheckConstraint("failure_threshold BETWEEN 1 AND 10", name=op.f("ck_websites_failure_threshold")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_websites_user_id_users"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_websites")),
    )
    op.create_index("ix_websites_user_id", "websites", ["user_id"])
    op.create_index("ix_websites_status", "websites", ["status"])
    op.create_index("ix_websites_last_check", "websites", ["last_check"])
    op.create_index(
        "ix_websites_next_check_at_active",
        "websites",
        ["next_check_at"],
        postgresql_where=sa.text("is_active"),
        sqlite_where=sa.text("is_active"),
    )

    op.create_table(
        "website_checks",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("checked_at", TIMESTAMP, nullable=False),
        sa.Column("website_id", sa.Integer(), nullable=False),
        sa.Column("response_time", sa.Integer(), nullable=True),
        sa.Column("status_code", sa.SmallInteger(), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("error_kind", sa.String(length=24), nullable=True),
        sa.Column("error_message", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["website_id"],
            ["websites.id"],
            name=op.f("fk_website_checks_website_id_websites"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_website_checks")),
    )
    op.create_index("ix_website_checks_website_id_checked_at", "website_checks", ["website_id", "checked_at"])
    op.create_index("ix_website_checks_checked_at", "website_checks", ["checked_at"], postgresql_using="brin")


def downgrade() -> None:
    op.drop_table("website_checks")
    op.drop_table("websites")
    op.drop_table("users")
