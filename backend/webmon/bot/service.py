"""The bot wired to Webmon's database: `/start <token>` links the chat, `/status` lists the sites
that alert it, and every reply is in the language of the account the chat is linked to."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select

from webmon.bot.app import build_application, run_bot
from webmon.bot.replies import ChatWebsite, LinkRequest
from webmon.config import Settings
from webmon.db import Database
from webmon.models import TelegramChat, User, Website, utcnow
from webmon.telegram.client import api_root
from webmon.telegram.linking import TOKEN_PATTERN, link_chat_by_token
from webmon.vocabulary import PAUSED

__all__ = ["build_bot_application", "link_chat", "locale_for_chat", "run_bot", "websites_for_chat"]

log = logging.getLogger(__name__)

MAX_LISTED = 50


async def websites_for_chat(db: Database, chat_id: str) -> list[ChatWebsite]:
    """The sites whose alerts go to this chat. Whoever is in the chat receives those alerts
    anyway, so listing them there reveals nothing new."""
    async with db.sessions() as session:
        rows = await session.execute(
            select(Website.name, Website.url, Website.status, Website.last_check, Website.is_active)
            .where(Website.telegram_chat_id == chat_id)
            .order_by(Website.name)
            .limit(MAX_LISTED)
        )
        return [
            ChatWebsite(
                name=row.name, url=row.url, status=row.status if row.is_active else PAUSED, last_check=row.last_check
            )
            for row in rows
        ]


async def link_chat(db: Database, request: LinkRequest, *, now: datetime) -> str:
    """Spend the token for the chat, committed before the bot answers."""
    if not re.match(TOKEN_PATTERN, request.token):
        return "unknown"
    async with db.session_scope() as session:
        outcome = await link_chat_by_token(
            session, token=request.token, chat_id=request.chat_id, title=request.title, now=now
        )
    log.info("Telegram %s chat %s: %s", request.chat_type, request.chat_id, outcome)
    return outcome


async def locale_for_chat(db: Database, chat_id: str) -> str | None:
    """The language of the account this chat is linked to (the first to link it, should several
    accounts share a chat), or None when nobody linked it."""
    async with db.sessions() as session:
        return await session.scalar(
            select(User.locale)
            .join(TelegramChat, TelegramChat.user_id == User.id)
            .where(TelegramChat.chat_id == chat_id)
            .order_by(TelegramChat.linked_at, TelegramChat.id)
            .limit(1)
        )


def build_bot_application(db: Database, settings: Settings, clock: Callable[[], datetime] = utcnow):  # type: ignore[no-untyped-def]
    assert settings.telegram_bot_token is not None
    return build_application(
        settings.telegram_bot_token.get_secret_value(),
        api_root(settings),
        websites_for_chat=lambda chat_id: websites_for_chat(db, str(chat_id)),
        link_chat=lambda request: link_chat(db, request, now=clock()),
        locale_for_chat=lambda chat_id: locale_for_chat(db, str(chat_id)),
        public_url=str(settings.public_url).rstrip("/"),
    )
