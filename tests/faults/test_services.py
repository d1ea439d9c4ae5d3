"""What the stack depends on going away and coming back: Redis restarted under 1,000 sites,
PostgreSQL restarted under the API and under the workers. (Telegram down: test_telegram_outage.py, in `make soak`.)

This module's stack ticks every 5 s, production's default: after Redis returns, Celery's consumer
reconnects on its own backoff (2 s, 4 s, ...), which a 1-second tick would not hide."""

from __future__ import annotations

import asyncio
import time
from collections import Counter

import httpx
import pytest

from tests.factories import DEFAULT_PASSWORD
from tests.faults.stack import eventually
from webmon.models import utcnow

pytestmark = pytest.mark.stack
TICK = 5.0


async def test_checking_resumes_within_two_ticks_of_redis_restarting_under_1000_sites(running, target):
    stack, interval = running, 10
    ids = await stack.plant_sites([target.url(f"/redis/{n}") for n in range(1000)], interval=interval)
    rows, _ = await eventually(
        lambda: stack.checks(ids), lambda rows: {i for i, _ in rows} == set(ids), timeout=2 * interval + TICK
    )
    assert {i for i, _ in rows} == set(ids), stack.logs()

    # `webmon worker` starts its Celery worker again if it exits (Celery 5.7's does, holding
    # unacknowledged batches, when the broker connection drops): nothing restarts them here.
    async with stack.supervised("beat") as restarts:
        stack.redis.stop()  # kill -9: the queued batches go with it (no persistence in this Redis)
        await asyncio.sleep(3)
        await asyncio.to_thread(stack.redis.start)
        back = utcnow()
        first, resumed_after = await eventually(
            lambda: stack.checks(ids, since=back), lambda rows: len(rows) > 0, timeout=30
        )
        everyone, all_after = await eventually(
            lambda: stack.checks(ids, since=back), lambda rows: {i for i, _ in rows} == set(ids), timeout=interval + 30
        )
    await stack.deactivate(ids)

    print(
        f"\nRedis back: first new check after {resumed_after:.1f} s, every site checked again after {all_after:.1f} s; "
        f"restarted by the supervisor: {dict(restarts) or 'none'}"
    )
    assert first, stack.logs()
    assert resumed_after <= 2 * TICK
    assert {i for i, _ in everyone} == set(ids)
    assert all_after <= interval + 2 * TICK


async def _account(client: httpx.AsyncClient, name: str) -> dict[str, str]:
    body = {"email": f"{name}@example.com", "username": name, "password": DEFAULT_PASSWORD}
    assert (await client.post("/api/v1/auth/register", json=body)).status_code == 201
    login = await client.post("/api/v1/auth/login", json={"email": body["email"], "password": DEFAULT_PASSWORD})
    return {"Authorization": f"Bearer {login.json()['access_token']}"}


def _requests(me: dict[str, str], site_id: int, n: int) -> list[tuple[str, str, dict | None, dict[str, str]]]:
    """Something of every kind the API does, reads and writes, signed in and not."""
    site = f"/api/v1/websites/{site_id}"
    return [
        ("GET", "/api/v1/websites", None, me),
        ("GET", site, None, me),
        ("PATCH", site, {"name": f"renamed {n}"}, me),
        (
            "POST",
            "/api/v1/websites",
            {"url": f"https://new{n}.example.com/", "valid_word": "x", "is_active": False},
            me,
        ),
        ("POST", f"{site}/check", None, me),
        ("GET", f"{site}/checks", None, me),
        ("GET", f"{site}/stats", None, me),
        ("GET", f"{site}/series", None, me),
        ("GET", "/api/v1/websites/summary", None, me),
        ("GET", "/api/v1/auth/me", None, me),
        ("POST", "/api/v1/auth/login", {"email": "pgadmin@example.com", "password": DEFAULT_PASSWORD}, {}),
        (
            "POST",
            "/api/v1/auth/register",
            {"email": f"pguser{n}@example.com", "username": f"pguser{n}", "password": DEFAULT_PASSWORD},
            {},
        ),
        ("GET", "/health", None, {}),
    ]


