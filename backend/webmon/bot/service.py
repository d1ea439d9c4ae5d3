"""The bot wired to Webmon's database: `/status` lists the sites that alert the chat, and every
reply is in the language of the account whose sites alert it."""

from __future__ import annotations

from sqlalchemy import select

from webmon.bot.app import build_application, run_bot
from webmon.bot.replies import ChatWebsite
from webmon.config import Settings
from webmon.db import Database
from webmon.models import User, Website
from webmon.telegram.client import api_root
from webmon.vocabulary import PAUSED

__all__ = ["build_bot_application", "locale_for_chat", "run_bot", "websites_for_chat"]

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


async def locale_for_chat(db: Database, chat_id: str) -> str | None:
    """The language of the account whose websites alert this chat (the one with the oldest such
    site, should several accounts share a chat), or None when no website alerts it."""
    async with db.sessions() as session:
        return await session.scalar(
            select(User.locale)
            .join(Website, Website.user_id == User.id)
            .where(Website.telegram_chat_id == chat_id)
            .order_by(Website.id)
            .limit(1)
        )


def build_bot_application(db: Database, settings: Settings):  # type: ignore[no-untyped-def]
    assert settings.telegram_bot_token is not None
    return build_application(
        settings.telegram_bot_token.get_secret_value(),
        api_root(settings),
        websites_for_chat=lambda chat_id: websites_for_chat(db, str(chat_id)),
        locale_for_chat=lambda chat_id: locale_for_chat(db, str(chat_id)),
        public_url=str(settings.public_url).rstrip("/"),
    )
