"""Hourly upkeep: sum yesterday's and today's hours into daily rollups, and keep a week of daily
partitions ready ahead (PostgreSQL). Idempotent: running it twice, or in two places, is harmless."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, literal, select
from sqlalchemy.dialects import postgresql, sqlite

from webmon.db import Database
from webmon.models import DailyRollup, HourlyRollup, UptimeBase
from webmon.rate_windows import forget_old_windows
from webmon.runner.partitions import ensure_partitions
from webmon.runner.rollups import COUNTER_COLUMNS
from webmon.timeslots import day_start, hour_of


async def refresh_daily_rollups(db: Database, *, now: datetime, days: int = 2) -> None:
    """Recompute the last `days` UTC days from their hours (a day's row is replaced, not added to)."""
    hourly = HourlyRollup.__table__
    insert = postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert
    async with db.session_scope() as session:
        for offset in range(days):
            start = day_start(now) - timedelta(days=offset)
            sums = [func.sum(hourly.c[name]).label(name) for name in COUNTER_COLUMNS]
            query = (
                select(
                    hourly.c.website_id,
                    literal(start, DailyRollup.__table__.c.day.type).label("day"),
                    *sums,
                    func.max(hourly.c.rt_max).label("rt_max"),
                )
                .where(hourly.c.hour >= start, hourly.c.hour < start + timedelta(days=1))
                .group_by(hourly.c.website_id)
            )
            statement = insert(DailyRollup).from_select(["website_id", "day", *COUNTER_COLUMNS, "rt_max"], query)
            statement = statement.on_conflict_do_update(
                index_elements=["website_id", "day"],
                set_={name: statement.excluded[name] for name in (*COUNTER_COLUMNS, "rt_max")},
            )
            await session.execute(statement)


async def refresh_uptime_base(db: Database, *, now: datetime) -> None:
    """Each site's 24 complete hours before this one, summed once an hour for the list endpoint
    (models/uptime.py). Sites with no hours in that window lose their row: the list then sums
    their rollups itself."""
    hourly = HourlyRollup.__table__
    base = UptimeBase.__table__
    until = hour_of(now)
    insert = postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert
    query = (
        select(
            hourly.c.website_id,
            literal(until, base.c.until.type).label("until"),
            func.sum(hourly.c.up_ms),
            func.sum(hourly.c.down_ms),
        )
        .where(hourly.c.hour >= until - timedelta(hours=24), hourly.c.hour < until)
        .group_by(hourly.c.website_id)
    )
    statement = insert(UptimeBase).from_select(["website_id", "until", "up_ms", "down_ms"], query)
    statement = statement.on_conflict_do_update(
        index_elements=["website_id"],
        set_={name: statement.excluded[name] for name in ("until", "up_ms", "down_ms")},
    )
    async with db.session_scope() as session:
        await session.execute(statement)
        await session.execute(delete(UptimeBase).where(UptimeBase.until < until))


async def ensure_check_partitions(db: Database, *, now: datetime) -> list[str]:
    if db.engine.dialect.name != "postgresql":
        return []
    async with db.engine.begin() as connection:
        return await ensure_partitions(connection, today=now.astimezone(UTC).date())


# Longer than any window a counter has (the longest is the minimum check interval, at most a day).
RATE_WINDOWS_KEPT = timedelta(days=2)


async def forget_rate_windows(db: Database, *, now: datetime) -> int:
    """Check-now counters of sites and accounts long quiet (or deleted) count nothing: drop them."""
    async with db.session_scope() as session:
        return await forget_old_windows(session, older_than=now - RATE_WINDOWS_KEPT)


async def hourly_maintenance(db: Database, *, now: datetime) -> None:
    await ensure_check_partitions(db, now=now)
    await refresh_daily_rollups(db, now=now)
    await refresh_uptime_base(db, now=now)
    await forget_rate_windows(db, now=now)
