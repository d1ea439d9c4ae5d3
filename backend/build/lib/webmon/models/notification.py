from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from webmon.models.base import Base, BigIntId, UTCDateTime, utcnow


class Notification(Base):
    """One delivery of an alert (or a test message) to a chat: what was tried and how it ended."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_website_id_created_at", "website_id", "created_at"),)

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True, autoincrement=True)
    website_id: Mapped[int] = mapped_column(ForeignKey("websites.id", ondelete="CASCADE"))
    state_change_id: Mapped[int | None] = mapped_column(ForeignKey("state_changes.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(16))  # down | recovered | reminder
    chat_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))  # sent | failed | broken
    error: Mapped[str | None] = mapped_column(String(500))
    attempts: Mapped[int] = mapped_column(SmallInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
