"""Retries with backoff, and many checks at once: the concurrency bound, slots free during backoff."""

from __future__ import annotations

import asyncio
import time
import uuid

import pytest
from engine_targets import TEST_CONFIG, check, check_all, spec

from webmon.engine import CheckEngine, CheckKind, EngineConfig


def flaky(target, fail: int) -> str:
    return target.url(f"/flaky?key={uuid.uuid4().hex}&fail={fail}")


async def test_a_site_that_fails_twice_then_answers_is_up_on_the_third_attempt(target):
    result = await check(flaky(target, fail=2), retries=3, retry_backoff=0.01)

    assert result.ok is True
    assert result.attempts == 3


async def test_a_site_down_on_every_attempt_is_down_after_all_retries(target):
    result = await check(target.url("/status/503"), retries=3, retry_backoff=0.01)

    assert result.kind == CheckKind.HTTP_STATUS
    assert result.attempts == 4


async def test_retries_back_off_exponentially(target):
    began = time.monotonic()
    result = await check(target.url("/status/500"), retries=2, retry_backoff=0.1)

    assert result.attempts == 3
    assert 0.3 <= time.monotonic() - began < 1.0  # 0.1 + 0.2


async def test_a_timeout_is_not_retried(target):
    result = await check(target.url("/hang"), timeout=0.3, retries=3, retry_backoff=0.01)

    assert result.kind == CheckKind.TIMEOUT
    assert result.attempts == 1


async def test_retries_stop_when_the_next_one_would_not_fit_in_the_timeout(target):
    began = time.monotonic()
    result = await check(target.url("/status/503"), timeout=1.0, retries=3, retry_backoff=0.4)

    assert result.kind == CheckKind.HTTP_STATUS
    assert result.attempts == 2  # a third would start at 0.4 + 0.8 s, past the 1 s timeout
    assert time.monotonic() - began < 1.0


async def test_a_retry_may_use_only_what_is_left_of_the_timeout(target):
    began = time.monotonic()
    url = target.url(f"/fail-then-hang?key={uuid.uuid4().hex}")
    result = await check(url, timeout=1.0, retries=3, retry_backoff=0.2)

    assert result.kind == CheckKind.TIMEOUT
    assert result.attempts == 2
    assert time.monotonic() - began < 1.3  # the whole check, not 0.2 s + another full second


async def test_a_retry_does_not_wait_for_a_free_slot_past_the_timeout(target):
    config = EngineConfig(allow_private_targets=True, concurrency=1, retries=3, retry_backoff=0.1)
    async with CheckEngine(config) as engine:
        # The failing site's retry finds the only slot taken by a site that hangs for 1.5 s.
        failing, hanging = await check_all(
            engine, [spec(target.url("/status/503"), timeout=1.0), spec(target.url("/hang"), timeout=1.5, website_id=2)]
        )

    assert failing.kind == CheckKind.HTTP_STATUS and failing.attempts == 1
    assert (failing.checked_at - failing.started_at).total_seconds() < 1.0
    assert hanging.kind == CheckKind.TIMEOUT


async def test_a_page_over_the_size_cap_is_not_retried(target):
    result = await check(target.url("/endless"), retries=3, retry_backoff=0.01, max_body_bytes=65536)

    assert result.kind == CheckKind.BODY_TOO_LARGE
    assert result.attempts == 1


async def test_a_retrying_check_frees_its_slot_while_it_waits(target):
    config = EngineConfig(allow_private_targets=True, concurrency=1, retries=1, retry_backoff=0.5)
    async with CheckEngine(config) as engine:
        began = time.monotonic()
        retrying, good = await check_all(
            engine, [spec(target.url("/status/503"), website_id=1), spec(target.url("/up"), website_id=2)]
        )

    assert retrying.attempts == 2 and good.ok
    assert good.checked_at < retrying.checked_at
    assert (good.checked_at - retrying.started_at).total_seconds() < 0.4
    assert time.monotonic() - began >= 0.5


async def test_a_retrying_check_frees_its_slot_for_a_concurrent_check_call(target):
    config = EngineConfig(allow_private_targets=True, concurrency=1, retries=1, retry_backoff=0.5)
    async with CheckEngine(config) as engine:
        retrying_task = asyncio.create_task(engine.check(spec(target.url("/status/503"))))
        await asyncio.sleep(0.1)  # its first attempt is done; it is backing off
        good = await asyncio.wait_for(engine.check(spec(target.url("/up"))), timeout=0.3)
        retrying = await retrying_task

    assert good.ok and good.checked_at < retrying.checked_at
    assert retrying.attempts == 2


async def test_concurrent_checks_keep_at_most_concurrency_checks_in_flight(target):
    target.max_in_flight = 0
    config = EngineConfig(allow_private_targets=True, concurrency=3, retries=0)
    specs = [spec(target.url("/slow?delay=0.1"), website_id=i) for i in range(9)]
    async with CheckEngine(config) as engine:
        began = time.monotonic()
        results = await check_all(engine, specs)

    assert all(r.ok for r in results)
    assert target.max_in_flight == 3
    assert time.monotonic() - began >= 0.3  # three waves of 0.1 s


async def test_checking_before_start_is_a_programming_error():
    engine = CheckEngine(TEST_CONFIG)

    with pytest.raises(RuntimeError, match="start"):
        await engine.check(spec("http://example.com/"))
