"""Telegram chats linked to an account by a /start token.

A chat used to be any id the bot could reach; now a chat is used only once its owner proved it by
sending the bot a one-time token from the dashboard. So that nobody's alerts stop, every chat a
user's websites already alert is linked to that user here.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "telegram_chats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=255), nullable=True),
        sa.Column("linked_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_telegram_chats_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_telegram_chats")),
        sa.UniqueConstraint("user_id", "chat_id", name=op.f("uq_telegram_chats_user_id_chat_id")),
    )
    op.create_index("ix_telegram_chats_chat_id", "telegram_chats", ["chat_id"])
    op.create_table(
        "telegram_link_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("expires_at", TIMESTAMP, nullable=False),
        sa.Column("used_at", TIMESTAMP, nullable=True),
        sa.Column("chat_id", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_telegram_link_tokens_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_telegram_link_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_telegram_link_tokens_token_hash")),
    )
    op.create_index("ix_telegram_link_tokens_user_id", "telegram_link_tokens", ["user_id"])
    # Existing data: the chats websites already alert stay usable by their owners.
    op.execute(
        "INSERT INTO telegram_chats (user_id, chat_id, linked_at) "
        "SELECT DISTINCT user_id, telegram_chat_id, CURRENT_TIMESTAMP FROM websites "
        "WHERE telegram_chat_id IS NOT NULL"
    )


def downgrade() -> None:
    op.drop_table("telegram_link_tokens")
    op.drop_table("telegram_chats")
