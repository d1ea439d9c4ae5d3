"""Uptime is time-weighted and read from rollups; response-time stats and charts too."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

import pytest

from tests.clock import TODAY
from tests.factories import make_user, make_website, register
from webmon.engine import CheckKind, CheckResult
from webmon.models import DailyRollup
from webmon.runner.scheduling import Claim
from webmon.runner.store import store_results
from webmon.stats.windows import Totals

T0 = TODAY + timedelta(hours=1)
MINUTE = timedelta(minutes=1)


async def _record(db, site_id: int, at: datetime, *, ok: bool, ms: int = 100) -> None:
    result = CheckResult(
        site_id,
        ok,
        None if ok else CheckKind.TIMEOUT,
        None if ok else "No response within 10 s",
        200 if ok else None,
        ms if ok else None,
        at,
        at,
        1,
        None,
    )
    async with db.session_scope() as session:
        await store_results(session, [(Claim(site_id, at), result)], now=at, reminder_interval=None)


@pytest.fixture
async def alice(client):
    return await register(client, "alice")


async def _alices_site(db, **overrides):
    from sqlalchemy import select

    from webmon.models import User

    async with db.session_scope() as session:
        user = await session.scalar(select(User).where(User.username == "alice"))
        return await make_website(session, user, **({"check_interval": 60, "timeout": 10} | overrides))


@pytest.fixture
def frozen(app):
    app.state.webmon.clock = lambda: T0 + 60 * MINUTE
    return app


async def test_a_site_down_for_10_of_60_minutes_has_83_percent_uptime(db, client, alice, frozen):
    site = await _alices_site(db)
    for minute in range(61):
        await _record(db, site.id, T0 + minute * MINUTE, ok=not 20 <= minute < 30)

    stats = (await client.get(f"/api/v1/websites/{site.id}/stats", params={"window": "24h"}, headers=alice)).json()

    assert stats["uptime_percent"] == pytest.approx(83.333, abs=0.01)
    assert stats["downtime_seconds"] == 600
    assert (stats["checks"], stats["failed_checks"]) == (61, 10)


async def test_uptime_does_not_depend_on_how_many_checks_there_were(db, client, alice, frozen):
    # One failed check that lasted 30 minutes (sparse checks) weighs as much as 30 failed
    # one-minute checks.
    site = await _alices_site(db, check_interval=1800)
    for minute, ok in [(0, True), (30, False), (60, True)]:
        await _record(db, site.id, T0 + minute * MINUTE, ok=ok)

    stats = (await client.get(f"/api/v1/websites/{site.id}/stats", headers=alice)).json()

    assert stats["uptime_percent"] == pytest.approx(50.0, abs=0.01)


async def test_the_time_since_the_last_check_counts_by_its_result(db, client, alice, app):
    site = await _alices_site(db)
    await _record(db, site.id, T0, ok=True)
    await _record(db, site.id, T0 + MINUTE, ok=False)
    app.state.webmon.clock = lambda: T0 + 2 * MINUTE  # the site is still down at the moment of asking

    stats = (await client.get(f"/api/v1/websites/{site.id}/stats", headers=alice)).json()

    assert stats["uptime_percent"] == pytest.approx(50.0, abs=0.01)


async def test_response_time_average_and_p95(db, client, alice, frozen):
    site = await _alices_site(db)
    for n in range(100):
        await _record(db, site.id, T0 + n * timedelta(seconds=30), ok=True, ms=1000 if n >= 95 else 100)

    stats = (await client.get(f"/api/v1/websites/{site.id}/stats", headers=alice)).json()

    assert stats["avg_response_time"] == pytest.approx(145.0)
    assert 100 <= stats["p95_response_time"] <= 150  # 95 of 100 checks took 100 ms


async def test_a_site_never_checked_has_no_uptime_yet(db, client, alice):
    site = await _alices_site(db)

    stats = (await client.get(f"/api/v1/websites/{site.id}/stats", params={"window": "30d"}, headers=alice)).json()

    assert stats == {
        "window": "30d",
        "uptime_percent": None,
        "checks": 0,
        "failed_checks": 0,
        "avg_response_time": None,
        "p95_response_time": None,
        "downtime_seconds": 0,
    }


async def test_an_unknown_window_is_422(db, client, alice):
    site = await _alices_site(db)

    response = await client.get(f"/api/v1/websites/{site.id}/stats", params={"window": "2y"}, headers=alice)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "window"]


@pytest.mark.parametrize(("window", "bucket"), [("24h", 600), ("7d", 3600), ("30d", 21600), ("1y", 86400)])
async def test_series_has_evenly_spaced_points_covering_the_window(db, client, alice, frozen, window, bucket):
    site = await _alices_site(db)
    for minute in range(60):
        await _record(db, site.id, T0 + minute * MINUTE, ok=minute != 5, ms=200 + minute)

    body = (await client.get(f"/api/v1/websites/{site.id}/series", params={"window": window}, headers=alice)).json()

    assert body["bucket_seconds"] == bucket
    times = [datetime.fromisoformat(p["t"]) for p in body["points"]]
    assert all(b - a == timedelta(seconds=bucket) for a, b in itertools.pairwise(times))
    assert sum(p["up"] for p in body["points"]) == 59
    assert sum(p["down"] for p in body["points"]) == 1
    assert max(p["max_response_time"] or 0 for p in body["points"]) == 259


async def test_the_list_carries_each_sites_24h_uptime(db, client, alice, frozen):
    site = await _alices_site(db)
    for minute in range(61):
        await _record(db, site.id, T0 + minute * MINUTE, ok=minute < 30)

    [row] = (await client.get("/api/v1/websites", headers=alice)).json()

    assert row["uptime_24h"] == pytest.approx(50.0, abs=0.01)


async def test_sparklines_cover_24_hours_and_only_the_callers_sites(db, client, alice, frozen):
    mine = await _alices_site(db)
    async with db.session_scope() as session:
        someone_elses = await make_website(session, await make_user(session))
    await _record(db, mine.id, T0, ok=True, ms=120)

    body = (
        await client.get("/api/v1/websites/sparklines", params={"ids": f"{mine.id},{someone_elses.id}"}, headers=alice)
    ).json()

    assert list(body) == [str(mine.id)]
    assert len(body[str(mine.id)]) == 24
    assert body[str(mine.id)][-2] | {"t": None} == {"t": None, "avg_response_time": 120.0, "up": 1, "down": 0}


async def test_sparklines_refuse_junk_ids(client, alice):
    response = await client.get("/api/v1/websites/sparklines", params={"ids": "1,two"}, headers=alice)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "ids"]


async def test_the_summary_counts_statuses_and_paused_sites(db, client, alice):
    await _alices_site(db, status="up")
    await _alices_site(db, status="up")
    await _alices_site(db, status="down")
    await _alices_site(db)
    await _alices_site(db, status="up", is_active=False)

    body = (await client.get("/api/v1/websites/summary", headers=alice)).json()

    assert body == {"total": 5, "up": 2, "down": 1, "pending": 1, "paused": 1}


def test_p95_is_read_from_the_histogram_within_a_bucket():
    totals = Totals(rt_count=100, rt_max=2400, histogram=[0, 0, 0, 0, 0, 90, 5, 0, 0, 0, 0, 5, 0, 0])

    # 95th of 100: the last of the five in the 400-600 ms bucket.
    assert totals.percentile(0.95) == 600.0
    assert totals.percentile(1.0) == 2400.0


async def test_a_year_reads_past_days_from_daily_rollups_and_today_from_hours(db, client, alice, frozen):
    from webmon.runner.maintenance import refresh_daily_rollups

    site = await _alices_site(db)
    async with db.session_scope() as session:
        # Two days ago, from the daily rollups only (its hours and raw checks are long gone).
        session.add(
            DailyRollup(
                website_id=site.id,
                day=TODAY - timedelta(days=2),
                checks=1440,
                failures=144,
                up_ms=77_760_000,
                down_ms=8_640_000,
                rt_count=1440,
                rt_sum=144_000,
                rt_max=900,
                **{f"h{i}": (1440 if i == 1 else 0) for i in range(14)},
            )
        )
    for minute in range(61):
        await _record(db, site.id, T0 + minute * MINUTE, ok=True)
    await refresh_daily_rollups(db, now=T0 + 60 * MINUTE)  # makes today's daily row too

    stats = (await client.get(f"/api/v1/websites/{site.id}/stats", params={"window": "1y"}, headers=alice)).json()

    assert stats["checks"] == 1440 + 61  # today is counted once, from its hours
    assert stats["failed_checks"] == 144
    assert stats["downtime_seconds"] == 8640
    assert stats["uptime_percent"] == pytest.approx(100 * (77_760_000 + 3_600_000) / (86_400_000 + 3_600_000), abs=0.01)


async def test_daily_rollups_are_the_sum_of_their_hours_and_can_be_refreshed_again(db, client, alice, frozen):
    from sqlalchemy import select

    from webmon.runner.maintenance import refresh_daily_rollups

    site = await _alices_site(db)
    for minute in range(0, 120, 2):
        await _record(db, site.id, T0 + minute * MINUTE, ok=minute % 10 != 0, ms=100)

    await refresh_daily_rollups(db, now=T0 + 120 * MINUTE)
    await refresh_daily_rollups(db, now=T0 + 120 * MINUTE)

    async with db.session_scope() as session:
        [day] = (await session.scalars(select(DailyRollup).where(DailyRollup.website_id == site.id))).all()
    assert (day.day, day.checks, day.failures, day.rt_count) == (TODAY, 60, 12, 48)


async def test_the_lists_uptime_is_the_same_before_and_after_the_hourly_upkeep_sums_the_base(db, client, alice, app):
    from webmon.runner.maintenance import refresh_uptime_base

    site = await _alices_site(db)
    # Three hours of checks, the middle one failing for 20 minutes.
    for minute in range(0, 180):
        await _record(db, site.id, T0 + minute * MINUTE, ok=not 70 <= minute < 90)
    now = T0 + 180 * MINUTE + timedelta(seconds=30)
    app.state.webmon.clock = lambda: now

    before = (await client.get("/api/v1/websites", headers=alice)).json()[0]["uptime_24h"]
    await refresh_uptime_base(db, now=now)
    after = (await client.get("/api/v1/websites", headers=alice)).json()[0]["uptime_24h"]
    detail = (await client.get(f"/api/v1/websites/{site.id}/stats", params={"window": "24h"}, headers=alice)).json()

    assert before == after == detail["uptime_percent"]
    assert after == pytest.approx(100 * (1 - 20 / 180.5), abs=0.01)
