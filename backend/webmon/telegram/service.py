"""Checking that the bot can reach a chat, and test messages."""

from __future__ import annotations

from datetime import datetime

from webmon.alerting.messages import format_test_message
from webmon.errors import InvalidField
from webmon.notifiers.base import TransportError
from webmon.telegram.client import TelegramClient

NOT_CONFIGURED = (
    "Telegram alerts are not set up on this server (its administrator sets WEBMON_TELEGRAM_BOT_TOKEN); "
    "leave the chat empty for now"
)


async def _how_to_link(client: TelegramClient) -> str:
    username = await client.bot_username()
    bot = f"@{username}" if username else "the Webmon bot"
    return f"open {bot} in Telegram (or add it to your group), send /start, and paste the chat id it replies with"


async def verify_chat(client: TelegramClient | None, chat_id: str, *, field: str = "telegram_chat_id") -> str:
    """The chat id to store (a migrated group's new id), or a 422 on `field` saying what to do."""
    if client is None:
        raise InvalidField(field, NOT_CONFIGURED, kind="telegram_disabled")
    try:
        chat = await client.notifier.get_chat(chat_id)
    except TransportError as exc:
        if exc.migrate_to_chat_id:
            return str(exc.migrate_to_chat_id)
        if exc.permanent:
            raise InvalidField(
                field, f"The bot cannot reach this chat ({exc}): {await _how_to_link(client)}", kind="telegram_chat"
            ) from None
        raise InvalidField(
            field,
            f"Telegram could not be asked about this chat ({exc}); try again in a minute",
            kind="telegram_unavailable",
        ) from None
    return chat.id if not chat_id.startswith("@") else chat_id


async def send_test_message(
    client: TelegramClient | None, chat_id: str, *, public_url: str, now: datetime, locale: str
) -> None:
    """The test message, in the language of the user who asked (`locale`)."""
    if client is None:
        raise InvalidField("chat_id", NOT_CONFIGURED, kind="telegram_disabled")
    try:
        await client.notifier.send_message(chat_id, format_test_message(public_url=public_url, at=now, locale=locale))
    except TransportError as exc:
        if exc.permanent or exc.migrate_to_chat_id:
            raise InvalidField(
                "chat_id", f"The bot cannot reach this chat ({exc}): {await _how_to_link(client)}", kind="telegram_chat"
            ) from None
        raise InvalidField("chat_id", f"Telegram did not take the message ({exc}); try again in a minute") from None
