"""`webmon serve`'s in-process scheduler monitors for real: add a site, it is checked within a
second or two; break it, it goes down; no Redis, no Celery."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from tests.factories import create_site, register
from tests.targets import WORD, target_site
from webmon.app import create_app


async def wait_for(predicate, timeout: float = 10.0, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while True:
        value = await predicate()
        if value or time.monotonic() > deadline:
            return value
        await asyncio.sleep(interval)


@pytest.fixture
async def serve_client(db, settings):
    """The serve app with its scheduler running (a long tick: only nudges make it claim quickly)."""
    app = create_app(
        settings.model_copy(update={"scheduler_tick": 30, "min_check_interval": 1}), database=db, scheduler=True
    )
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://webmon.test") as client:
            yield client


async def test_a_new_site_is_checked_within_two_seconds(serve_client):
    alice = await register(serve_client, "alice")
    async with target_site() as target:
        site = await create_site(serve_client, alice, url=target.serve("/"), valid_word=WORD)
        started = time.monotonic()

        async def is_up():
            body = (await serve_client.get(f"/api/v1/websites/{site['id']}", headers=alice)).json()
            return body if body["status"] == "up" else None

        checked = await wait_for(is_up, timeout=5)

    assert checked is not None, "the site was never checked"
    assert time.monotonic() - started < 2
    assert checked["total_checks"] == 1
    assert checked["response_time"] is not None


async def test_check_now_checks_again_and_a_broken_site_goes_down(serve_client):
    alice = await register(serve_client, "alice")
    async with target_site() as target:
        site = await create_site(
            serve_client, alice, url=target.serve("/"), valid_word=WORD, failure_threshold=1, check_interval=3600
        )

        async def status(expected):
            body = (await serve_client.get(f"/api/v1/websites/{site['id']}", headers=alice)).json()
            return body if body["status"] == expected else None

        assert await wait_for(lambda: status("up"), timeout=5)
        target.break_("/")
        assert (await serve_client.post(f"/api/v1/websites/{site['id']}/check", headers=alice)).status_code == 202
        down = await wait_for(lambda: status("down"), timeout=5)

    assert down is not None
    assert down["error_message"].startswith("HTTP 503")
    checks = (await serve_client.get(f"/api/v1/websites/{site['id']}/checks", headers=alice)).json()
    assert [check["status"] for check in checks] == ["down", "up"]
