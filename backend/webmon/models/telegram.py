"""Telegram chats proven to belong to an account, and the one-time tokens that prove it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from webmon.models.base import Base, UTCDateTime, utcnow


class TelegramChat(Base):
    """A chat the owner linked by sending the bot a `/start <token>` there.

    Owned by a user today; `user_id` is the one owner column, so the table moves to workspaces by
    adding `workspace_id` beside it and backfilling from the user's personal workspace."""

    __tablename__ = "telegram_chats"
    __table_args__ = (UniqueConstraint("user_id", "chat_id"), Index("ix_telegram_chats_chat_id", "chat_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    chat_id: Mapped[str] = mapped_column(String(64))
    title: Mapped[str | None] = mapped_column(String(255))
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TelegramLinkToken(Base):
    """A `/start` deep-link token: only its SHA-256 is stored; one use, a short life."""

    __tablename__ = "telegram_link_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    chat_id: Mapped[str | None] = mapped_column(String(64))  # the chat it linked
