"""One multi-service stack for the fault tests of a module (starting it costs ~10 s): its own
PostgreSQL and Redis, `webmon api`, two workers, one Beat, the fake Telegram, a counting target.
Each test plants its own sites, puts back what it broke, and pauses its sites when done."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from tests.conftest import TELEGRAM_TOKEN
from tests.fakes.telegram_api import FakeTelegram
from tests.faults.stack import CountingTarget, FaultStack, counting_target, eventually

DEFAULT_TICK = 1.0


async def http_get(url: str) -> httpx.Response:
    async with httpx.AsyncClient(timeout=5) as client:
        return await client.get(url)


@pytest.fixture(scope="module")
async def fake_telegram() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=TELEGRAM_TOKEN) as fake:
        yield fake


@pytest.fixture(scope="module")
async def stack(request, tmp_path_factory, fake_telegram) -> AsyncIterator[FaultStack]:
    """Ticking every `TICK` seconds of the test module (1 s unless it says otherwise)."""
    tick = getattr(request.module, "TICK", DEFAULT_TICK)
    stack = FaultStack(
        tmp_path_factory.mktemp("faults"),
        WEBMON_SCHEDULER_TICK=str(tick),
        # Not below the tick: a batch expires one minimum interval after its last slot, so with a
        # minimum far below the tick, short-interval sites' batches would expire before they are sent.
        WEBMON_MIN_CHECK_INTERVAL=str(int(max(1, tick))),
        WEBMON_TELEGRAM_BOT_TOKEN=fake_telegram.token,
        WEBMON_TELEGRAM_API_URL=fake_telegram.api_url,
    )
    try:
        stack.boot()
        stack.start("api", "api", "--port", str(stack.api_port), "--workers", "2")
        stack.start("worker1", "worker", "--threads", "4")
        stack.start("worker2", "worker", "--threads", "4")
        stack.start("beat", "beat")
        health, _ = await eventually(
            lambda: http_get(f"{stack.api}/health"), lambda r: r.status_code == 200, timeout=40
        )
        assert getattr(health, "status_code", None) == 200, stack.logs()
        yield stack
        assert stack.secrets_in_logs() == []
    finally:
        await stack.shutdown()


@pytest.fixture
async def running(stack) -> AsyncIterator[FaultStack]:
    """The stack with every process up and checking at the start of the test (a test before may
    have killed a process, or left the workers backing off from an outage)."""
    for name in ("api", "worker1", "worker2", "beat"):
        stack.ensure(name)
    # This process's own pool: a test before may have restarted PostgreSQL under it.
    assert stack.db is not None
    await stack.db.engine.dispose()
    async with counting_target() as canary:
        ids = await stack.plant_sites([canary.url("/canary")], interval=1)
        rows, _ = await eventually(lambda: stack.checks(ids), lambda rows: len(rows) >= 2, timeout=60)
        await stack.deactivate(ids)
    assert len(rows) >= 2, "the stack is not checking:\n" + stack.logs()
    yield stack
    for name in ("api", "worker1", "worker2", "beat"):
        stack.ensure(name)


@pytest.fixture
async def target() -> AsyncIterator[CountingTarget]:
    async with counting_target() as site:
        yield site
