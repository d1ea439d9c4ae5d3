"""`webmon serve` alerts for real: checks against a local site, messages to a fake Telegram.
Exactly one message when a site goes down, none for further failures, one when it recovers,
and reminders while it stays down."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tests.conftest import with_telegram
from tests.factories import create_site, link_chat, register
from tests.targets import WORD, target_site
from webmon.app import create_app

CHAT = "8080"


@pytest.fixture
def reminder_interval() -> int:
    return 3600


@pytest.fixture
async def serve(db, database, telegram, reminder_interval):
    telegram.add_chat(CHAT)
    settings = with_telegram(database.settings, telegram).model_copy(
        update={"scheduler_tick": 0.2, "min_check_interval": 1, "alert_reminder_interval": reminder_interval}
    )
    app = create_app(settings, database=db, scheduler=True)
    async with app.router.lifespan_context(app):
        app.state.webmon.services.sender.sweep_every = 0.2
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with (
            httpx.AsyncClient(transport=transport, base_url="http://webmon.test") as client,
            target_site() as site,
        ):
            yield client, site


async def _settle(telegram, count: int, timeout: float = 10) -> list[str]:
    return [m.text for m in await telegram.wait_for_sent(count, chat_id=CHAT, timeout=timeout)]


async def test_down_once_then_silence_then_recovered_once(serve, telegram, db):
    client, target = serve
    alice = await register(client, "alice")
    await link_chat(client, db, alice, CHAT)
    site = await create_site(
        client,
        alice,
        name="Shop",
        url=target.serve("/"),
        valid_word=WORD,
        check_interval=1,
        failure_threshold=2,
        telegram_chat_id=CHAT,
    )
    await asyncio.sleep(1.5)  # up, no message for a new site that is up
    assert telegram.sent_to(CHAT) == []

    target.break_("/")
    [down] = await _settle(telegram, 1)
    await asyncio.sleep(1.5)  # more failed checks
    assert len(telegram.sent_to(CHAT)) == 1
    target.serve("/")
    messages = await _settle(telegram, 2)

    assert "DOWN" in down and "Shop" in down
    assert "up again" in messages[1].lower()
    checks = (await client.get(f"/api/v1/websites/{site['id']}/checks", params={"limit": 500}, headers=alice)).json()
    assert sum(1 for c in checks if c["status"] == "down") >= 3

    async def changes_once_delivered():
        for _ in range(50):  # Telegram has the message; the row is marked sent just after
            changes = (await client.get(f"/api/v1/websites/{site['id']}/state-changes", headers=alice)).json()
            if {c["delivery"] for c in changes} == {"sent"}:
                break
            await asyncio.sleep(0.1)
        return changes

    changes = await changes_once_delivered()
    assert [c["kind"] for c in changes] == ["recovered", "down"]
    assert {c["delivery"] for c in changes} == {"sent"}
    notifications = (await client.get(f"/api/v1/websites/{site['id']}/notifications", headers=alice)).json()
    assert [n["status"] for n in notifications] == ["sent", "sent"]


@pytest.mark.parametrize("reminder_interval", [2])
async def test_a_site_that_stays_down_gets_reminders(serve, telegram, db):
    client, target = serve
    alice = await register(client, "alice")
    await link_chat(client, db, alice, CHAT)
    await create_site(
        client,
        alice,
        url=target.serve("/", status=500),
        valid_word=WORD,
        check_interval=1,
        failure_threshold=1,
        telegram_chat_id=CHAT,
    )

    messages = await _settle(telegram, 2, timeout=15)

    assert "DOWN" in messages[0]
    assert "still down" in messages[1].lower()


async def test_a_russian_owner_is_told_in_russian(serve, telegram, db):
    client, target = serve
    alice = await register(client, "alice")
    await link_chat(client, db, alice, CHAT)
    assert (await client.patch("/api/v1/auth/me", json={"locale": "ru"}, headers=alice)).status_code == 200
    await create_site(
        client,
        alice,
        name="Магазин",
        url=target.serve("/"),
        valid_word=WORD,
        check_interval=1,
        failure_threshold=1,
        telegram_chat_id=CHAT,
    )
    await asyncio.sleep(1.5)

    target.break_("/")
    [down] = await _settle(telegram, 1)
    target.serve("/")
    messages = await _settle(telegram, 2)

    assert "<b>Магазин не работает</b>" in down and "Не работает с:" in down and "UTC" in down
    assert "<b>Магазин снова работает</b>" in messages[1] and "Не работал:" in messages[1]
    assert all("DOWN" not in text and "Open in Webmon" not in text for text in messages)