async def test_while_postgresql_restarts_the_api_answers_503_never_500_and_recovers_within_10_s(running, target):
    stack = running
    async with httpx.AsyncClient(base_url=stack.api, timeout=10) as client:
        me = await _account(client, "pgadmin")
        created = await client.post(
            "/api/v1/websites",
            headers=me,
            json={"url": target.url("/pg"), "valid_word": "Welcome", "check_interval": 5},
        )
        site_id = created.json()["id"]

        await asyncio.to_thread(stack.postgres.stop)
        down = [(m, p, await client.request(m, p, json=b, headers=h)) for m, p, b, h in _requests(me, site_id, 0)]

        restarting = asyncio.create_task(asyncio.to_thread(stack.postgres.start))
        codes: list[tuple[str, int]] = []
        n = 0
        while not restarting.done():
            n += 1
            for m, p, b, h in _requests(me, site_id, n):
                codes.append((p, (await client.request(m, p, json=b, headers=h)).status_code))
        await restarting
        accepting = time.monotonic()
        recovered, took = await eventually(
            lambda: client.get("/api/v1/websites", headers=me), lambda r: r.status_code == 200, timeout=10, every=0.1
        )
        after = [
            (p, (await client.request(m, p, json=b, headers=h)).status_code)
            for m, p, b, h in _requests(me, site_id, 999)
            if p != "/health"  # it also reports Redis and the workers, busy catching up
        ]
        database_health = (await client.get("/health")).json()["components"]["database"]["status"]
        login_after = await client.post(
            "/api/v1/auth/login", json={"email": "pgadmin@example.com", "password": DEFAULT_PASSWORD}
        )
        await client.patch(f"/api/v1/websites/{site_id}", headers=me, json={"is_active": False})

    print(
        f"\nPostgreSQL down: {len(down)} requests all 503; {len(codes)} requests while it started: "
        f"{sorted(Counter(c for _, c in codes).items())}; API answered 200 {time.monotonic() - accepting:.1f} s after it accepted connections"
    )
    assert [(p, r.status_code) for _, p, r in down] == [(p, 503) for _, p, _, _ in _requests(me, site_id, 0)]
    assert all(r.headers.get("retry-after", "").isdigit() for _, _, r in down)
    five_hundreds = [(p, code) for p, code in codes if code >= 500 and code != 503]
    assert five_hundreds == []
    assert recovered.status_code == 200
    assert took <= 10
    assert all(code < 500 for _, code in after), after
    assert database_health == "ok"
    assert login_after.status_code == 200  # logins refused by the outage did not count as failures


async def test_checking_resumes_after_postgresql_restarts_under_the_workers(running, target):
    stack, interval = running, 5
    ids = await stack.plant_sites([target.url(f"/pg-workers/{n}") for n in range(200)], interval=interval)
    rows, _ = await eventually(
        lambda: stack.checks(ids), lambda rows: {i for i, _ in rows} == set(ids), timeout=2 * interval + TICK
    )
    assert {i for i, _ in rows} == set(ids), stack.logs()

    await asyncio.to_thread(stack.postgres.stop)
    await asyncio.sleep(2 * TICK)  # ticks and batches fail meanwhile: claims, stores, retries
    await asyncio.to_thread(stack.postgres.start)
    back, back_clock = utcnow(), time.monotonic()
    assert stack.db is not None
    await stack.db.engine.dispose()  # this test's own pool: its connections died with the server
    first, resumed_after = await eventually(
        lambda: stack.checks(ids, since=back), lambda rows: len(rows) > 0, timeout=30
    )
    everyone, _ = await eventually(
        lambda: stack.checks(ids, since=back), lambda rows: {i for i, _ in rows} == set(ids), timeout=interval + 30
    )
    all_after = time.monotonic() - back_clock
    alive = {name: stack.alive(name) for name in ("worker1", "worker2", "beat")}
    await stack.deactivate(ids)

    print(
        f"\nPostgreSQL back: first new check after {resumed_after:.1f} s, every site checked again after {all_after:.1f} s"
    )
    assert isinstance(first, list) and first, stack.logs()
    assert resumed_after <= 2 * TICK + interval
    assert {i for i, _ in everyone} == set(ids), stack.logs()
    assert all_after <= 2 * interval + 2 * TICK
    assert alive == {"worker1": True, "worker2": True, "beat": True}  # nobody had to restart them
