from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, SmallInteger, String, func, text
from sqlalchemy.orm import Mapped, mapped_column

from webmon.models.base import Base, UTCDateTime, utcnow


class WebsiteStatus(StrEnum):
    PENDING = "pending"
    UP = "up"
    DOWN = "down"


class Website(Base):
    __tablename__ = "websites"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'up', 'down')", name="status"),
        CheckConstraint("timeout BETWEEN 1 AND 120", name="timeout"),
        CheckConstraint("check_interval BETWEEN 1 AND 86400", name="check_interval"),
        CheckConstraint("failure_threshold BETWEEN 1 AND 10", name="failure_threshold"),
        # A user's sites, page by page in id order (the list endpoint).
        Index("ix_websites_user_id_id", "user_id", "id"),
        # The scheduler's claim reads this index: due, active sites in due order.
        Index(
            "ix_websites_next_check_at_active",
            "next_check_at",
            postgresql_where=text("is_active"),
            sqlite_where=text("is_active"),
        ),
        {"postgresql_with": {"fillfactor": 70}},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))

    url: Mapped[str] = mapped_column(String(2048))
    name: Mapped[str] = mapped_column(String(200))
    valid_word: Mapped[str] = mapped_column(String(200))
    timeout: Mapped[int] = mapped_column(SmallInteger, default=30, server_default="30")
    telegram_chat_id: Mapped[str | None] = mapped_column(String(64))
    # Why alerts cannot reach the chat (bot blocked, chat not found...), until the chat changes
    # or a message gets through again.
    telegram_error: Mapped[str | None] = mapped_column(String(500))

    check_interval: Mapped[int] = mapped_column(Integer, default=300, server_default="300")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    failure_threshold: Mapped[int] = mapped_column(SmallInteger, default=2, server_default="2")
    next_check_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, server_default=func.now())

    # Not indexed: it changes on every check, and an index on it would stop PostgreSQL from
    # updating the row in place (migration 0006).
    last_check: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(
        String(16), default=WebsiteStatus.PENDING.value, server_default=WebsiteStatus.PENDING.value, index=True
    )
    response_time: Mapped[int | None] = mapped_column(Integer)  # milliseconds
    error_message: Mapped[str | None] = mapped_column(String(1000))

    error_kind: Mapped[str | None] = mapped_column(String(24))  # of the last check: DNS, TIMEOUT, ...
    # Alert-policy state: when the current run of failed checks began (also when an outage began).
    failing_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The scheduled slot the last stored check filled. Storing is a compare-and-set on it, so a
    # batch that runs twice (redelivered after a worker died) never stores a slot twice.
    last_slot_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    tls_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    total_checks: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    failed_checks: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_notification_sent: Mapped[datetime | None] = mapped_column(UTCDateTime)

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, onupdate=utcnow)
