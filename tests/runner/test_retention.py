"""Bounded storage: old raw checks go (whole daily partitions on PostgreSQL), rollups outlive them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select

from tests.clock import TODAY
from tests.factories import make_user, make_website
from webmon.models import DailyRollup, HourlyRollup, WebsiteCheck
from webmon.runner.maintenance import ensure_check_partitions
from webmon.runner.partitions import ensure_partitions, existing_partitions
from webmon.runner.retention import HOURLY_ROLLUP_DAYS, apply_retention

DAY = timedelta(days=1)
ZEROS = {"checks": 1, "failures": 0, "up_ms": 0, "down_ms": 0, "rt_count": 0, "rt_sum": 0, "rt_max": 0} | {
    f"h{i}": 0 for i in range(14)
}


async def _site(db):
    async with db.session_scope() as session:
        return await make_website(session, await make_user(session))


async def _checks_on(db, site_id: int, *days_ago: int) -> None:
    if db.engine.dialect.name == "postgresql":
        async with db.engine.begin() as connection:
            await ensure_partitions(connection, today=(TODAY - max(days_ago) * DAY).date(), days_ahead=max(days_ago))
    async with db.session_scope() as session:
        await session.execute(
            insert(WebsiteCheck),
            [
                {"website_id": site_id, "checked_at": TODAY - n * DAY + timedelta(hours=1), "status": "up"}
                for n in days_ago
            ],
        )


async def _remaining_days(db) -> list[int]:
    async with db.session_scope() as session:
        times = (await session.scalars(select(WebsiteCheck.checked_at).order_by(WebsiteCheck.checked_at))).all()
    return sorted({(TODAY - t.replace(hour=0, minute=0, second=0, microsecond=0)).days for t in times}, reverse=True)


async def test_checks_older_than_the_retention_are_removed_and_newer_ones_kept(db):
    site = await _site(db)
    await _checks_on(db, site.id, 40, 31, 29, 1, 0)

    await apply_retention(db, now=TODAY + timedelta(hours=2), check_retention_days=30)

    assert await _remaining_days(db) == [29, 1, 0]


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_on_postgresql_retention_drops_whole_daily_partitions(db):
    site = await _site(db)
    await _checks_on(db, site.id, 35, 34, 2)

    removed = await apply_retention(db, now=TODAY + timedelta(hours=2), check_retention_days=30)

    async with db.engine.connect() as connection:
        days = sorted((TODAY.date() - day).days for day in await existing_partitions(connection))
    assert removed.checks >= 2  # days, not rows
    assert max(days) <= 30
    assert await _remaining_days(db) == [2]


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_a_week_of_partitions_is_always_ready_ahead(db):
    made = await ensure_check_partitions(db, now=TODAY + 3 * DAY)

    async with db.engine.connect() as connection:
        days = {(day - TODAY.date()).days for day in await existing_partitions(connection)}
    assert set(range(3, 3 + 8)) <= days
    assert all(name.startswith("website_checks_p") for name in made)


async def test_rollups_outlive_raw_checks_and_are_trimmed_on_their_own_schedule(db):
    site = await _site(db)
    async with db.session_scope() as session:
        for days_ago in (HOURLY_ROLLUP_DAYS + 1, 10):
            session.add(HourlyRollup(website_id=site.id, hour=TODAY - days_ago * DAY, **ZEROS))
        for days_ago in (500, 100):
            session.add(DailyRollup(website_id=site.id, day=TODAY - days_ago * DAY, **ZEROS))

    await apply_retention(db, now=TODAY, check_retention_days=1)

    async with db.session_scope() as session:
        hours = (await session.scalars(select(HourlyRollup.hour))).all()
        days = (await session.scalars(select(DailyRollup.day))).all()
    assert hours == [TODAY - 10 * DAY]
    assert days == [TODAY - 100 * DAY]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_sqlite_deletes_in_chunks_until_nothing_old_is_left(db):
    from webmon.runner.retention import delete_old_checks

    site = await _site(db)
    async with db.session_scope() as session:
        await session.execute(
            insert(WebsiteCheck),
            [
                {"website_id": site.id, "checked_at": TODAY - 40 * DAY + timedelta(seconds=n), "status": "up"}
                for n in range(25)
            ],
        )

    removed = await delete_old_checks(db, older_than=TODAY - 30 * DAY, chunk_size=10)

    assert removed == 25
    async with db.session_scope() as session:
        assert await session.scalar(select(func.count()).select_from(WebsiteCheck)) == 0


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_the_daily_upkeep_rebuilds_yesterdays_index_and_keeps_its_checks(db):
    from sqlalchemy import text

    from webmon.runner.partitions import partition_name, rebuild_partition_index

    site = await _site(db)
    await _checks_on(db, site.id, 1)
    yesterday = (TODAY - DAY).date()

    rebuilt = await rebuild_partition_index(db.engine, day=yesterday)
    missing = await rebuild_partition_index(db.engine, day=(TODAY - 400 * DAY).date())

    assert (rebuilt, missing) == (True, False)
    async with db.engine.connect() as connection:
        valid = await connection.scalar(
            text("SELECT bool_and(i.indisvalid) FROM pg_index i WHERE i.indrelid = CAST(:name AS regclass)"),
            {"name": partition_name(yesterday)},
        )
    assert valid
    assert await _remaining_days(db) == [1]


async def test_a_clock_jump_of_400_days_deletes_nothing_it_should_keep(db, caplog):
    site = await _site(db)
    await _checks_on(db, site.id, 29, 1, 0)
    async with db.session_scope() as session:
        session.add(HourlyRollup(website_id=site.id, hour=TODAY - 10 * DAY, **ZEROS))
        session.add(DailyRollup(website_id=site.id, day=TODAY - 100 * DAY, **ZEROS))

    removed = await apply_retention(db, now=TODAY + 400 * DAY, check_retention_days=30)

    assert removed.checks == removed.hourly_rollups == removed.old_history == 0
    assert await _remaining_days(db) == [29, 1, 0]
    async with db.session_scope() as session:
        assert await session.scalar(select(func.count()).select_from(HourlyRollup)) == 1
        assert await session.scalar(select(func.count()).select_from(DailyRollup)) == 1
    assert "nothing deleted" in caplog.text


async def test_a_gap_in_the_checks_shorter_than_the_retention_does_not_stop_the_cleanup(db):
    site = await _site(db)
    await _checks_on(db, site.id, 70, 45, 1)  # no checks for 44 days, then for 25

    removed = await apply_retention(db, now=TODAY + timedelta(hours=2), check_retention_days=30)

    assert removed.checks >= 2
    assert await _remaining_days(db) == [1]
