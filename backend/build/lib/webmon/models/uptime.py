from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from webmon.models.base import Base, UTCDateTime


class UptimeBase(Base):
    """The 24 complete hours before `until`, summed per site by the hourly upkeep.

    The dashboard's list shows every site's 24 h uptime; summing 24 hourly rollups for each of 100
    rows on every refresh cost PostgreSQL ~3 ms a request. With this row the list adds only the
    hours since `until` (normally the current one) and the time since the last check.
    """

    __tablename__ = "uptime_24h_base"

    website_id: Mapped[int] = mapped_column(ForeignKey("websites.id", ondelete="CASCADE"), primary_key=True)
    until: Mapped[datetime] = mapped_column(UTCDateTime)
    up_ms: Mapped[int] = mapped_column(BigInteger)
    down_ms: Mapped[int] = mapped_column(BigInteger)
