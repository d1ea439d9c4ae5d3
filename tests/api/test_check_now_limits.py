"""Check now runs at most once per minimum interval per site, and a limited number of times a
minute per account; the counters are shared by every API process (429 with Retry-After)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.api.instance_apps import Clock, api_client, instance_settings
from tests.factories import create_site, register
from webmon.app import create_app
from webmon.db import Database
from webmon.models import RateWindow
from webmon.runner.maintenance import hourly_maintenance

SITES = "/api/v1/websites"


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def settings(database):
    return instance_settings(database, allow_private_targets=True, min_check_interval=30, check_now_per_minute=3)


@pytest.fixture
async def app(db, settings, clock):  # type: ignore[no-untyped-def]
    return create_app(settings, database=db, clock=clock)


@pytest.fixture
async def alice(client):
    return await register(client, "alice")


async def check_now(client, headers, site):  # type: ignore[no-untyped-def]
    return await client.post(f"{SITES}/{site['id']}/check", headers=headers)


async def test_a_second_check_now_within_the_minimum_interval_is_429_with_retry_after(client, alice):
    site = await create_site(client, alice)

    first = await check_now(client, alice, site)
    second = await check_now(client, alice, site)

    assert first.status_code == 202
    assert second.status_code == 429
    assert second.headers["Retry-After"] == "30"
    assert "at most once every 30 s" in second.json()["detail"]


async def test_retry_after_counts_down_and_check_now_works_again_after_the_interval(client, alice, clock):
    site = await create_site(client, alice)
    await check_now(client, alice, site)

    clock.advance(20)
    waiting = await check_now(client, alice, site)
    clock.advance(10)
    again = await check_now(client, alice, site)

    assert waiting.status_code == 429
    assert waiting.headers["Retry-After"] == "10"
    assert again.status_code == 202


async def test_each_site_has_its_own_limit(client, alice):
    one, two = await create_site(client, alice), await create_site(client, alice)

    await check_now(client, alice, one)

    assert (await check_now(client, alice, two)).status_code == 202


async def test_an_account_is_limited_across_its_sites(client, alice, clock):
    sites = [await create_site(client, alice) for _ in range(4)]

    codes = [(await check_now(client, alice, site)).status_code for site in sites]
    refused = await check_now(client, alice, sites[3])
    clock.advance(60)
    later = await check_now(client, alice, sites[3])

    assert codes == [202, 202, 202, 429]
    assert "at most 3 a minute" in refused.json()["detail"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert later.status_code == 202


async def test_one_accounts_limit_does_not_touch_another_account(client, alice):
    bob = await register(client, "bob")
    for _ in range(3):
        await check_now(client, alice, await create_site(client, alice))

    assert (await check_now(client, bob, await create_site(client, bob))).status_code == 202


async def test_a_refused_check_now_is_not_counted(client, alice, clock):
    site = await create_site(client, alice)
    await check_now(client, alice, site)
    for _ in range(5):  # all refused by the site's limit: none of them uses the account's
        assert (await check_now(client, alice, site)).status_code == 429

    others = [await create_site(client, alice) for _ in range(2)]

    assert [(await check_now(client, alice, other)).status_code for other in others] == [202, 202]


async def test_a_paused_site_is_a_conflict_and_costs_no_check_now(client, alice):
    site = await create_site(client, alice, is_active=False)

    assert (await check_now(client, alice, site)).status_code == 409
    await client.patch(f"{SITES}/{site['id']}", json={"is_active": True}, headers=alice)
    assert (await check_now(client, alice, site)).status_code == 202


async def test_the_limit_holds_across_api_processes(client, alice, settings):
    site = await create_site(client, alice)
    other_database = Database(settings)  # another API process: its own pool, no memory shared
    try:
        async with api_client(settings, database=other_database) as other:
            first = await check_now(client, alice, site)
            second = await check_now(other, alice, site)
    finally:
        await other_database.dispose()

    assert first.status_code == 202
    assert second.status_code == 429
    assert second.headers["Retry-After"].isdigit()


async def test_the_hourly_upkeep_drops_counters_that_count_nothing_any_more(client, alice, db, clock):
    me = (await client.get("/api/v1/auth/me", headers=alice)).json()
    site = await create_site(client, alice)
    await check_now(client, alice, site)

    await hourly_maintenance(db, now=clock.now + timedelta(hours=1))
    async with db.session_scope() as session:
        kept = (await session.scalars(select(RateWindow.key))).all()
    await hourly_maintenance(db, now=clock.now + timedelta(days=3))
    async with db.session_scope() as session:
        dropped = (await session.scalars(select(RateWindow.key))).all()

    assert sorted(kept) == [f"check-now:site:{site['id']}", f"check-now:user:{me['id']}"]
    assert dropped == []
