"""The Telegram Bot API down for a minute while sites go down and come back: every alert waits in
the outbox and goes out once Telegram is back, each exactly once.

Slow by nature (the outbox retries after 30 s, then 60 s; Beat sweeps every 30 s): in `make soak`
(WEBMON_SOAK=1), with the outage WEBMON_FAULT_TELEGRAM_OUTAGE seconds long (60 by default).
"""

from __future__ import annotations

import asyncio
import os
import time

import pytest
from sqlalchemy import select

from tests.faults.stack import eventually
from webmon.models import Notification, StateChange, Website

pytestmark = [pytest.mark.stack, pytest.mark.soak]
TICK = 1.0
TELEGRAM_OUTAGE = float(os.environ.get("WEBMON_FAULT_TELEGRAM_OUTAGE", "60"))


async def test_alerts_wait_out_a_telegram_outage_and_go_out_once_each(running, target, fake_telegram):
    stack, interval = running, 2
    chats = [str(9001 + n) for n in range(6)]
    paths = [f"/tg/{n}" for n in range(6)]
    ids = await stack.plant_sites([target.url(p) for p in paths], interval=interval, failure_threshold=1)
    for n, site_id in enumerate(ids):
        async with stack.db.session_scope() as session:
            (await session.get(Website, site_id)).telegram_chat_id = chats[n]

    async def statuses() -> set[str]:
        async with stack.db.sessions() as session:
            return set((await session.scalars(select(Website.status).where(Website.id.in_(ids)))).all())

    up, _ = await eventually(statuses, lambda s: s == {"up"}, timeout=3 * interval + TICK)
    assert up == {"up"}, stack.logs()
    await fake_telegram.down()
    outage_began = time.monotonic()
    target.broken.update(paths)  # all six go down: six DOWN alerts, Telegram unreachable
    await eventually(statuses, lambda s: s == {"down"}, timeout=3 * interval + TICK)
    await asyncio.sleep(max(0.0, TELEGRAM_OUTAGE / 2 - (time.monotonic() - outage_began)))
    target.broken.difference_update(paths[:3])  # three come back during the outage: three RECOVERED alerts
    await asyncio.sleep(max(0.0, TELEGRAM_OUTAGE - (time.monotonic() - outage_began)))
    await fake_telegram.up()
    back = time.monotonic()

    try:
        await fake_telegram.wait_for_sent(9, timeout=240)  # two sweeps and the longest retry wait
    except TimeoutError:
        pass
    delivered_after = time.monotonic() - back
    await asyncio.sleep(2 * TICK)  # a duplicate would show by now
    await stack.deactivate(ids)
    async with stack.db.sessions() as session:
        deliveries = (await session.scalars(select(StateChange.delivery).where(StateChange.website_id.in_(ids)))).all()
        failed_attempts = await session.scalar(
            select(Notification.id).where(Notification.website_id.in_(ids), Notification.status == "failed").limit(1)
        )

    print(f"\nTelegram down {TELEGRAM_OUTAGE:.0f} s; all 9 alerts delivered {delivered_after:.1f} s after it came back")
    sent = {chat: [m.text for m in fake_telegram.sent_to(chat)] for chat in chats}
    assert failed_attempts is not None  # the outage was met: attempts failed and were recorded
    assert sorted(deliveries) == ["sent"] * 9
    # Each alert exactly once. (Their order after an outage is test_alert_order.py's: a known bug.)
    for chat in chats[:3]:
        assert sorted(_kind(text) for text in sent[chat]) == ["DOWN", "UP again"], sent[chat]
    for chat in chats[3:]:
        assert [_kind(text) for text in sent[chat]] == ["DOWN"], sent[chat]


def _kind(text: str) -> str:
    return "DOWN" if "is DOWN" in text else "UP again" if "is UP again" in text else text
