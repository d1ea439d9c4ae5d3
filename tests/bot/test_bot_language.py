"""The bot answers a chat in the language of the account the chat is linked to; a chat nobody
linked is answered in the sender's Telegram language; anything else in English."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from telegram import Update
from telegram.ext import Application

from tests.conftest import with_telegram
from tests.factories import make_user, make_website
from tests.fakes.telegram_api import FakeTelegram
from webmon.bot import ChatWebsite, build_application
from webmon.bot.app import set_commands
from webmon.bot.service import build_bot_application, locale_for_chat
from webmon.models import TelegramChat

CHECKED = datetime(2024, 5, 1, 10, 2, tzinfo=UTC)
PUBLIC_URL = "https://webmon.example.com"
SITES = {
    "42": [
        ChatWebsite("Shop", "https://shop.example.com", "up", CHECKED),
        ChatWebsite("Blog", "https://blog.example.com", "down", CHECKED),
        ChatWebsite("Wiki", "https://wiki.example.com", "paused", None),
    ]
}


async def _websites(chat_id: str) -> list[ChatWebsite]:
    return SITES.get(chat_id, [])


def _app(tg: FakeTelegram, locales: dict[str, str]) -> Application:
    async def locale(chat_id: str) -> str | None:
        return locales.get(chat_id)

    return build_application(
        tg.token, tg.api_url, websites_for_chat=_websites, locale_for_chat=locale, public_url=PUBLIC_URL
    )


async def _ask(tg: FakeTelegram, application: Application, text: str, chat_id: int = 42, **sender) -> str:
    async with application:
        await application.process_update(Update.de_json(tg.push_message(chat_id, text, **sender), application.bot))
    return tg.sent_to(chat_id)[-1].text


async def test_status_for_a_russian_accounts_chat_is_in_russian(tg: FakeTelegram) -> None:
    text = await _ask(tg, _app(tg, {"42": "ru"}), "/status")

    assert "<b>3 сайта шлют оповещения в этот чат</b>, не работает: 1" in text
    assert "🔴 <b>Blog</b>: не работает, проверен 1 мая 2024, 10:02 UTC" in text
    assert "🟢 <b>Shop</b>: работает, проверен 1 мая 2024, 10:02 UTC" in text
    assert "⏸️ <b>Wiki</b>: на паузе, ещё не проверялся" in text


async def test_the_accounts_language_wins_over_the_senders(tg: FakeTelegram) -> None:
    text = await _ask(tg, _app(tg, {"42": "en"}), "/status", language_code="ru")

    assert "Websites that alert this chat" in text


async def test_a_chat_no_account_has_is_answered_in_the_senders_language(tg: FakeTelegram) -> None:
    text = await _ask(tg, _app(tg, {}), "/start", chat_id=7, language_code="ru-RU")

    assert "Id вашего чата: <code>7</code>" in text


async def test_a_sender_in_a_language_webmon_does_not_speak_gets_english(tg: FakeTelegram) -> None:
    text = await _ask(tg, _app(tg, {}), "/help", chat_id=7, language_code="de")

    assert "<b>Webmon bot</b>" in text


async def test_the_language_lookup_failing_still_answers_in_the_senders_language(tg: FakeTelegram) -> None:
    async def broken(chat_id: str) -> str | None:
        raise ConnectionError("database is down")

    application = build_application(
        tg.token, tg.api_url, websites_for_chat=_websites, locale_for_chat=broken, public_url=PUBLIC_URL
    )
    text = await _ask(tg, application, "/status", language_code="ru")

    assert "3 сайта шлют оповещения" in text


async def test_the_commands_are_described_in_each_language(tg: FakeTelegram) -> None:
    application = _app(tg, {})
    async with application:
        await set_commands(application)

    assert [c["description"] for c in tg.commands][1] == "Websites that alert this chat"
    assert [c["command"] for c in tg.commands_by_language["ru"]] == ["start", "status", "help"]
    assert tg.commands_by_language["ru"][1]["description"] == "Сайты, которые шлют оповещения в этот чат"


# -- against the database ------------------------------------------------------------------------


@pytest.fixture
def quiet_database_driver(caplog: pytest.LogCaptureFixture) -> None:
    """This folder logs at DEBUG; aiosqlite's DEBUG records carry the factories' password hashes."""
    caplog.set_level(logging.INFO, logger="aiosqlite")


@pytest.mark.usefixtures("quiet_database_driver")
async def test_a_chats_language_is_the_linking_accounts(db) -> None:
    async with db.session_scope() as session:
        olga = await make_user(session, locale="ru")
        bob = await make_user(session)
        session.add_all([TelegramChat(user_id=olga.id, chat_id="42"), TelegramChat(user_id=bob.id, chat_id="43")])
        await make_website(session, bob, telegram_chat_id="44")  # a site's chat nobody linked says nothing

    assert await locale_for_chat(db, "42") == "ru"
    assert await locale_for_chat(db, "43") == "en"
    assert await locale_for_chat(db, "44") is None


@pytest.fixture
def bot_settings(database, tg):
    return with_telegram(database.settings, tg)


@pytest.mark.usefixtures("quiet_database_driver")
async def test_status_from_the_database_is_in_the_owners_russian(db, tg: FakeTelegram, bot_settings) -> None:
    async with db.session_scope() as session:
        olga = await make_user(session, locale="ru")
        session.add(TelegramChat(user_id=olga.id, chat_id="42"))
        await make_website(session, olga, name="Магазин", telegram_chat_id="42", status="down", last_check=CHECKED)

    text = await _ask(tg, build_bot_application(db, bot_settings), "/status")

    assert "<b>1 сайт шлёт оповещения в этот чат</b>, не работает: 1" in text
    assert "🔴 <b>Магазин</b>: не работает, проверен 1 мая 2024, 10:02 UTC" in text


@pytest.mark.usefixtures("quiet_database_driver")
async def test_a_chat_linked_by_a_russian_account_hears_so_in_russian(db, tg: FakeTelegram, bot_settings) -> None:
    from webmon.models import utcnow
    from webmon.telegram.linking import create_link_token

    async with db.session_scope() as session:
        olga = await make_user(session, locale="ru")
        link = await create_link_token(session, user_id=olga.id, now=utcnow())

    text = await _ask(tg, build_bot_application(db, bot_settings), f"/start {link.token}", chat_id=77)

    assert "Этот чат привязан к Webmon" in text
    assert await locale_for_chat(db, "77") == "ru"


async def test_an_unknown_link_is_answered_in_the_senders_language(tg: FakeTelegram) -> None:
    async def link(request) -> str:  # type: ignore[no-untyped-def]
        return "unknown"

    application = build_application(
        tg.token, tg.api_url, websites_for_chat=_websites, link_chat=link, public_url=PUBLIC_URL
    )
    text = await _ask(tg, application, "/start " + "x" * 32, chat_id=7, language_code="ru")

    assert "Я не знаю эту ссылку" in text
