"""Server-side sessions: one row of auth_sessions per sign-in (the dashboard's cookie, or one
bearer token), so that a session lasts while it is used, ends on its own, and can be revoked.

- The dashboard's cookie holds a random secret; the row's id is its HMAC-SHA256 under
  `WEBMON_SECRET_KEY`, so the database never holds a usable cookie, and a new key signs every
  session out, as it does bearer tokens. A bearer token (a JWT) names its row in its signed
  `sid` claim.
- A session ends `WEBMON_SESSION_IDLE_TIMEOUT` seconds after it was last used, and at the latest
  at `expires_at`: `WEBMON_SESSION_MAX_LIFETIME` after sign-in for the cookie, the token's own
  expiry for a bearer token. Use moves `last_seen_at` forward, at most once a minute (a write
  per minute per session, not per request).
- Logging out sets `revoked_at`; a password change revokes every session of the account; deleting
  the account deletes its sessions (ON DELETE CASCADE). A session's id is random, so a token can
  never name another account's session, whatever ids the database hands out.

Nothing here commits: the request does.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, insert, or_, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from webmon.models import AuthSession

COOKIE = "cookie"
TOKEN = "token"
# How stale last_seen_at may get before a request writes it again.
TOUCH_INTERVAL = timedelta(seconds=60)


def session_id_for(secret: str, *, key: str) -> str:
    """The row id a cookie's secret stands for, under the signing key."""
    return hmac.new(key.encode(), secret.encode("utf-8", "surrogateescape"), hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class NewSession:
    id: str
    # What the cookie carries. Shown once, never stored.
    secret: str
    expires_at: datetime


async def open_session(
    session: AsyncSession,
    *,
    user_id: int,
    kind: str,
    now: datetime,
    lifetime: timedelta,
    idle_timeout: timedelta,
    key: str,
) -> NewSession:
    """A new session for `user_id`; the account's ended sessions are removed on the way."""
    await prune(session, user_id=user_id, now=now, idle_timeout=idle_timeout)
    secret = secrets.token_urlsafe(32)
    new = NewSession(id=session_id_for(secret, key=key), secret=secret, expires_at=now + lifetime)
    await session.execute(
        insert(AuthSession).values(
            id=new.id, user_id=user_id, kind=kind, created_at=now, last_seen_at=now, expires_at=new.expires_at
        )
    )
    return new


def is_live(
    *, last_seen_at: datetime, expires_at: datetime, revoked_at: datetime | None, now: datetime, idle_timeout: timedelta
) -> bool:
    return revoked_at is None and now < expires_at and now < last_seen_at + idle_timeout


def due_for_touch(last_seen_at: datetime, now: datetime) -> bool:
    return now - last_seen_at >= TOUCH_INTERVAL


async def touch(connection: AsyncConnection, *, session_id: str, now: datetime) -> None:
    """The session was used now: its idle timeout starts again."""
    await connection.execute(update(AuthSession).where(AuthSession.id == session_id).values(last_seen_at=now))


async def revoke(session: AsyncSession, *, session_id: str, now: datetime) -> None:
    await session.execute(
        update(AuthSession).where(AuthSession.id == session_id, AuthSession.revoked_at.is_(None)).values(revoked_at=now)
    )


async def revoke_all(session: AsyncSession, *, user_id: int, now: datetime) -> None:
    """Every session of the account ends (a password change)."""
    await session.execute(
        update(AuthSession)
        .where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
        .values(revoked_at=now)
    )


async def prune(session: AsyncSession, *, user_id: int, now: datetime, idle_timeout: timedelta) -> None:
    """Forget the account's sessions that can no longer be used (done at each sign-in)."""
    await session.execute(
        delete(AuthSession).where(
            AuthSession.user_id == user_id,
            or_(
                AuthSession.revoked_at.is_not(None),
                AuthSession.expires_at <= now,
                AuthSession.last_seen_at <= now - idle_timeout,
            ),
        )
    )
