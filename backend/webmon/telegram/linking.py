"""Linking a Telegram chat to an account: the dashboard asks for a one-time token, the chat sends
it to the bot (`/start <token>`), and from then on the account may send alerts there.

Only a token's SHA-256 is stored. A chat that was never linked cannot be used, so nobody can point
the bot at a chat they are not in."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.errors import Conflict, NotFound
from webmon.models import TelegramChat, TelegramLinkToken, Website

LINK_TOKEN_LIFETIME = timedelta(minutes=15)
# Telegram passes a start parameter of up to 64 characters from A-Z, a-z, 0-9, _ and -.
TOKEN_PATTERN = r"^[A-Za-z0-9_-]{20,64}$"

LinkOutcome = Literal["linked", "already_linked", "expired", "used", "unknown"]


@dataclass(frozen=True, slots=True)
class LinkToken:
    token: str
    expires_at: datetime


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_link_token(session: AsyncSession, *, user_id: int, now: datetime) -> LinkToken:
    token = secrets.token_urlsafe(24)  # 192 bits, 32 characters
    expires_at = now + LINK_TOKEN_LIFETIME
    # A user's spent and expired tokens are no use to anyone: forget them as new ones are made.
    await session.execute(
        delete(TelegramLinkToken).where(TelegramLinkToken.user_id == user_id, TelegramLinkToken.expires_at <= now)
    )
    session.add(TelegramLinkToken(user_id=user_id, token_hash=_hash(token), created_at=now, expires_at=expires_at))
    await session.flush()
    return LinkToken(token=token, expires_at=expires_at)


async def link_chat_by_token(
    session: AsyncSession, *, token: str, chat_id: str, title: str | None, now: datetime
) -> LinkOutcome:
    """Spend `token` to link `chat_id` to the token's owner. Compare-and-set: two chats sending
    one token at once cannot both win."""
    digest = _hash(token)
    owner = (
        await session.execute(
            update(TelegramLinkToken)
            .where(
                TelegramLinkToken.token_hash == digest,
                TelegramLinkToken.used_at.is_(None),
                TelegramLinkToken.expires_at > now,
            )
            .values(used_at=now, chat_id=chat_id)
            .returning(TelegramLinkToken.user_id)
        )
    ).scalar_one_or_none()
    if owner is None:
        row = (
            await session.execute(
                select(TelegramLinkToken.used_at, TelegramLinkToken.chat_id).where(
                    TelegramLinkToken.token_hash == digest
                )
            )
        ).first()
        if row is None:
            return "unknown"
        if row.used_at is not None:
            return "already_linked" if row.chat_id == chat_id else "used"
        return "expired"

    existing = await session.scalar(
        select(TelegramChat).where(TelegramChat.user_id == owner, TelegramChat.chat_id == chat_id)
    )
    if existing is not None:
        existing.title = title or existing.title
        return "already_linked"
    try:
        async with session.begin_nested():
            session.add(TelegramChat(user_id=owner, chat_id=chat_id, title=title, linked_at=now))
    except IntegrityError:  # the same user linked the same chat with another token just now
        return "already_linked"
    return "linked"


async def list_chats(session: AsyncSession, *, user_id: int) -> list[TelegramChat]:
    rows = await session.scalars(
        select(TelegramChat).where(TelegramChat.user_id == user_id).order_by(TelegramChat.linked_at, TelegramChat.id)
    )
    return list(rows)


async def is_linked(session: AsyncSession, *, user_id: int, chat_id: str) -> bool:
    found = await session.scalar(
        select(TelegramChat.id).where(TelegramChat.user_id == user_id, TelegramChat.chat_id == chat_id)
    )
    return found is not None


async def remember_migration(session: AsyncSession, *, user_id: int, old_chat_id: str, new_chat_id: str) -> None:
    """A linked group became a supergroup with a new id: the new id is the same chat, so linked."""
    if not await is_linked(session, user_id=user_id, chat_id=new_chat_id):
        title = await session.scalar(
            select(TelegramChat.title).where(TelegramChat.user_id == user_id, TelegramChat.chat_id == old_chat_id)
        )
        session.add(TelegramChat(user_id=user_id, chat_id=new_chat_id, title=title))
        await session.flush()


async def unlink_chat(session: AsyncSession, *, user_id: int, chat_id: str) -> None:
    """Refused (409) while any of the user's websites alert the chat: unlinking never silently
    stops alerts; the user picks another chat for those sites first."""
    chat = await session.scalar(
        select(TelegramChat).where(TelegramChat.user_id == user_id, TelegramChat.chat_id == chat_id)
    )
    if chat is None:
        raise NotFound("This chat is not linked to your account")
    using = await session.scalar(
        select(func.count()).select_from(Website).where(Website.user_id == user_id, Website.telegram_chat_id == chat_id)
    )
    if using:
        sites = "website sends" if using == 1 else "websites send"
        raise Conflict(f"{using} {sites} alerts to this chat; choose another chat for them first, then unlink it")
    await session.delete(chat)
    await session.flush()
