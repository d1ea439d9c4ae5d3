from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, Index, Integer, Numeric, String, func, text
from sqlalchemy.orm import Mapped, mapped_column

from webmon.models.base import Base, UTCDateTime, utcnow
from webmon.vocabulary import DEFAULT_LOCALE


class User(Base):
    __tablename__ = "users"
    # SQLite would hand a deleted user's id to the next account without AUTOINCREMENT (migration 0010).
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Stored lower-cased by the service, so the unique index is case-insensitive too.
    email: Mapped[str] = mapped_column(String(320), unique=True)
    username: Mapped[str] = mapped_column(String(50))
    hashed_password: Mapped[str] = mapped_column(String(255))
    # Money: exact decimal, not the seed's FLOAT.
    balance: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"), server_default="0")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    # Part of every token; bumped by a password change so older tokens stop working.
    token_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # How many websites the user has, kept by database triggers (migration 0009).
    website_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The account's language (vocabulary.LOCALES): the dashboard's, the alerts' and the bot's.
    locale: Mapped[str] = mapped_column(String(8), default=DEFAULT_LOCALE, server_default=DEFAULT_LOCALE)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, onupdate=utcnow)


# Usernames are unique whatever their case ("Alice" and "alice" are one person).
Index("uq_users_username_lower", func.lower(User.username), unique=True)
