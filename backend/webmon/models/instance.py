"""The instance's own state: settings the administrator changes from the dashboard, invitations
to register, and the fixed-window counters that limit "check now"."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from webmon.models.base import Base, UTCDateTime, utcnow


class InstanceSetting(Base):
    """One setting set from the dashboard (`allow_private_targets`, `registration`), its value as
    JSON text. A setting given in the environment wins over the row (instance/settings.py)."""

    __tablename__ = "instance_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class InstanceInvitation(Base):
    """A one-time invitation to register, made by the administrator. Only the SHA-256 of its token
    is stored: a copy of the database does not hand out accounts."""

    __tablename__ = "instance_invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    used_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class RateWindow(Base):
    """A fixed-window counter shared by every process (`check-now:site:12`, `check-now:user:3`):
    `hits` requests since `started_at`."""

    __tablename__ = "rate_windows"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    hits: Mapped[int] = mapped_column(Integer)
