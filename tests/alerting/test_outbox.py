"""Alerts leave the outbox exactly once: claimed atomically, delivered, recorded."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta
from functools import partial

import pytest
from sqlalchemy import select

from tests.conftest import TELEGRAM_TOKEN
from tests.factories import make_user, make_website
from webmon.alerting.messages import render_alert
from webmon.alerting.outbox import send_due_alerts
from webmon.engine import CheckKind, CheckResult
from webmon.models import Notification, StateChange, Website, utcnow
from webmon.notifiers.ratelimit import NoRateLimit
from webmon.notifiers.telegram import TelegramNotifier
from webmon.runner.scheduling import Claim
from webmon.runner.store import store_results

CHAT = "424242"
PUBLIC_URL = "https://webmon.example.com"


@pytest.fixture
async def notifier(telegram):
    telegram.add_chat(CHAT)
    async with TelegramNotifier(TELEGRAM_TOKEN, telegram.api_url) as tg:
        yield tg


async def _site(db, **overrides):
    values = {"name": "Shop", "url": "https://shop.example.com/", "telegram_chat_id": CHAT, "failure_threshold": 1}
    async with db.session_scope() as session:
        return await make_website(session, await make_user(session), **(values | overrides))


async def _check(db, site_id: int, *, ok: bool, at: datetime | None = None) -> None:
    at = at or utcnow()
    result = CheckResult(
        site_id,
        ok,
        None if ok else CheckKind.HTTP_STATUS,
        None if ok else "HTTP 503 Service Unavailable",
        200 if ok else 503,
        20,
        at,
        at,
        1,
        None,
    )
    async with db.session_scope() as session:
        await store_results(session, [(Claim(site_id, at), result)], now=at, reminder_interval=timedelta(hours=1))


async def _send(db, notifier):
    return await send_due_alerts(
        db, notifier, NoRateLimit(), render=partial(render_alert, public_url=PUBLIC_URL), clock=utcnow
    )


async def _deliveries(db):
    async with db.session_scope() as session:
        return (await session.scalars(select(StateChange.delivery).order_by(StateChange.id))).all()


async def test_a_site_going_down_sends_one_message_that_says_what_failed(db, notifier, telegram):
    site = await _site(db)
    await _check(db, site.id, ok=False)

    await _send(db, notifier)
    await _send(db, notifier)  # a second sweep finds nothing left to send

    [message] = telegram.sent_to(CHAT)
    assert message.parse_mode == "HTML"
    assert "Shop" in message.text and "https://shop.example.com/" in message.text
    assert "503" in message.text
    assert f"{PUBLIC_URL}/websites/{site.id}" in message.text
    assert await _deliveries(db) == ["sent"]
    async with db.session_scope() as session:
        [logged] = (await session.scalars(select(Notification))).all()
    assert (logged.status, logged.chat_id, logged.attempts, logged.kind) == ("sent", CHAT, 1, "down")


async def test_down_then_up_sends_two_messages_in_order(db, notifier, telegram):
    site = await _site(db)
    t0 = utcnow()
    await _check(db, site.id, ok=False, at=t0)
    await _check(db, site.id, ok=True, at=t0 + timedelta(minutes=12))

    await _send(db, notifier)

    texts = [m.text.lower() for m in telegram.sent_to(CHAT)]
    assert len(texts) == 2
    assert "is down" in texts[0]
    assert "up again" in texts[1]
    assert "12 min" in texts[1]  # how long it was down


async def test_html_in_a_site_name_arrives_escaped(db, notifier, telegram):
    site = await _site(db, name="<b>Shop</b> & <img src=x>")
    await _check(db, site.id, ok=False)

    await _send(db, notifier)

    [message] = telegram.sent_to(CHAT)
    assert "&lt;b&gt;Shop&lt;/b&gt; &amp; &lt;img src=x&gt;" in message.text
    assert "<img" not in message.text


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_two_senders_at_once_send_each_alert_once(db, notifier, telegram):
    for n in range(10):
        site = await _site(db, name=f"site {n}")
        await _check(db, site.id, ok=False)

    await asyncio.gather(*(_send(db, notifier) for _ in range(4)))

    assert len(telegram.sent_to(CHAT)) == 10
    assert await _deliveries(db) == ["sent"] * 10


async def test_telegrams_retry_after_is_honoured(db, notifier, telegram):
    site = await _site(db)
    await _check(db, site.id, ok=False)
    telegram.fail_next(CHAT, "429", retry_after=1)
    started = time.monotonic()

    await _send(db, notifier)

    assert time.monotonic() - started >= 1.0
    assert len(telegram.sent_to(CHAT)) == 1
    assert await _deliveries(db) == ["sent"]


async def test_a_blocked_bot_stops_retrying_and_marks_the_link_broken(db, notifier, telegram):
    site = await _site(db)
    await _check(db, site.id, ok=False)
    telegram.fail_next(CHAT, "blocked", times=5)

    await _send(db, notifier)

    async with db.session_scope() as session:
        stored = await session.get(Website, site.id)
        [logged] = (await session.scalars(select(Notification))).all()
    assert "blocked" in stored.telegram_error
    assert (logged.status, logged.attempts) == ("broken", 1)
    assert await _deliveries(db) == ["failed"]


async def test_a_group_that_became_a_supergroup_is_followed(db, notifier, telegram):
    site = await _site(db)
    telegram.add_chat("-1009999", type="supergroup")
    await _check(db, site.id, ok=False)
    telegram.fail_next(CHAT, "migrate", migrate_to_chat_id="-1009999")

    await _send(db, notifier)

    assert len(telegram.sent_to("-1009999")) == 1
    async with db.session_scope() as session:
        assert (await session.get(Website, site.id)).telegram_chat_id == "-1009999"


async def test_during_a_telegram_outage_alerts_wait_and_go_out_once_it_is_back(db, notifier, telegram):
    site = await _site(db)
    t0 = utcnow()
    await _check(db, site.id, ok=False, at=t0)
    await _check(db, site.id, ok=True, at=t0 + timedelta(minutes=1))
    await telegram.down()

    await _send(db, notifier)
    assert await _deliveries(db) == ["pending", "pending"]  # kept, to be retried after a pause

    await telegram.up()
    later = utcnow() + timedelta(minutes=5)
    await send_due_alerts(
        db, notifier, NoRateLimit(), render=partial(render_alert, public_url=PUBLIC_URL), clock=lambda: later
    )
    await send_due_alerts(
        db, notifier, NoRateLimit(), render=partial(render_alert, public_url=PUBLIC_URL), clock=lambda: later
    )

    texts = [m.text.lower() for m in telegram.sent_to(CHAT)]
    assert len(texts) == 2
    assert "is down" in texts[0]
    assert "up again" in texts[1]
    assert await _deliveries(db) == ["sent", "sent"]


async def _attempts_logged(db) -> int:
    async with db.session_scope() as session:
        return len((await session.scalars(select(Notification.id))).all())


async def test_while_telegram_stays_down_a_sweep_tries_only_the_oldest_waiting_alert(db, notifier, telegram):
    for name in ("Shop", "Blog", "Docs"):
        await _check(db, (await _site(db, name=name)).id, ok=False)
    await telegram.down()
    await _send(db, notifier)
    assert await _attempts_logged(db) == 3

    await _send(db, notifier)  # a sweep later, every alert still in its pause

    assert await _attempts_logged(db) == 4
    assert await _deliveries(db) == ["pending", "pending", "pending"]


async def test_once_telegram_is_back_every_waiting_alert_goes_at_the_next_sweep(db, notifier, telegram):
    for name in ("Shop", "Blog", "Docs"):
        await _check(db, (await _site(db, name=name)).id, ok=False)
    await telegram.down()
    await _send(db, notifier)  # all three fail, each to be retried after a 30 s pause
    await telegram.up()

    await _send(db, notifier)  # the next sweep, long before the pauses are over

    assert len(telegram.sent_to(CHAT)) == 3
    assert await _deliveries(db) == ["sent", "sent", "sent"]


async def test_a_last_attempt_refused_with_retry_after_is_not_due_again_before_that_long(db, notifier, telegram):
    from webmon.alerting.outbox import claim_alerts, record_delivery
    from webmon.notifiers.delivery import DeliveryOutcome

    await _check(db, (await _site(db)).id, ok=False)
    now = utcnow()
    async with db.session_scope() as session:
        (alert,) = await claim_alerts(session, now=now)
        await record_delivery(
            session, alert, DeliveryOutcome("failed", 3, "Too Many Requests", retry_after=300), now=now
        )
    async with db.session_scope() as session:
        row = (await session.scalars(select(StateChange))).one()

    assert row.delivery == "pending"
    assert row.lease_until >= now + timedelta(seconds=300)  # not the usual 30 s pause


async def test_a_crashed_sender_leaves_its_claim_to_be_taken_again_after_the_lease(db, notifier, telegram):
    from webmon.alerting.outbox import LEASE, claim_alerts

    site = await _site(db)
    await _check(db, site.id, ok=False)
    async with db.session_scope() as session:
        assert len(await claim_alerts(session, now=utcnow())) == 1  # ...and then the sender died

    await _send(db, notifier)
    assert telegram.sent_to(CHAT) == []  # still leased to the dead sender
    after_lease = utcnow() + LEASE + timedelta(seconds=1)
    await send_due_alerts(
        db, notifier, NoRateLimit(), render=partial(render_alert, public_url=PUBLIC_URL), clock=lambda: after_lease
    )

    assert len(telegram.sent_to(CHAT)) == 1


async def test_alerts_for_a_site_without_a_chat_are_never_sent(db, notifier, telegram):
    site = await _site(db, telegram_chat_id=None)
    await _check(db, site.id, ok=False)

    await _send(db, notifier)

    assert telegram.sent == []
    assert await _deliveries(db) == ["skipped"]
