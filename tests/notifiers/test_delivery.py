"""Delivering one alert: retries, Telegram's retry_after, broken and migrated chats.

Real sockets against the fake Bot API; a recording ``sleep`` replaces waiting
except where the waiting is the point.
"""

from __future__ import annotations

import asyncio
from typing import ClassVar

import pytest

from tests.fakes.telegram_api import FakeTelegram
from webmon.notifiers.base import TransportError
from webmon.notifiers.delivery import DeliveryOutcome, deliver
from webmon.notifiers.ratelimit import MemoryRateLimiter, NoRateLimit
from webmon.notifiers.telegram import TelegramNotifier

pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")


class RecordingSleep:
    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


@pytest.fixture
def sleep() -> RecordingSleep:
    return RecordingSleep()


async def send(notifier, sleep, chat_id: str = "42", **kwargs) -> DeliveryOutcome:
    kwargs.setdefault("rate_limiter", NoRateLimit())
    return await deliver(notifier, chat_id, "<b>Shop</b> is down", sleep=sleep, **kwargs)


async def test_it_delivers_on_the_first_attempt(tg: FakeTelegram, notifier, sleep) -> None:
    outcome = await send(notifier, sleep)

    assert outcome == DeliveryOutcome("sent", attempts=1, error=None, new_chat_id=None)
    assert [m.text for m in tg.sent_to("42")] == ["<b>Shop</b> is down"]
    assert sleep.calls == []


async def test_a_429_waits_retry_after_before_the_second_attempt(tg: FakeTelegram, notifier) -> None:
    tg.fail_next("42", "429", retry_after=1)

    outcome = await deliver(notifier, "42", "hi", rate_limiter=NoRateLimit())

    first, second = tg.calls_to("sendMessage")
    assert (first.status, second.status) == (429, 200)
    assert second.at - first.at >= 1.0
    assert outcome.status == "sent" and outcome.attempts == 2


async def test_a_429_on_every_attempt_fails_after_three(tg: FakeTelegram, notifier, sleep) -> None:
    tg.fail_next("42", "429", retry_after=5, times=3)

    outcome = await send(notifier, sleep)

    assert outcome.status == "failed" and outcome.attempts == 3
    assert sleep.calls == [5.0, 5.0]
    assert "retry after 5" in outcome.error


async def test_a_blocked_chat_is_broken_after_one_attempt(tg: FakeTelegram, notifier, sleep) -> None:
    tg.fail_next("42", "blocked")

    outcome = await send(notifier, sleep)

    assert outcome.status == "broken" and outcome.attempts == 1
    assert "bot was blocked by the user" in outcome.error
    assert len(tg.calls_to("sendMessage")) == 1
    assert sleep.calls == []


async def test_a_missing_chat_is_broken(tg: FakeTelegram, notifier, sleep) -> None:
    tg.fail_next("42", "not_found")

    outcome = await send(notifier, sleep)

    assert outcome.status == "broken" and outcome.attempts == 1
    assert "chat not found" in outcome.error.lower()


async def test_a_migrated_group_is_delivered_to_its_new_id(tg: FakeTelegram, notifier, sleep) -> None:
    tg.fail_next("-4242", "migrate", migrate_to_chat_id="-1004242")

    outcome = await send(notifier, sleep, chat_id="-4242")

    assert outcome.status == "sent"
    assert outcome.new_chat_id == "-1004242"
    assert outcome.attempts == 2
    assert [m.chat_id for m in tg.sent] == ["-1004242"]
    assert sleep.calls == []


async def test_a_migration_does_not_use_up_the_retry_budget(tg: FakeTelegram, notifier, sleep) -> None:
    tg.fail_next("-4242", "migrate", migrate_to_chat_id="-1004242")
    tg.fail_next("-1004242", "500", times=2)

    outcome = await send(notifier, sleep, chat_id="-4242")

    assert outcome.status == "sent" and outcome.attempts == 4
    assert outcome.new_chat_id == "-1004242"


async def test_a_migrated_chat_that_then_fails_for_good_still_reports_the_new_id(
    tg: FakeTelegram, notifier, sleep
) -> None:
    tg.fail_next("-4242", "migrate", migrate_to_chat_id="-1004242")
    tg.fail_next("-1004242", "kicked")

    outcome = await send(notifier, sleep, chat_id="-4242")

    assert outcome.status == "broken"
    assert outcome.new_chat_id == "-1004242"


