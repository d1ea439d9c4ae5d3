from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from webmon.config import Settings
from webmon.notifiers.base import TransportError
from webmon.notifiers.telegram import TelegramNotifier

log = logging.getLogger("webmon.telegram")


def api_root(settings: Settings) -> str:
    return str(settings.telegram_api_url).rstrip("/")


@contextlib.asynccontextmanager
async def telegram_client(settings: Settings) -> AsyncIterator[TelegramClient | None]:
    """The process's Telegram client, or None when WEBMON_TELEGRAM_BOT_TOKEN is not set."""
    if settings.telegram_bot_token is None:
        yield None
        return
    notifier = TelegramNotifier(settings.telegram_bot_token.get_secret_value(), api_root(settings))
    try:
        yield TelegramClient(notifier)
    finally:
        await notifier.close()


class TelegramClient:
    """The notifier plus the bot's username, asked of Telegram once and remembered."""

    def __init__(self, notifier: TelegramNotifier) -> None:
        self.notifier = notifier
        self._username: str | None = None

    async def bot_username(self) -> str | None:
        if self._username is None:
            try:
                self._username = await self.notifier.get_me() or None
            except TransportError as exc:
                log.warning("cannot ask Telegram for the bot's name: %s", exc)
        return self._username
