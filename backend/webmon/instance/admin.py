"""Who the instance administrator is: the account of `WEBMON_ADMIN_EMAIL` when it is set, else
the first account (the lowest id: user ids are never reused). One administrator, found by a query
on the primary key or the e-mail's unique index: cheap enough to ask on every admin request, so
a change of `WEBMON_ADMIN_EMAIL` or a deleted first account takes effect at once."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.config import Settings
from webmon.errors import Forbidden
from webmon.models import User

NOT_ADMIN = "Only the instance administrator can do this"


async def administrator_id(session: AsyncSession, settings: Settings) -> int | None:
    if settings.admin_email is not None:
        return await session.scalar(select(User.id).where(User.email == settings.admin_email))
    return await session.scalar(select(func.min(User.id)))


async def is_admin(session: AsyncSession, settings: Settings, user_id: int) -> bool:
    return await administrator_id(session, settings) == user_id


async def require_admin(session: AsyncSession, settings: Settings, user_id: int) -> None:
    if not await is_admin(session, settings, user_id):
        raise Forbidden(NOT_ADMIN)
