"""Who may create an account (`WEBMON_REGISTRATION`, or the dashboard's Settings).

- `open` (the default): anyone. A fresh install needs its first account, the README's examples
  register, and an upgraded installation keeps working as it did; the administrator switches to
  `invite` in Settings once their account exists.
- `invite`: only with an unused, unexpired invitation the administrator made.
- `closed`: nobody.

Whatever the mode, the account that is to be the administrator can always be created, or an
installation started with `closed` could never be administered: the account of
`WEBMON_ADMIN_EMAIL` when that is set (and does not exist yet), else the very first account.
Two "first" registrations at once on PostgreSQL are serialised by an advisory lock, so only one
of them gets past a closed door.

A refusal is a 403 (`Forbidden`) saying why and what to do.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.config import Settings
from webmon.errors import Forbidden
from webmon.instance import invitations
from webmon.instance.settings import load_instance_settings
from webmon.models import User

CLOSED = "Registration is closed on this server. Ask its administrator for an account"
NEEDS_INVITATION = "Registration on this server needs an invitation. Ask its administrator for an invitation link"
# Any constant: the key of the advisory lock that serialises "first account" registrations.
_FIRST_ACCOUNT_LOCK = 0x77EB_0001


async def _no_accounts_yet(session: AsyncSession) -> bool:
    if session.get_bind().dialect.name == "postgresql":
        # Held to the end of the transaction: a concurrent first registration waits here, then
        # (READ COMMITTED, a new statement) sees the account this one made.
        await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _FIRST_ACCOUNT_LOCK})
    return not await session.scalar(select(func.count()).select_from(User))


async def becomes_administrator(session: AsyncSession, settings: Settings, email: str) -> bool:
    if settings.admin_email is not None:
        return email == settings.admin_email
    return await _no_accounts_yet(session)


async def admit(
    session: AsyncSession, settings: Settings, *, email: str, invitation: str | None, now: datetime
) -> str | None:
    """Raise Forbidden when `email` may not register now; return the invitation token to redeem
    once the account exists (None when none is needed). `email` is already normalised."""
    mode = (await load_instance_settings(session, settings)).registration
    if mode == "open" or await becomes_administrator(session, settings, email):
        return None
    if mode == "closed":
        raise Forbidden(CLOSED)
    if not invitation:
        raise Forbidden(NEEDS_INVITATION)
    await invitations.find_usable(session, invitation, now=now)
    return invitation