async def test_server_errors_are_retried_until_sent(tg: FakeTelegram, notifier, sleep) -> None:
    tg.fail_next("42", "500", times=2)

    outcome = await send(notifier, sleep)

    assert outcome.status == "sent" and outcome.attempts == 3
    assert len(tg.sent_to("42")) == 1


async def test_the_backoff_doubles_between_attempts(tg: FakeTelegram, notifier, sleep) -> None:
    tg.fail_next("42", "500", times=3)

    await send(notifier, sleep, backoff=1.0)

    assert sleep.calls == [1.0, 2.0]


async def test_an_outage_fails_after_three_attempts(tg: FakeTelegram, notifier, sleep) -> None:
    await tg.down()

    outcome = await send(notifier, sleep)

    assert outcome.status == "failed" and outcome.attempts == 3
    assert outcome.error
    assert len(sleep.calls) == 2


async def test_a_502_outage_fails_after_three_attempts(tg: FakeTelegram, notifier, sleep) -> None:
    await tg.down("502")

    outcome = await send(notifier, sleep)

    assert outcome.status == "failed" and outcome.attempts == 3
    assert [c.status for c in tg.calls] == [502, 502, 502]


async def test_max_attempts_is_honoured(tg: FakeTelegram, notifier, sleep) -> None:
    tg.fail_next("42", "500", times=10)

    outcome = await send(notifier, sleep, max_attempts=5)

    assert outcome.status == "failed" and outcome.attempts == 5


async def test_every_attempt_goes_through_the_rate_limiter(tg: FakeTelegram, notifier, sleep) -> None:
    class Counting(NoRateLimit):
        chats: ClassVar[list[str]] = []

        async def acquire(self, chat_id: str) -> None:
            self.chats.append(chat_id)

    limiter = Counting()
    tg.fail_next("-4242", "migrate", migrate_to_chat_id="-1004242")
    tg.fail_next("-1004242", "500")

    await send(notifier, sleep, chat_id="-4242", rate_limiter=limiter)

    assert limiter.chats == ["-4242", "-1004242", "-1004242"]


async def test_the_rate_limiter_spaces_messages_to_one_chat(tg: FakeTelegram, notifier) -> None:
    limiter = MemoryRateLimiter()

    await asyncio.gather(*(deliver(notifier, "42", f"m{i}", rate_limiter=limiter) for i in range(2)))

    first, second = tg.sent_to("42")
    assert second.at - first.at >= 0.99


async def test_a_broken_rate_limiter_does_not_stop_the_alert(tg: FakeTelegram, notifier, sleep) -> None:
    class Broken:
        async def acquire(self, chat_id: str) -> None:
            raise ConnectionError("redis is gone")

    outcome = await send(notifier, sleep, rate_limiter=Broken())

    assert outcome.status == "sent"


async def test_it_never_raises_when_the_notifier_has_a_bug(sleep) -> None:
    class Buggy:
        async def send_message(self, chat_id: str, html: str) -> None:
            raise RuntimeError("oops")

    outcome = await send(Buggy(), sleep)

    assert outcome.status == "failed" and outcome.attempts == 3
    assert "RuntimeError: oops" in outcome.error


async def test_a_permanent_error_from_any_notifier_is_broken(sleep) -> None:
    class Gone:
        async def send_message(self, chat_id: str, html: str) -> None:
            raise TransportError("mailbox does not exist", permanent=True)

    outcome = await send(Gone(), sleep)

    assert outcome == DeliveryOutcome("broken", 1, "mailbox does not exist", None)


async def test_the_token_appears_in_no_log_and_no_error(
    tg: FakeTelegram, caplog, sleep, token: str, secret: str
) -> None:
    """Every failure path once, all logged at DEBUG (the autouse fixture checks the log too)."""
    outcomes = []
    async with TelegramNotifier(token, api_url=tg.api_url) as notifier:
        for kind in ("429", "blocked", "not_found", "migrate", "500", "502", "bad_request"):
            tg.fail_next("-77", kind, retry_after=0)
            outcomes.append(await send(notifier, sleep, chat_id="-77"))
        await tg.down()
        outcomes.append(await send(notifier, sleep, chat_id="-77"))
        await tg.up()
    async with TelegramNotifier(token.replace("s3cret", "wr0ng"), api_url=tg.api_url) as wrong:
        outcomes.append(await send(wrong, sleep))

    assert caplog.records, "expected DEBUG records to inspect"
    for outcome in outcomes:
        assert secret not in repr(outcome)
        assert "wr0ng" not in repr(outcome)
    assert "wr0ng" not in caplog.text
