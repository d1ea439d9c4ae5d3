"""A site's alerts reach its chat in the order they happened, even when Telegram failed in between:
a RECOVERED is not sent while the DOWN before it waits for its retry (found by the soak test,
test_telegram_outage.py)."""

from __future__ import annotations

from datetime import timedelta
from functools import partial

import pytest

from tests.alerting.test_outbox import CHAT, _check, _site
from tests.conftest import TELEGRAM_TOKEN
from webmon.alerting.messages import render_alert
from webmon.alerting.outbox import send_due_alerts
from webmon.models import utcnow
from webmon.notifiers.ratelimit import NoRateLimit
from webmon.notifiers.telegram import TelegramNotifier


@pytest.fixture
async def notifier(telegram):  # type: ignore[no-untyped-def]
    telegram.add_chat(CHAT)
    async with TelegramNotifier(TELEGRAM_TOKEN, telegram.api_url) as tg:
        yield tg


async def _sweep(db, notifier, at):  # type: ignore[no-untyped-def]
    return await send_due_alerts(
        db,
        notifier,
        NoRateLimit(),
        render=partial(render_alert, public_url="https://webmon.example.com"),
        clock=lambda: at,
    )


async def test_a_recovery_is_not_announced_before_the_outage_that_failed_to_send(db, notifier, telegram):
    site = await _site(db)
    t0 = utcnow()
    await _check(db, site.id, ok=False, at=t0)
    telegram.fail_next(CHAT, "429", retry_after=0, times=3)  # Telegram refuses the DOWN three times
    await _sweep(db, notifier, t0 + timedelta(seconds=1))
    await _check(db, site.id, ok=True, at=t0 + timedelta(seconds=10))

    await _sweep(db, notifier, t0 + timedelta(seconds=15))  # Telegram is back; the DOWN still waits
    await _sweep(db, notifier, t0 + timedelta(minutes=2))  # everything is due

    texts = [message.text for message in telegram.sent_to(CHAT)]
    assert len(texts) == 2
    assert "is DOWN" in texts[0] and "is UP again" in texts[1], texts


async def test_the_failed_down_alert_is_delivered_once_on_retry(db, notifier, telegram):
    site = await _site(db)
    t0 = utcnow()
    await _check(db, site.id, ok=False, at=t0)
    telegram.fail_next(CHAT, "429", retry_after=0, times=3)
    await _sweep(db, notifier, t0 + timedelta(seconds=1))

    await _sweep(db, notifier, t0 + timedelta(seconds=15))  # the sweep's probe: Telegram takes it
    await _sweep(db, notifier, t0 + timedelta(minutes=2))
    await _sweep(db, notifier, t0 + timedelta(minutes=5))

    assert [("is DOWN" in m.text) for m in telegram.sent_to(CHAT)] == [True]
