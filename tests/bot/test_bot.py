"""The bot over real sockets against the fake Bot API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from telegram import Update
from telegram.ext import Application

from tests.fakes.telegram_api import FakeTelegram
from webmon.bot import BOT_COMMANDS, ChatWebsite, build_application, run_bot

CHECKED = datetime(2024, 5, 1, 10, 2, tzinfo=UTC)
PUBLIC_URL = "https://webmon.example.com"


class Websites:
    """The injected lookup: websites per chat id, and which chats were asked about."""

    def __init__(self, by_chat: dict[str, list[ChatWebsite]] | None = None) -> None:
        self.by_chat = by_chat or {}
        self.asked: list[str] = []

    async def __call__(self, chat_id: str) -> list[ChatWebsite]:
        self.asked.append(chat_id)
        return self.by_chat.get(chat_id, [])


def make_app(tg: FakeTelegram, websites: Websites | None = None) -> Application:
    return build_application(tg.token, tg.api_url, websites_for_chat=websites or Websites(), public_url=PUBLIC_URL)


@pytest.fixture
async def app(tg: FakeTelegram) -> AsyncIterator[Application]:
    application = make_app(tg)
    async with application:
        yield application


async def handle(application: Application, update: dict) -> None:
    await application.process_update(Update.de_json(update, application.bot))


async def test_start_replies_with_the_chat_id_in_a_private_chat(tg: FakeTelegram, app) -> None:
    await handle(app, tg.push_message(987654321, "/start"))

    [reply] = tg.sent_to(987654321)
    assert "Your chat id is <code>987654321</code>" in reply.text
    assert "Link a chat" in reply.text
    assert reply.parse_mode == "HTML"


async def test_start_in_a_group_names_the_groups_chat_id(tg: FakeTelegram, app) -> None:
    update = tg.push_message(-1001234567890, "/start@webmon_test_bot", "supergroup", title="Ops")

    await handle(app, update)

    [reply] = tg.sent_to(-1001234567890)
    assert "This group's chat id is <code>-1001234567890</code>" in reply.text


async def test_start_in_a_channel_names_the_channels_chat_id(tg: FakeTelegram, app) -> None:
    await handle(app, tg.push_message(-1009999, "/start", "channel", title="Alerts"))

    [reply] = tg.sent_to(-1009999)
    assert "This channel's chat id is <code>-1009999</code>" in reply.text


async def test_a_command_for_another_bot_is_ignored(tg: FakeTelegram, app) -> None:
    await handle(app, tg.push_message(-100555, "/start@someone_else_bot", "supergroup"))

    assert tg.sent == []


async def test_status_lists_the_chats_websites_escaped(tg: FakeTelegram) -> None:
    websites = Websites(
        {
            "42": [
                ChatWebsite("<b>x</b> & <img src=x>", "https://evil.example/?a=1&b=<2>", "down", CHECKED),
                ChatWebsite("Shop", "https://shop.example.com", "up", CHECKED),
                ChatWebsite("New", "https://new.example.com", "pending", None),
            ]
        }
    )
    async with make_app(tg, websites) as application:
        await handle(application, tg.push_message(42, "/status"))

    [reply] = tg.sent_to(42)
    assert websites.asked == ["42"]
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &lt;img src=x&gt;" in reply.text
    assert "<img" not in reply.text
    assert "https://evil.example/?a=1&amp;b=&lt;2&gt;" in reply.text
    assert "3, 1 down" in reply.text
    assert "Shop</b>: up, checked 2024-05-01 10:02 UTC" in reply.text
    assert "New</b>: pending, not checked yet" in reply.text
    assert reply.text.index("&lt;b&gt;x") < reply.text.index("New") < reply.text.index("Shop")


async def test_status_shows_a_paused_website_as_paused_after_the_active_ones(tg: FakeTelegram) -> None:
    websites = Websites(
        {
            "42": [
                ChatWebsite("Blog", "https://blog.example.com", "paused", CHECKED),
                ChatWebsite("Shop", "https://shop.example.com", "up", CHECKED),
            ]
        }
    )
    async with make_app(tg, websites) as application:
        await handle(application, tg.push_message(42, "/status"))

    [reply] = tg.sent_to(42)
    assert "⏸️ <b>Blog</b>: paused, checked 2024-05-01 10:02 UTC" in reply.text
    assert "❔" not in reply.text
    assert reply.text.index("Shop") < reply.text.index("Blog")


async def test_status_says_when_no_websites_alert_the_chat(tg: FakeTelegram, app) -> None:
    await handle(app, tg.push_message(42, "/status"))

    [reply] = tg.sent_to(42)
    assert "No websites alert this chat yet" in reply.text


async def test_status_of_many_websites_fits_one_message(tg: FakeTelegram) -> None:
    many = [
        ChatWebsite(f"Site {i} " + "&" * 100, f"https://{i}.example.com/" + "x" * 200, "up", CHECKED)
        for i in range(100)
    ]
    async with make_app(tg, Websites({"42": many})) as application:
        await handle(application, tg.push_message(42, "/status"))

    [reply] = tg.sent_to(42)
    assert len(reply.text.encode("utf-16-le")) // 2 <= 4096
    assert "more in" in reply.text


async def test_status_apologises_when_the_lookup_fails(tg: FakeTelegram) -> None:
    async def broken(chat_id: str) -> list[ChatWebsite]:
        raise ConnectionError("database is down")

    application = build_application(tg.token, tg.api_url, websites_for_chat=broken, public_url=PUBLIC_URL)
    async with application:
        await handle(application, tg.push_message(42, "/status"))

    [reply] = tg.sent_to(42)
    assert "could not load the websites" in reply.text


async def test_help_lists_the_commands(tg: FakeTelegram, app) -> None:
    await handle(app, tg.push_message(42, "/help"))

    [reply] = tg.sent_to(42)
    for command in ("/start", "/status", "/help"):
        assert command in reply.text


async def test_run_bot_registers_commands_and_answers_start_by_polling(tg: FakeTelegram) -> None:
    stop = asyncio.Event()
    running = asyncio.create_task(run_bot(make_app(tg), stop=stop, poll_timeout=1))
    try:
        tg.push_message(-1001234567890, "/start", "supergroup", title="Ops")
        [reply] = await tg.wait_for_sent(1, chat_id=-1001234567890, timeout=10)
    finally:
        stop.set()
        await asyncio.wait_for(running, 10)

    assert "-1001234567890" in reply.text
    assert [c["command"] for c in tg.commands] == [c.command for c in BOT_COMMANDS]
    assert tg.calls_to("deleteWebhook")


async def test_run_bot_confirms_handled_updates(tg: FakeTelegram) -> None:
    stop = asyncio.Event()
    running = asyncio.create_task(run_bot(make_app(tg), stop=stop, poll_timeout=1))
    try:
        tg.push_message(42, "/help")
        await tg.wait_for_sent(1, chat_id=42, timeout=10)
        tg.push_message(42, "/start")
        await tg.wait_for_sent(2, chat_id=42, timeout=10)
    finally:
        stop.set()
        await asyncio.wait_for(running, 10)

    # Each update is answered once: the offset confirmed the first before the second came.
    assert len(tg.sent_to(42)) == 2


async def test_run_bot_waits_for_telegram_at_startup(tg: FakeTelegram) -> None:
    await tg.down()
    stop = asyncio.Event()
    running = asyncio.create_task(run_bot(make_app(tg), stop=stop, poll_timeout=1))
    await asyncio.sleep(0.3)
    assert not running.done()
    await tg.up()
    try:
        tg.push_message(42, "/start")
        await tg.wait_for_sent(1, chat_id=42, timeout=10)
    finally:
        stop.set()
        await asyncio.wait_for(running, 10)


async def test_run_bot_stops_when_told_even_while_telegram_is_down(tg: FakeTelegram) -> None:
    await tg.down()
    stop = asyncio.Event()
    running = asyncio.create_task(run_bot(make_app(tg), stop=stop))
    await asyncio.sleep(0.2)

    stop.set()

    await asyncio.wait_for(running, 5)


async def test_run_bot_cleans_up_when_cancelled(tg: FakeTelegram) -> None:
    application = make_app(tg)
    running = asyncio.create_task(run_bot(application, poll_timeout=1))
    for _ in range(100):
        if tg.calls_to("getUpdates"):
            break
        await asyncio.sleep(0.05)

    running.cancel()

    with pytest.raises(asyncio.CancelledError):
        await running
    assert not application.running
    assert not application.updater.running
