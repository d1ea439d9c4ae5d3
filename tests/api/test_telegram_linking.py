"""A chat is used only once it is linked: `/telegram/link` gives a one-time token, the chat sends
it to the bot, and then sites and test messages may use the chat. Test messages are rate-limited."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import httpx
import pytest
from sqlalchemy import select

from tests.conftest import with_telegram
from tests.factories import create_site, link_chat, register
from webmon.app import create_app
from webmon.models import TelegramLinkToken, utcnow

SITES = "/api/v1/websites"
CHATS = "/api/v1/telegram/chats"
TEST = "/api/v1/telegram/test"


@pytest.fixture
def settings(database, telegram):
    return with_telegram(database.settings, telegram)


@pytest.fixture
async def alice(client):
    return await register(client, "alice")


@pytest.fixture
async def bob(client):
    return await register(client, "bob")


class Clock:
    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(app) -> Clock:
    app.state.webmon.clock = clock = Clock()
    return clock


async def test_a_link_opens_the_bot_with_a_one_time_token(client, alice):
    response = await client.post("/api/v1/telegram/link", headers=alice)

    assert response.status_code == 200
    link = response.json()
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", link["token"])
    assert link["url"] == f"https://t.me/webmon_test_bot?start={link['token']}"
    assert link["group_url"] == f"https://t.me/webmon_test_bot?startgroup={link['token']}"
    lifetime = datetime.fromisoformat(link["expires_at"]) - utcnow()
    assert timedelta(minutes=14) < lifetime <= timedelta(minutes=15)


async def test_link_tokens_are_stored_hashed(client, db, alice):
    token = (await client.post("/api/v1/telegram/link", headers=alice)).json()["token"]

    async with db.sessions() as session:
        stored = (await session.scalars(select(TelegramLinkToken.token_hash))).all()

    assert len(stored) == 1 and token not in stored[0]


async def test_every_link_has_its_own_token(client, alice):
    first = (await client.post("/api/v1/telegram/link", headers=alice)).json()["token"]
    second = (await client.post("/api/v1/telegram/link", headers=alice)).json()["token"]

    assert first != second


async def test_without_a_bot_token_no_link_is_made(app, client, alice):
    app.state.webmon.telegram = None

    response = await client.post("/api/v1/telegram/link", headers=alice)

    assert response.status_code == 409
    assert "WEBMON_TELEGRAM_BOT_TOKEN" in response.json()["detail"]


async def test_linked_chats_are_listed_with_their_titles_for_their_owner_only(client, db, alice, bob, telegram):
    await link_chat(client, db, alice, "-1001234567890", title="Ops", telegram=telegram)

    mine = (await client.get(CHATS, headers=alice)).json()
    theirs = (await client.get(CHATS, headers=bob)).json()

    assert [(c["chat_id"], c["title"]) for c in mine] == [("-1001234567890", "Ops")]
    assert mine[0]["linked_at"]
    assert theirs == []


async def test_a_site_with_an_unlinked_chat_is_422_saying_how_to_link_it(client, alice, telegram):
    telegram.add_chat("31337")  # the bot can reach it: that alone proves nothing

    response = await client.post(
        SITES, json={"url": "https://example.com/", "valid_word": "x", "telegram_chat_id": "31337"}, headers=alice
    )

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "telegram_chat_id"]
    assert error["type"] == "telegram_unlinked"
    assert "Link a chat" in error["msg"] and "/api/v1/telegram/link" in error["msg"]
    assert telegram.calls_to("getChat") == []


async def test_changing_a_site_to_an_unlinked_chat_is_422(client, alice):
    site = await create_site(client, alice)

    response = await client.patch(f"{SITES}/{site['id']}", json={"telegram_chat_id": "31337"}, headers=alice)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "telegram_chat_id"]


async def test_a_linked_chat_can_be_chosen_for_a_site(client, db, alice, telegram):
    await link_chat(client, db, alice, "555", telegram=telegram)

    site = await create_site(client, alice, telegram_chat_id="555")

    assert site["telegram_chat_id"] == "555"


async def test_another_users_linked_chat_cannot_be_used(client, db, alice, bob, telegram):
    await link_chat(client, db, alice, "555", telegram=telegram)

    saved = await client.post(
        SITES, json={"url": "https://example.com/", "valid_word": "x", "telegram_chat_id": "555"}, headers=bob
    )
    tested = await client.post(TEST, json={"chat_id": "555"}, headers=bob)

    assert saved.status_code == 422 and tested.status_code == 422


async def test_a_test_message_to_an_unlinked_chat_is_422_and_sends_nothing(client, alice, telegram):
    response = await client.post(TEST, json={"chat_id": "424242"}, headers=alice)

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "chat_id"]
    assert "not linked" in error["msg"]
    assert telegram.sent == []


async def test_a_second_test_message_within_the_interval_is_429(client, db, alice, telegram, settings, clock):
    await link_chat(client, db, alice, "555", telegram=telegram)

    first = await client.post(TEST, json={"chat_id": "555"}, headers=alice)
    clock.now += timedelta(seconds=settings.min_check_interval - 5)
    second = await client.post(TEST, json={"chat_id": "555"}, headers=alice)

    assert first.status_code == 200
    assert second.status_code == 429
    assert second.headers["Retry-After"] == "5"
    assert len(telegram.sent_to("555")) == 1


async def test_a_test_message_is_allowed_again_after_the_interval(client, db, alice, telegram, settings, clock):
    await link_chat(client, db, alice, "555", telegram=telegram)
    await client.post(TEST, json={"chat_id": "555"}, headers=alice)

    clock.now += timedelta(seconds=settings.min_check_interval)
    again = await client.post(TEST, json={"chat_id": "555"}, headers=alice)

    assert again.status_code == 200
    assert len(telegram.sent_to("555")) == 2


async def test_the_limit_is_per_account_across_chats(client, db, alice, telegram, clock):
    await link_chat(client, db, alice, "555", telegram=telegram)
    await link_chat(client, db, alice, "666", telegram=telegram)

    await client.post(TEST, json={"chat_id": "555"}, headers=alice)
    other_chat = await client.post(TEST, json={"chat_id": "666"}, headers=alice)

    assert other_chat.status_code == 429
    assert telegram.sent_to("666") == []


async def test_the_limit_is_per_chat_across_accounts(client, db, alice, bob, telegram, clock):
    await link_chat(client, db, alice, "555", telegram=telegram)
    await link_chat(client, db, bob, "555", telegram=telegram)

    await client.post(TEST, json={"chat_id": "555"}, headers=alice)
    from_bob = await client.post(TEST, json={"chat_id": "555"}, headers=bob)

    assert from_bob.status_code == 429
    assert len(telegram.sent_to("555")) == 1


async def test_a_message_telegram_refused_does_not_use_up_the_limit(client, db, alice, telegram, clock):
    await link_chat(client, db, alice, "555", telegram=telegram)
    telegram.fail_next("555", "500", times=3)

    failed = await client.post(TEST, json={"chat_id": "555"}, headers=alice)
    telegram.reset()
    retried = await client.post(TEST, json={"chat_id": "555"}, headers=alice)

    assert failed.status_code == 422
    assert retried.status_code == 200


async def test_the_limit_is_shared_by_every_api_process(client, db, alice, telegram, settings):
    await link_chat(client, db, alice, "555", telegram=telegram)
    other_process = create_app(settings, database=db)

    await client.post(TEST, json={"chat_id": "555"}, headers=alice)
    async with other_process.router.lifespan_context(other_process):
        transport = httpx.ASGITransport(app=other_process)
        async with httpx.AsyncClient(transport=transport, base_url="http://webmon.test") as elsewhere:
            response = await elsewhere.post(TEST, json={"chat_id": "555"}, headers=alice)

    assert response.status_code == 429
    assert len(telegram.sent_to("555")) == 1


async def test_an_unused_chat_can_be_unlinked_and_is_then_refused(client, db, alice, telegram):
    await link_chat(client, db, alice, "555", telegram=telegram)

    deleted = await client.delete(f"{CHATS}/555", headers=alice)
    saved = await client.post(
        SITES, json={"url": "https://example.com/", "valid_word": "x", "telegram_chat_id": "555"}, headers=alice
    )

    assert deleted.status_code == 204
    assert (await client.get(CHATS, headers=alice)).json() == []
    assert saved.status_code == 422


async def test_a_chat_that_sites_alert_cannot_be_unlinked(client, db, alice, telegram):
    await link_chat(client, db, alice, "555", telegram=telegram)
    await create_site(client, alice, telegram_chat_id="555")

    response = await client.delete(f"{CHATS}/555", headers=alice)

    assert response.status_code == 409
    assert "1 website sends alerts to this chat" in response.json()["detail"]
    assert len((await client.get(CHATS, headers=alice)).json()) == 1


async def test_unlinking_a_chat_someone_else_linked_is_404(client, db, alice, bob, telegram):
    await link_chat(client, db, alice, "555", telegram=telegram)

    response = await client.delete(f"{CHATS}/555", headers=bob)

    assert response.status_code == 404
    assert len((await client.get(CHATS, headers=alice)).json()) == 1
