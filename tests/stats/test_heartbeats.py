"""The heartbeat bars: a page of sites' latest checks from one endpoint, in one query."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import event

from tests.factories import make_user, make_website
from tests.stats.test_stats import MINUTE, T0, _alices_site, _record

HEARTBEATS = "/api/v1/websites/heartbeats"


@pytest.fixture
async def alice(client):
    from tests.factories import register

    return await register(client, "alice")


async def _checks(db, site_id: int, count: int, *, failing: set[int] = frozenset()) -> None:  # type: ignore[assignment]
    for n in range(count):
        await _record(db, site_id, T0 + n * MINUTE, ok=n not in failing, ms=100 + n)


async def test_each_site_gets_its_latest_checks_oldest_first(db, client, alice):
    site = await _alices_site(db)
    await _checks(db, site.id, 5, failing={4})

    body = (await client.get(HEARTBEATS, params={"ids": str(site.id), "limit": 3}, headers=alice)).json()

    bar = body[str(site.id)]
    assert [datetime.fromisoformat(b["t"]) for b in bar] == [T0 + n * MINUTE for n in (2, 3, 4)]
    assert bar[0] == {"t": bar[0]["t"], "status": "up", "code": 200, "ms": 102, "kind": None, "error": None}
    assert bar[-1] | {"t": None} == {
        "t": None,
        "status": "down",
        "code": None,
        "ms": None,
        "kind": "TIMEOUT",
        "error": "No response within 10 s",
    }


async def test_the_bar_holds_the_last_50_checks_by_default(db, client, alice):
    site = await _alices_site(db)
    await _checks(db, site.id, 55)

    bar = (await client.get(HEARTBEATS, params={"ids": str(site.id)}, headers=alice)).json()[str(site.id)]

    assert len(bar) == 50
    assert datetime.fromisoformat(bar[-1]["t"]) == T0 + 54 * MINUTE


async def test_a_site_never_checked_has_an_empty_bar(db, client, alice):
    site = await _alices_site(db)

    body = (await client.get(HEARTBEATS, params={"ids": str(site.id)}, headers=alice)).json()

    assert body == {str(site.id): []}


async def test_a_site_paused_long_ago_still_shows_its_last_checks(db, client, alice):
    site = await _alices_site(db)
    await _checks(db, site.id, 3)  # T0 is today's first hour; nothing was checked since
    async with db.session_scope() as session:
        from webmon.models import Website

        (await session.get(Website, site.id)).is_active = False

    bar = (await client.get(HEARTBEATS, params={"ids": str(site.id)}, headers=alice)).json()[str(site.id)]

    assert len(bar) == 3


async def test_another_users_sites_are_left_out_like_missing_ones(db, client, alice):
    mine = await _alices_site(db)
    async with db.session_scope() as session:
        theirs = await make_website(session, await make_user(session))
    await _record(db, mine.id, T0, ok=True)
    await _record(db, theirs.id, T0, ok=True)

    response = await client.get(HEARTBEATS, params={"ids": f"{mine.id},{theirs.id},999999"}, headers=alice)

    assert response.status_code == 200
    assert list(response.json()) == [str(mine.id)]


async def test_a_page_of_sites_is_read_in_one_query(db, client, alice):
    sites = [await _alices_site(db) for _ in range(4)]
    for site in sites:
        await _checks(db, site.id, 3)
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if "website_checks" in statement:
            statements.append(statement)

    ids = ",".join(str(site.id) for site in sites)
    event.listen(db.engine.sync_engine, "before_cursor_execute", record)
    try:
        body = (await client.get(HEARTBEATS, params={"ids": ids}, headers=alice)).json()
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", record)

    assert [len(body[str(site.id)]) for site in sites] == [3, 3, 3, 3]
    assert len(statements) == 1, statements


@pytest.mark.parametrize("params", [{"ids": "1,two"}, {"ids": "1", "limit": 101}, {"ids": "1", "limit": 0}])
async def test_junk_ids_or_limits_are_422_naming_the_field(client, alice, params):
    response = await client.get(HEARTBEATS, params=params, headers=alice)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][0] == "query"
    assert response.json()["detail"][0]["loc"][1] in params


async def test_heartbeats_need_a_login(client):
    response = await client.get(HEARTBEATS, params={"ids": "1"})

    assert response.status_code == 401


# -- the charts' ranges --------------------------------------------------------------------------------


@pytest.fixture
def at_t0_plus_an_hour(app):
    app.state.webmon.clock = lambda: T0 + 60 * MINUTE
    return app


@pytest.mark.parametrize(("window", "bucket", "count"), [("1h", 60, 61), ("90d", 86400, 91)])
async def test_series_has_the_short_and_the_long_range(db, client, alice, at_t0_plus_an_hour, window, bucket, count):
    site = await _alices_site(db)
    await _checks(db, site.id, 30, failing={7})

    body = (await client.get(f"/api/v1/websites/{site.id}/series", params={"window": window}, headers=alice)).json()

    assert body["window"] == window
    assert body["bucket_seconds"] == bucket
    assert len(body["points"]) == count
    assert (sum(p["up"] for p in body["points"]), sum(p["down"] for p in body["points"])) == (29, 1)


async def test_the_hour_range_reads_each_check_into_its_own_minute(db, client, alice, at_t0_plus_an_hour):
    site = await _alices_site(db)
    await _record(db, site.id, T0 + 30 * MINUTE, ok=True, ms=250)

    body = (await client.get(f"/api/v1/websites/{site.id}/series", params={"window": "1h"}, headers=alice)).json()

    [point] = [p for p in body["points"] if p["up"] or p["down"]]
    assert datetime.fromisoformat(point["t"]) == T0 + 30 * MINUTE
    assert (point["avg_response_time"], point["max_response_time"]) == (250.0, 250)


async def test_the_list_shows_24h_uptime_from_the_first_check(db, client, alice, app):
    site = await _alices_site(db)
    await _record(db, site.id, T0 + 5 * MINUTE, ok=True)
    app.state.webmon.clock = lambda: T0 + 5 * MINUTE + timedelta(seconds=20)

    [row] = (await client.get("/api/v1/websites", headers=alice)).json()

    assert row["uptime_24h"] == 100.0
