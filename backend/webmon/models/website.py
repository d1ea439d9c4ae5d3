from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, SmallInteger, String, func, text
from sqlalchemy.orm import Mapped, mapped_column

from webmon.models.base import Base, UTCDateTime, utcnow
from webmon.vocabulary import (
    CHAT_ID_MAX_LENGTH,
    DEFAULT_CHECK_INTERVAL,
    DEFAULT_FAILURE_THRESHOLD,
    DEFAULT_TIMEOUT,
    MAX_CHECK_INTERVAL,
    MAX_FAILURE_THRESHOLD,
    MAX_TAGS_PER_SITE,
    MAX_TIMEOUT,
    MAX_URL_LENGTH,
    MIN_CHECK_INTERVAL,
    MIN_FAILURE_THRESHOLD,
    MIN_TIMEOUT,
    TAG_MAX_LENGTH,
    SiteStatus,
)

_STATUSES = ", ".join(f"'{status.value}'" for status in SiteStatus)


class Website(Base):
    __tablename__ = "websites"
    __table_args__ = (
        CheckConstraint(f"status IN ({_STATUSES})", name="status"),
        CheckConstraint(f"timeout BETWEEN {MIN_TIMEOUT} AND {MAX_TIMEOUT}", name="timeout"),
        CheckConstraint(f"check_interval BETWEEN {MIN_CHECK_INTERVAL} AND {MAX_CHECK_INTERVAL}", name="check_interval"),
        CheckConstraint(
            f"failure_threshold BETWEEN {MIN_FAILURE_THRESHOLD} AND {MAX_FAILURE_THRESHOLD}", name="failure_threshold"
        ),
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

    url: Mapped[str] = mapped_column(String(MAX_URL_LENGTH))
    name: Mapped[str] = mapped_column(String(200))
    valid_word: Mapped[str] = mapped_column(String(200))
    timeout: Mapped[int] = mapped_column(SmallInteger, default=DEFAULT_TIMEOUT, server_default=str(DEFAULT_TIMEOUT))
    telegram_chat_id: Mapped[str | None] = mapped_column(String(CHAT_ID_MAX_LENGTH))
    # Why alerts cannot reach the chat (bot blocked, chat not found...), until the chat changes
    # or a message gets through again.
    telegram_error: Mapped[str | None] = mapped_column(String(500))

    check_interval: Mapped[int] = mapped_column(
        Integer, default=DEFAULT_CHECK_INTERVAL, server_default=str(DEFAULT_CHECK_INTERVAL)
    )
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    failure_threshold: Mapped[int] = mapped_column(
        SmallInteger, default=DEFAULT_FAILURE_THRESHOLD, server_default=str(DEFAULT_FAILURE_THRESHOLD)
    )
    next_check_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, server_default=func.now())

    # Not indexed: it changes on every check, and an index on it would stop PostgreSQL from
    # updating the row in place (migration 0006).
    last_check: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(
        String(16), default=SiteStatus.PENDING.value, server_default=SiteStatus.PENDING.value, index=True
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

    # The site's tags, sorted and comma-joined ("" for none): a copy of its website_tags rows, so
    # that the list shows each row's tags without another query or a subquery per row.
    tags: Mapped[str] = mapped_column(String(MAX_TAGS_PER_SITE * (TAG_MAX_LENGTH + 1)), default="", server_default="")

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, onupdate=utcnow)
