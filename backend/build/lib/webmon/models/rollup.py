from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Integer, PrimaryKeyConstraint
from sqlalchemy.orm import Mapped, mapped_column

from webmon.models.base import Base, UTCDateTime

# Upper bounds (ms) of the response-time histogram's buckets; the last bucket is open-ended.
# Roughly logarithmic, so p95 read from it is within a bucket's width of the truth.
RESPONSE_TIME_BUCKETS_MS = (50, 100, 150, 200, 300, 400, 600, 800, 1000, 1500, 2500, 5000, 10000)
HISTOGRAM_COLUMNS = tuple(f"h{index}" for index in range(len(RESPONSE_TIME_BUCKETS_MS) + 1))


class _RollupColumns:
    """Every column adds up, so a window is a plain SUM and concurrent writers merge with
    `INSERT ... ON CONFLICT DO UPDATE SET x = x + excluded.x`."""

    website_id: Mapped[int] = mapped_column(ForeignKey("websites.id", ondelete="CASCADE"))
    checks: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    # Time-weighted: how long the site was seen up or down (a check's result holds until the
    # next check), in milliseconds.
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


class HourlyRollup(_RollupColumns, Base):
    """One site's hour, kept up to date as checks are stored: stats, uptime and charts never scan
    raw checks for long windows, and keep working after old raw checks are gone."""

    __tablename__ = "check_rollups_hourly"
    # Updated about once a minute per site: room on each page for in-place (HOT) updates.
    __table_args__ = (PrimaryKeyConstraint("website_id", "hour"), {"postgresql_with": {"fillfactor": 70}})

    hour: Mapped[datetime] = mapped_column(UTCDateTime)


class DailyRollup(_RollupColumns, Base):
    """One site's day (UTC), summed from its hours by the hourly maintenance; read for long
    windows (a year is 365 rows) and kept after the hours are gone."""

    __tablename__ = "check_rollups_daily"
    __table_args__ = (PrimaryKeyConstraint("website_id", "day"),)

    day: Mapped[datetime] = mapped_column(UTCDateTime)
