"""Telegram's limits hold for one process (memory) and across processes (Redis).

These tests wait for real: the waiting is what they check.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

import pytest

from webmon.notifiers.ratelimit import (
    Limit,
    Limits,
    MemoryRateLimiter,
    RedisRateLimiter,
    is_group_chat,
)

Acquire = Callable[[str], Awaitable[None]]


async def timed(acquires: list[Awaitable[None]]) -> float:
    start = time.monotonic()
    await asyncio.gather(*acquires)
    return time.monotonic() - start


async def admission_times(acquire: Acquire, chat_ids: list[str]) -> list[float]:
    times: list[float] = []

    async def one(chat_id: str) -> None:
        await acquire(chat_id)
        times.append(time.monotonic())

    await asyncio.gather(*(one(c) for c in chat_ids))
    return sorted(times)


@pytest.mark.parametrize(
    ("chat_id", "group"),
    [("42", False), ("-42", True), ("-1001234567890", True), ("@alerts", True)],
)
def test_negative_ids_and_channel_names_are_group_chats(chat_id: str, group: bool) -> None:
    assert is_group_chat(chat_id) is group


# --- memory ---------------------------------------------------------------------------------


async def test_memory_three_messages_to_one_chat_take_two_seconds() -> None:
    limiter = MemoryRateLimiter()

    elapsed = await timed([limiter.acquire("42") for _ in range(3)])

    assert elapsed >= 2.0


async def test_memory_different_private_chats_do_not_wait_for_each_other() -> None:
    limiter = MemoryRateLimiter()

    elapsed = await timed([limiter.acquire(str(chat)) for chat in range(10)])

    assert elapsed < 0.5


async def test_memory_overall_cap_is_thirty_per_second() -> None:
    limiter = MemoryRateLimiter()
    start = time.monotonic()

    times = await admission_times(limiter.acquire, [str(chat) for chat in range(31)])

    assert times[29] - start < 0.5, "the first 30 go at once"
    assert times[30] - start >= 1.0, "the 31st waits for the window"


async def test_memory_group_chats_have_their_own_budget() -> None:
    limiter = MemoryRateLimiter(Limits(per_chat=Limit(100, 1.0), per_group=Limit(2, 0.5), overall=Limit(100, 1.0)))

    group = await timed([limiter.acquire("-100777") for _ in range(3)])
    private = await timed([limiter.acquire("777") for _ in range(3)])

    assert group >= 0.5
    assert private < 0.1


async def test_memory_limiter_waits_with_an_injected_clock() -> None:
    now = [0.0]
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limiter = MemoryRateLimiter(clock=lambda: now[0], sleep=sleep)
    for _ in range(3):
        await limiter.acquire("42")

    assert slept == [1.0, 1.0]


# --- redis ----------------------------------------------------------------------------------


@pytest.fixture
async def second_redis_client(redis_connect):
    """Another connection, as a second worker process would have."""
    return await redis_connect()


@pytest.mark.redis
async def test_redis_two_workers_sending_three_messages_to_one_chat_take_two_seconds(
    redis_client, second_redis_client, redis_prefix
) -> None:
    worker_a = RedisRateLimiter(redis_client, prefix=redis_prefix)
    worker_b = RedisRateLimiter(second_redis_client, prefix=redis_prefix)

    elapsed = await timed([worker_a.acquire("42"), worker_b.acquire("42"), worker_a.acquire("42")])

    assert elapsed >= 2.0


@pytest.mark.redis
async def test_redis_overall_cap_holds_across_workers(redis_client, second_redis_client, redis_prefix) -> None:
    workers = [
        RedisRateLimiter(redis_client, prefix=redis_prefix),
        RedisRateLimiter(second_redis_client, prefix=redis_prefix),
    ]
    start = time.monotonic()

    async def acquire(chat_id: str) -> None:
        await workers[int(chat_id) % 2].acquire(chat_id)

    times = await admission_times(acquire, [str(chat) for chat in range(40)])

    assert times[29] - start < 0.8, "the first 30 go at once"
    assert times[30] - start >= 1.0, "the 31st waits for the window"
    for first, thirty_first in zip(times, times[30:], strict=False):
        assert thirty_first - first >= 0.9


@pytest.mark.redis
async def test_redis_group_chats_have_their_own_budget(redis_client, redis_prefix) -> None:
    limiter = RedisRateLimiter(
        redis_client,
        prefix=redis_prefix,
        limits=Limits(per_chat=Limit(100, 1.0), per_group=Limit(2, 0.5), overall=Limit(100, 1.0)),
    )

    group = await timed([limiter.acquire("-100777") for _ in range(3)])
    private = await timed([limiter.acquire("777") for _ in range(3)])

    assert group >= 0.5
    assert private < 0.3


@pytest.mark.redis
async def test_redis_keys_live_under_the_prefix_and_expire(redis_client, redis_prefix) -> None:
    limiter = RedisRateLimiter(redis_client, prefix=redis_prefix)

    await limiter.acquire("-100777")

    keys = sorted([k.decode() async for k in redis_client.scan_iter(match=f"{redis_prefix}*")])
    assert keys == [
        f"{redis_prefix}all",
        f"{redis_prefix}chat:-100777",
        f"{redis_prefix}group:-100777",
    ]
    for key in keys:
        assert 0 < await redis_client.pttl(key) <= 61_000
