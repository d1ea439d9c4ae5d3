"""Hourly upkeep: sum yesterday's and today's hours into daily rollups, and keep a week of daily
partitions ready ahead (PostgreSQL). Idempotent: running it twice, or in two places, is harmless."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, literal, select
from sqlalchemy.dialects import postgresql, sqlite

from webmon.db import Database
from webmon.models import DailyRollup, HourlyRollup
from webmon.runner.partitions import ensure_partitions
from webmon.runner.rollups import COUNTER_COLUMNS


def day_start(moment: datetime) -> datetime:
    return datetime.combine(moment.astimezone(UTC).date(), time(), UTC)


async def refresh_daily_rollups(db: Database, *, now: datetime, days: int = 2) -> None:
    """Recompute the last `days` UTC days from their hours (a day's row is replaced, not added to)."""
    hourly = HourlyRollup.__table__
    insert = postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert
    async with db.session_scope() as session:
        for offset in range(days):
            start = day_start(now) - timedelta(days=offset)
            sums = [func.sum(hourly.c[name]).label(name) for name in COUNTER_COLUMNS]
            query = (
                select(hourly.c.website_id, literal(start, DailyRollup.__table__.c.day.type).label("day"), *sums,
                       func.max(hourly.c.rt_max).label("rt_max"))
                .where(hourly.c.hour >= start, hourly.c.hour < start + timedelta(days=1))
                .group_by(hourly.c.website_id)
            )
            statement = insert(DailyRollup).from_select(["website_id", "day", *COUNTER_COLUMNS, "rt_max"], query)
            statement = statement.on_conflict_do_update(
                index_elements=["website_id", "day"],
                set_={name: statement.excluded[name] for name in (*COUNTER_COLUMNS, "rt_max")},
            )
            await session.execute(statement)


async def ensure_check_partitions(db: Database, *, now: datetime) -> list[str]:
    if db.engine.dialect.name != "postgresql":
        return []
    async with db.engine.begin() as connection:
        return await ensure_partitions(connection, today=now.astimezone(UTC).date())


async def hourly_maintenance(db: Database, *, now: datetime) -> None:
    await ensure_check_partitions(db, now=now)
    await refresh_daily_rollups(db, now=now)
