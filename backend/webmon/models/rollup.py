from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, PrimaryKeyConstraint
from sqlalchemy.orm import Mapped, mapped_column

from webmon.models.base import Base, UTCDateTime

# Upper bounds (ms) of the response-time histogram's buckets; the last bucket is open-ended.
# Roughly logarithmic, so p95 read from it is within a bucket's width of the truth.
RESPONSE_TIME_BUCKETS_MS = (50, 100, 150, 200, 300, 400, 600, 800, 1000, 1500, 2500, 5000, 10000)
HISTOGRAM_COLUMNS = tuple(f"h{index}" for index in range(len(RESPONSE_TIME_BUCKETS_MS) + 1))


class HourlyRollup(Base):
    """One site's hour: counts, time-weighted up/down time and a response-time histogram.

    Kept up to date as checks are stored, so stats, uptime and charts never scan raw checks for
    long windows, and keep working after old raw checks are gone. Every column adds up, so
    windows are plain SUMs and concurrent writers merge with `INSERT ... ON CONFLICT DO UPDATE`.
    """

    __tablename__ = "check_rollups_hourly"
    __table_args__ = (PrimaryKeyConstraint("website_id", "hour"),)

    website_id: Mapped[int] = mapped_column(ForeignKey("websites.id", ondelete="CASCADE"))
    hour: Mapped[datetime] = mapped_column(UTCDateTime)
    checks: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    # Time-weighted: how long the site was seen up or down in this hour (a check's result holds
    # until the next check), in milliseconds.
    up_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    down_ms: Mapped[int] = mapped_column(BigInteger, default=0)
    rt_count: Mapped[int] = mapped_column(Integer, default=0)
    rt_sum: Mapped[int] = mapped_column(BigInteger, default=0)
    rt_max: Mapped[int] = mapped_column(Integer, default=0)
    h0: Mapped[int] = mapped_column(Integer, default=0)
    h1: Mapped[int] = mapped_column(Integer, default=0)
    h2: Mapped[int] = mapped_column(Integer, default=0)
    h3: Mapped[int] = mapped_column(Integer, default=0)
    h4: Mapped[int] = mapped_column(Integer, default=0)
    h5: Mapped[int] = mapped_column(Integer, default=0)
    h6: Mapped[int] = mapped_column(Integer, default=0)
    h7: Mapped[int] = mapped_column(Integer, default=0)
    h8: Mapped[int] = mapped_column(Integer, default=0)
    h9: Mapped[int] = mapped_column(Integer, default=0)
    h10: Mapped[int] = mapped_column(Integer, default=0)
    h11: Mapped[int] = mapped_column(Integer, default=0)
    h12: Mapped[int] = mapped_column(Integer, default=0)
    h13: Mapped[int] = mapped_column(Integer, default=0)
