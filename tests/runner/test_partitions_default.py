"""PostgreSQL: a check whose day has no partition lands in DEFAULT instead of failing its whole
batch (site status, state change, alert rolled back with it); making the day's partition moves
those rows into it; `/health` is degraded meanwhile."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import insert, select, text

from tests.factories import make_user, make_website
from tests.targets import WORD, target_site
from webmon.engine import CheckEngine, EngineConfig
from webmon.models import StateChange, Website, WebsiteCheck, utcnow
from webmon.runner.maintenance import ensure_check_partitions
from webmon.runner.partitions import DEFAULT, ensure_partitions, existing_partitions, partition_name
from webmon.runner.pipeline import run_batch
from webmon.runner.retention import delete_old_checks
from webmon.runner.scheduling import Claim

pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)

FAR_DAY = date(2101, 3, 4)  # no test makes partitions this far ahead


async def drop_partition(db, day: date) -> None:  # type: ignore[no-untyped-def]
    async with db.engine.begin() as connection:
        await connection.execute(text(f'DROP TABLE IF EXISTS "{partition_name(day)}"'))


@pytest.fixture
async def without_todays_partition(db) -> AsyncIterator[date]:  # type: ignore[no-untyped-def]
    today = utcnow().date()
    await drop_partition(db, today)
    yield today
    await ensure_check_partitions(db, now=utcnow())


async def rows_in_default(db) -> int:  # type: ignore[no-untyped-def]
    async with db.engine.connect() as connection:
        return (await connection.execute(text(f"SELECT count(*) FROM {DEFAULT}"))).scalar_one()


async def test_a_batch_on_a_day_without_partition_keeps_its_checks_status_and_alert(db, without_todays_partition):
    async with db.session_scope() as session:
        user = await make_user(session)
    async with target_site() as target, CheckEngine(EngineConfig(allow_private_targets=True, retries=0)) as engine:
        async with db.session_scope() as session:
            site = await make_website(
                session, user, url=target.serve("/broken", status=503), valid_word=WORD, failure_threshold=1
            )
        report = await run_batch(db, engine, [Claim(site.id, utcnow())], reminder_interval=None)

    assert (report.stored, report.state_changes) == (1, 1)
    async with db.session_scope() as session:
        assert (await session.get(Website, site.id)).status == "down"
        assert (await session.scalars(select(StateChange.kind))).all() == ["down"]
    assert await rows_in_default(db) == 1


async def test_making_a_day_moves_its_rows_out_of_default_and_keeps_them(db):
    async with db.session_scope() as session:
        site = await make_website(session, await make_user(session))
    at = datetime.combine(FAR_DAY, datetime.min.time(), UTC) + timedelta(hours=5)
    async with db.session_scope() as session:
        await session.execute(
            insert(WebsiteCheck),
            [{"website_id": site.id, "checked_at": at + timedelta(minutes=n), "status": "up"} for n in range(3)],
        )
    assert await rows_in_default(db) == 3

    try:
        async with db.engine.begin() as connection:
            made = await ensure_partitions(connection, today=FAR_DAY, days_ahead=0)
        async with db.engine.connect() as connection:
            in_day = (await connection.execute(text(f'SELECT count(*) FROM "{partition_name(FAR_DAY)}"'))).scalar_one()
    finally:
        await drop_partition(db, FAR_DAY)

    assert made == [partition_name(FAR_DAY)]
    assert (in_day, await rows_in_default(db)) == (3, 0)


async def test_upkeep_gives_back_every_day_waiting_in_default_not_only_the_week_ahead(db, without_todays_partition):
    async with db.session_scope() as session:
        site = await make_website(session, await make_user(session))
        session.add(WebsiteCheck(website_id=site.id, checked_at=utcnow(), status="up"))

    await ensure_check_partitions(db, now=utcnow() - timedelta(days=30))  # a clock that stepped back

    async with db.engine.connect() as connection:
        assert without_todays_partition in await existing_partitions(connection)
    assert await rows_in_default(db) == 0


async def test_retention_also_removes_old_checks_from_default(db):
    async with db.session_scope() as session:
        site = await make_website(session, await make_user(session))
    long_ago = datetime(2001, 1, 1, tzinfo=UTC)
    async with db.session_scope() as session:
        session.add(WebsiteCheck(website_id=site.id, checked_at=long_ago, status="up"))

    await delete_old_checks(db, older_than=long_ago + timedelta(days=2))

    assert await rows_in_default(db) == 0


async def test_health_is_degraded_while_todays_partition_is_missing_and_checks_sit_in_default(
    client, db, without_todays_partition
):
    async with db.session_scope() as session:
        site = await make_website(session, await make_user(session))
        session.add(WebsiteCheck(website_id=site.id, checked_at=utcnow(), status="up"))

    degraded = await client.get("/health")
    await ensure_check_partitions(db, now=utcnow())
    healthy = await client.get("/health")

    assert degraded.status_code == 200
    assert degraded.json()["status"] == "degraded"
    reason = degraded.json()["components"]["storage"]["reason"]
    assert partition_name(without_todays_partition) in reason and DEFAULT in reason
    assert healthy.json()["status"] == "ok"
    assert healthy.json()["components"]["storage"] == {"status": "ok"}
