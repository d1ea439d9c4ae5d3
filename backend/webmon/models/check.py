from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from webmon.models.base import Base, BigIntId, UTCDateTime


class WebsiteCheck(Base):
    """One stored check. By far the largest table, so every column is as narrow as it can be:
    milliseconds as int4, the status code as int2, text only when a check failed."""

    __tablename__ = "website_checks"
    __table_args__ = (
        # History of one site, newest first (also serves lookups by website_id alone).
        Index("ix_website_checks_website_id_checked_at", "website_id", "checked_at"),
        # Retention deletes by age. Rows arrive in time order, so on PostgreSQL a BRIN index
        # answers that at a tiny fraction of a B-tree's size.
        Index("ix_website_checks_checked_at", "checked_at", postgresql_using="brin"),
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True, autoincrement=True)
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    website_id: Mapped[int] = mapped_column(ForeignKey("websites.id", ondelete="CASCADE"))
    response_time: Mapped[int | None] = mapped_column(Integer)  # milliseconds
    status_code: Mapped[int | None] = mapped_column(SmallInteger)
    status: Mapped[str] = mapped_column(String(8))  # "up" | "down"
    error_kind: Mapped[str | None] = mapped_column(String(24))  # DNS, TIMEOUT, HTTP_STATUS, ...
    error_message: Mapped[str | None] = mapped_column(String(500))
