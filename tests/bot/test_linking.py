"""Linking a chat by `/start <token>`: the bot as `webmon bot` and `webmon serve` run it, over
real sockets against the fake Bot API, with the real database."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.conftest import with_telegram
from tests.fakes.telegram_api import FakeTelegram
from webmon.bot.service import build_bot_application, run_bot
from webmon.models import TelegramChat, User
from webmon.telegram.linking import create_link_token

START = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, by: timedelta) -> None:
        self.now += by


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
async def bot(db, tg: FakeTelegram, clock) -> AsyncIterator[None]:
    """The bot polling the fake Bot API, wired to the database as `webmon bot` wires it."""
    settings = with_telegram(db.settings, tg)
    stop = asyncio.Event()
    running = asyncio.create_task(run_bot(build_bot_application(db, settings, clock), stop=stop, poll_timeout=1))
    yield
    stop.set()
    await asyncio.wait_for(running, 10)


async def _token_for(db, *, now: datetime = START) -> tuple[int, str]:
    async with db.session_scope() as session:
        # No bcrypt hash: this folder logs at DEBUG, and SQLite's driver logs parameters.
        user = User(email=f"u{now.timestamp()}-{id(session)}@example.com", username="alice", hashed_password="-")
        session.add(user)
        await session.flush()
        link = await create_link_token(session, user_id=user.id, now=now)
        return user.id, link.token


async def _linked(db) -> list[tuple[int, str, str | None]]:
    async with db.sessions() as session:
        rows = await session.execute(select(TelegramChat.user_id, TelegramChat.chat_id, TelegramChat.title))
        return [tuple(row) for row in rows]


async def test_start_with_a_token_links_the_private_chat_and_says_so(db, tg, bot) -> None:
    user_id, token = await _token_for(db)

    tg.push_message(555, f"/start {token}", first_name="Alice")
    [reply] = await tg.wait_for_sent(1, chat_id=555, timeout=10)

    assert "This chat is linked to Webmon" in reply.text
    assert await _linked(db) == [(user_id, "555", "Alice")]


async def test_a_group_links_by_the_startgroup_command_addressed_to_the_bot(db, tg, bot) -> None:
    user_id, token = await _token_for(db)

    tg.push_message(-1001234567890, f"/start@webmon_test_bot {token}", "supergroup", title="Ops")
    [reply] = await tg.wait_for_sent(1, chat_id=-1001234567890, timeout=10)

    assert "linked" in reply.text
    assert await _linked(db) == [(user_id, "-1001234567890", "Ops")]


async def test_a_channel_links_by_posting_the_start_line(db, tg, bot) -> None:
    user_id, token = await _token_for(db)

    tg.push_message(-1009999, f"/start {token}", "channel", title="Alerts")
    await tg.wait_for_sent(1, chat_id=-1009999, timeout=10)

    assert await _linked(db) == [(user_id, "-1009999", "Alerts")]


async def test_a_used_token_links_no_other_chat(db, tg, bot) -> None:
    user_id, token = await _token_for(db)
    tg.push_message(555, f"/start {token}")
    await tg.wait_for_sent(1, chat_id=555, timeout=10)

    tg.push_message(666, f"/start {token}", first_name="Mallory")
    [reply] = await tg.wait_for_sent(1, chat_id=666, timeout=10)

    assert "already used" in reply.text and "Nothing was linked" in reply.text
    assert await _linked(db) == [(user_id, "555", "Alice")]


async def test_an_expired_token_links_nothing(db, tg, bot, clock) -> None:
    _, token = await _token_for(db)
    clock.advance(timedelta(minutes=15, seconds=1))

    tg.push_message(555, f"/start {token}")
    [reply] = await tg.wait_for_sent(1, chat_id=555, timeout=10)

    assert "expired" in reply.text and "Nothing was linked" in reply.text
    assert await _linked(db) == []


async def test_an_unknown_token_links_nothing(db, tg, bot) -> None:
    await _token_for(db)

    tg.push_message(555, "/start not-a-token-anybody-was-given-xyz")
    [reply] = await tg.wait_for_sent(1, chat_id=555, timeout=10)

    assert "do not know this link" in reply.text
    assert await _linked(db) == []


async def test_the_same_chat_linked_twice_is_one_link(db, tg, bot) -> None:
    user_id, first = await _token_for(db)
    async with db.session_scope() as session:
        second = (await create_link_token(session, user_id=user_id, now=START)).token

    tg.push_message(555, f"/start {first}")
    await tg.wait_for_sent(1, chat_id=555, timeout=10)
    tg.push_message(555, f"/start {second}")
    [_, reply] = await tg.wait_for_sent(2, chat_id=555, timeout=10)

    assert "already linked" in reply.text
    assert await _linked(db) == [(user_id, "555", "Alice")]


async def test_serve_links_a_chat_through_its_in_process_bot(db, tg, caplog) -> None:
    """`webmon serve` end to end: the dashboard's link, /start in Telegram, the chat usable."""
    import logging

    import httpx

    caplog.set_level(logging.INFO, logger="aiosqlite")  # it logs SQL parameters (a password hash) at DEBUG

    from tests.factories import register
    from webmon.app import create_app

    settings = with_telegram(db.settings, tg).model_copy(update={"scheduler_tick": 0.2})
    app = create_app(settings, database=db, scheduler=True)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://webmon.test") as client:
            alice = await register(client, "alice")
            link = (await client.post("/api/v1/telegram/link", headers=alice)).json()

            tg.push_message(-100777, f"/start@webmon_test_bot {link['token']}", "supergroup", title="On call")
            [reply] = await tg.wait_for_sent(1, chat_id=-100777, timeout=10)
            chats = (await client.get("/api/v1/telegram/chats", headers=alice)).json()
            tested = await client.post("/api/v1/telegram/test", json={"chat_id": "-100777"}, headers=alice)

    assert "linked to Webmon" in reply.text
    assert [(c["chat_id"], c["title"]) for c in chats] == [("-100777", "On call")]
    assert tested.status_code == 200
    assert len(tg.sent_to(-100777)) == 2
