"""Checking that a chat is linked and the bot can reach it, and test messages."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from webmon.alerting.messages import format_test_message
from webmon.errors import InvalidField, RateLimited
from webmon.notifiers.base import TransportError
from webmon.rate_windows import take_hit
from webmon.telegram.client import TelegramClient
from webmon.telegram.linking import is_linked, remember_migration

NOT_CONFIGURED = (
    "Telegram alerts are not set up on this server (its administrator sets WEBMON_TELEGRAM_BOT_TOKEN); "
    "leave the chat empty for now"
)
HOW_TO_LINK = (
    "press “Link a chat” beside the Telegram field in the dashboard (or POST /api/v1/telegram/link) "
    "and open the link it gives in Telegram, in the chat that should get the alerts"
)


async def _how_to_link(client: TelegramClient) -> str:
    username = await client.bot_username()
    bot = f"@{username}" if username else "the Webmon bot"
    return (
        f"make sure {bot} is in the chat (not blocked, not removed from the group), then link it again: {HOW_TO_LINK}"
    )


async def _require_linked(
    client: TelegramClient, session: AsyncSession, *, user_id: int, chat_id: str, field: str
) -> str:
    """`chat_id` when the user linked that chat, or a 422 on `field` saying how to link it. A public
    @channel name counts when the channel it names is linked."""
    if await is_linked(session, user_id=user_id, chat_id=chat_id):
        return chat_id
    if chat_id.startswith("@"):
        try:
            chat = await client.notifier.get_chat(chat_id)
        except TransportError:
            chat = None
        if chat is not None and await is_linked(session, user_id=user_id, chat_id=chat.id):
            return chat_id
    raise InvalidField(
        field, f"This Telegram chat is not linked to your account. To link it, {HOW_TO_LINK}", kind="telegram_unlinked"
    )


async def verify_chat(
    client: TelegramClient | None,
    chat_id: str,
    *,
    session: AsyncSession,
    user_id: int,
    field: str = "telegram_chat_id",
) -> str:
    """The chat id to store (a migrated group's new id), or a 422 on `field` saying what to do."""
    if client is None:
        raise InvalidField(field, NOT_CONFIGURED, kind="telegram_disabled")
    chat_id = await _require_linked(client, session, user_id=user_id, chat_id=chat_id, field=field)
    try:
        chat = await client.notifier.get_chat(chat_id)
    except TransportError as exc:
        if exc.migrate_to_chat_id:
            new_id = str(exc.migrate_to_chat_id)
            await remember_migration(session, user_id=user_id, old_chat_id=chat_id, new_chat_id=new_id)
            return new_id
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
    client: TelegramClient | None,
    chat_id: str,
    *,
    session: AsyncSession,
    user_id: int,
    public_url: str,
    now: datetime,
    interval: timedelta,
    locale: str,
) -> None:
    """At most one test message per `interval` per chat and per account, whichever API process
    takes the request; in the language of the user who asked (`locale`)."""
    if client is None:
        raise InvalidField("chat_id", NOT_CONFIGURED, kind="telegram_disabled")
    chat_id = await _require_linked(client, session, user_id=user_id, chat_id=chat_id, field="chat_id")
    # rate_windows rows, shared by every API process; a refused or failed send rolls its hits back.
    window = interval.total_seconds()
    waits = [
        await take_hit(session, key, limit=1, window_seconds=window, now=now)
        for key in (f"telegram-test:chat:{chat_id}", f"telegram-test:user:{user_id}")
    ]
    refused = [wait for wait in waits if wait is not None]
    if refused:
        raise RateLimited(
            f"A test message was sent less than {int(window)} s ago; try again later",
            retry_after=math.ceil(max(refused)),
        )
    try:
        await client.notifier.send_message(chat_id, format_test_message(public_url=public_url, at=now, locale=locale))
    except TransportError as exc:
        if exc.permanent or exc.migrate_to_chat_id:
            raise InvalidField(
                "chat_id", f"The bot cannot reach this chat ({exc}): {await _how_to_link(client)}", kind="telegram_chat"
            ) from None
        raise InvalidField("chat_id", f"Telegram did not take the message ({exc}); try again in a minute") from None
