"""Telegram from the user's side: is it set up, which bot, can it reach my chat."""

from __future__ import annotations

import pytest

from tests.conftest import with_telegram
from tests.factories import create_site, link_chat, register

SITES = "/api/v1/websites"


@pytest.fixture
def settings(database, telegram):
    return with_telegram(database.settings, telegram)


@pytest.fixture
async def alice(client):
    return await register(client, "alice")


async def test_telegram_info_names_the_bot(client, alice):
    response = await client.get("/api/v1/telegram", headers=alice)

    assert response.json() == {"enabled": True, "bot_username": "webmon_test_bot"}


async def test_the_bot_token_never_appears_in_responses(client, alice, telegram):
    responses = [
        await client.get("/api/v1/telegram", headers=alice),
        await client.post("/api/v1/telegram/test", json={"chat_id": "999"}, headers=alice),
        await client.get("/openapi.json"),
    ]

    secret = telegram.token.partition(":")[2]
    assert all(secret not in response.text for response in responses)


async def test_a_test_message_reaches_a_linked_chat(client, db, alice, telegram):
    telegram.add_chat("555")
    await link_chat(client, db, alice, "555")

    response = await client.post("/api/v1/telegram/test", json={"chat_id": "555"}, headers=alice)

    assert response.status_code == 200
    [message] = telegram.sent_to("555")
    assert "test" in message.text.lower()


async def test_a_test_message_to_an_unreachable_chat_is_422_saying_what_to_do(client, db, alice, telegram):
    await link_chat(client, db, alice, "777")
    telegram.known_chats_only = True

    response = await client.post("/api/v1/telegram/test", json={"chat_id": "777"}, headers=alice)

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "chat_id"]
    assert "Link a chat" in error["msg"] and "@webmon_test_bot" in error["msg"]


async def test_a_linked_chat_the_bot_cannot_reach_is_refused_when_saving_a_site(client, db, alice, telegram):
    await link_chat(client, db, alice, "31337")
    telegram.fail_next("31337", "kicked")

    response = await client.post(
        SITES, json={"url": "https://example.com/", "valid_word": "x", "telegram_chat_id": "31337"}, headers=alice
    )

    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "telegram_chat_id"]
    assert "cannot reach" in error["msg"] and "Link a chat" in error["msg"]


async def test_a_migrated_group_is_stored_under_its_new_id(client, db, alice, telegram):
    telegram.add_chat("-4001", type="group")
    await link_chat(client, db, alice, "-4001")
    telegram.add_chat("-1004001", type="supergroup")
    telegram.fail_next("-4001", "migrate", migrate_to_chat_id="-1004001")

    site = await create_site(client, alice, telegram_chat_id="-4001")

    assert site["telegram_chat_id"] == "-1004001"
    chats = (await client.get("/api/v1/telegram/chats", headers=alice)).json()
    assert {c["chat_id"] for c in chats} == {"-4001", "-1004001"}


async def test_choosing_another_chat_clears_the_broken_link_reason(client, alice, telegram, db):
    from webmon.models import Website

    telegram.add_chat("100")
    telegram.add_chat("200")
    await link_chat(client, db, alice, "100")
    await link_chat(client, db, alice, "200")
    site = await create_site(client, alice, telegram_chat_id="100")
    async with db.session_scope() as session:
        (await session.get(Website, site["id"])).telegram_error = "Forbidden: bot was blocked by the user"

    response = await client.patch(f"{SITES}/{site['id']}", json={"telegram_chat_id": "200"}, headers=alice)

    assert response.json()["telegram_chat_id"] == "200"
    assert response.json()["telegram_error"] is None


async def test_without_a_bot_token_telegram_is_disabled_and_chats_are_refused(app, client, alice):
    app.state.webmon.telegram = None

    info = await client.get("/api/v1/telegram", headers=alice)
    saved = await client.post(
        SITES, json={"url": "https://example.com/", "valid_word": "x", "telegram_chat_id": "1"}, headers=alice
    )

    assert info.json() == {"enabled": False, "bot_username": None}
    assert saved.status_code == 422
    assert "WEBMON_TELEGRAM_BOT_TOKEN" in saved.json()["detail"][0]["msg"]
