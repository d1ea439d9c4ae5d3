from __future__ import annotations

import logging
import os
import uuid
from collections.abc import AsyncIterator

import pytest

from tests.fakes.telegram_api import FakeTelegram
from webmon.notifiers.telegram import TelegramNotifier

# Shaped like a real token; the part after the colon is the secret.
TOKEN = "7000000001:AAH-s3cret_Token-value-1234567890abc"
SECRET = TOKEN.partition(":")[2]


@pytest.fixture
def token() -> str:
    return TOKEN


@pytest.fixture
def secret() -> str:
    """The part of the token that must never show."""
    return SECRET


@pytest.fixture(autouse=True)
def token_never_logged(caplog: pytest.LogCaptureFixture):
    """Every test here runs with DEBUG logging and fails if the token shows up in it."""
    caplog.set_level(logging.DEBUG)
    yield
    formatter = logging.Formatter("%(name)s %(message)s")  # includes tracebacks
    for when in ("setup", "call", "teardown"):
        for record in caplog.get_records(when):
            assert SECRET not in formatter.format(record), f"the bot token leaked: {record.name}"


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=TOKEN) as fake:
        yield fake


@pytest.fixture
async def notifier(tg: FakeTelegram) -> AsyncIterator[TelegramNotifier]:
    async with TelegramNotifier(TOKEN, api_url=tg.api_url) as n:
        yield n


REDIS_URL = os.environ.get("WEBMON_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
async def redis_connect():
    """Opens clients to the real Redis, each like another worker's; closes them afterwards.

    Under CI=true a missing Redis fails the test; elsewhere it skips with the reason.
    """
    from redis.asyncio import Redis

    clients: list[Redis] = []

    async def connect() -> Redis:
        client = Redis.from_url(REDIS_URL)
        clients.append(client)
        return client

    try:
        await (await connect()).ping()
    except Exception as exc:
        for client in clients:
            await client.aclose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true needs Redis at {REDIS_URL}, but: {exc}")
        pytest.skip(f"no Redis at {REDIS_URL} ({exc}); start one to run this test")
    yield connect
    for client in clients:
        await client.aclose()


@pytest.fixture
async def redis_client(redis_connect):
    return await redis_connect()


@pytest.fixture
async def redis_prefix(redis_client) -> AsyncIterator[str]:
    """A key prefix of this test's own; its keys are removed afterwards."""
    prefix = f"webmon-test:{uuid.uuid4().hex}:"
    yield prefix
    keys = [key async for key in redis_client.scan_iter(match=f"{prefix}*")]
    if keys:
        await redis_client.delete(*keys)
