"""Dependencies shared by the routes: what the app holds (settings, clock, Telegram, ...), the
request's session, the signed-in user, the website a path names, the login limits."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.api.client_address import request_client
from webmon.api.cookies import SESSION_COOKIE
from webmon.api.state import AppState, request_state
from webmon.auth import sessions
from webmon.auth.limits import LoginGuard, client_key
from webmon.auth.passwords import PasswordHasher
from webmon.auth.tokens import decode_access_token
from webmon.config import Settings
from webmon.db import Database
from webmon.errors import Forbidden, NotFound, Unauthorized
from webmon.models import AuthSession, User, Website
from webmon.telegram.client import TelegramClient
from webmon.websites import service as websites

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


# Dependencies are `async def` even when they only read the app's state: FastAPI runs a plain
# `def` dependency in a worker thread: a thread hand-off per dependency on every request. Each
# reads its field of `AppState` directly rather than through a shared dependency: one await less.


async def get_app_state(request: Request) -> AppState:
    return request_state(request)


async def get_settings(request: Request) -> Settings:
    return request_state(request).settings


async def get_database(request: Request) -> Database:
    return request_state(request).database


async def get_password_hasher(request: Request) -> PasswordHasher:
    return request_state(request).passwords


async def get_clock(request: Request) -> Callable[[], datetime]:
    return request_state(request).clock


async def get_telegram(request: Request) -> TelegramClient | None:
    return request_state(request).telegram


async def get_session(request: Request, db: Annotated[Database, Depends(get_database)]) -> AsyncIterator[AsyncSession]:
    """The request is the unit of work: commit when the route returned, roll back if it raised.

    Declared with scope="function" below so the commit happens before the response is sent: a
    client never sees 201 for a row that failed to commit. On PostgreSQL a GET runs without a
    transaction (it only reads): no BEGIN and COMMIT round trips on the hottest requests.
    """
    async with db.sessions() as session:
        if request.method in _SAFE_METHODS and db.engine.dialect.name == "postgresql":
            await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
PasswordsDep = Annotated[PasswordHasher, Depends(get_password_hasher)]
ClockDep = Annotated[Callable[[], datetime], Depends(get_clock)]
TelegramDep = Annotated[TelegramClient | None, Depends(get_telegram)]
AppStateDep = Annotated[AppState, Depends(get_app_state)]


def _unauthorized(detail: str = "Not authenticated: sign in again") -> Unauthorized:
    return Unauthorized(detail)


SESSION_ENDED = "Your session has ended: sign in again"
CSRF_HEADER = "X-Requested-With"


def _token_from_cookie(request: Request) -> str | None:
    """The dashboard's session cookie (HttpOnly, so page scripts, and an XSS, cannot read it).

    A cookie rides along on cross-site requests too, so a request that changes something must
    also carry a custom header, which a page on another site cannot add without CORS consent.
    """
    token = request.cookies.get(SESSION_COOKIE)
    if token and request.method not in _SAFE_METHODS and not request.headers.get(CSRF_HEADER):
        raise Forbidden(f"Missing {CSRF_HEADER} header")
    return token


@dataclass(frozen=True, slots=True)
class Account:
    """The signed-in user as every request sees it: one plain row, not an ORM object (this runs on
    every request). Routes that change the user load the ORM `User` themselves."""

    id: int
    email: str
    username: str
    balance: Decimal
    is_active: bool
    token_version: int
    website_count: int
    locale: str
    created_at: datetime


_USERS = User.__table__
_SESSIONS = AuthSession.__table__
_ACCOUNT_FIELDS = len(fields(Account))
# The user and the session in one round trip: the session decides, the user's row is the answer.
_ACCOUNT_QUERY = select(
    *(_USERS.c[field.name] for field in fields(Account)),
    _SESSIONS.c.last_seen_at,
    _SESSIONS.c.expires_at,
    _SESSIONS.c.revoked_at,
).select_from(_SESSIONS.join(_USERS, _USERS.c.id == _SESSIONS.c.user_id))


@dataclass(frozen=True, slots=True)
class PresentedSession:
    """The session a request presents, before any database is asked. A bearer token also names
    its user and token version, which the session's row must match."""

    session_id: str
    user_id: int | None = None
    token_version: int | None = None


def presented_session(request: Request, bearer: str | None, settings: Settings) -> PresentedSession | None:
    """None when the request carries nothing this server could have issued."""
    if bearer:
        claims = decode_access_token(bearer, secret=settings.require_secret_key())
        if claims is None:
            return None
        return PresentedSession(claims.session_id, claims.user_id, claims.token_version)
    secret = _token_from_cookie(request)
    return PresentedSession(sessions.session_id_for(secret, key=settings.require_secret_key())) if secret else None


async def get_current_user(
    request: Request,
    bearer: Annotated[str | None, Depends(oauth2_scheme)],
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> Account:
    """The user of a live session: a bearer token (API clients) or the dashboard's session
    cookie. Expired, forged, revoked or disabled: 401 alike."""
    presented = presented_session(request, bearer, settings)
    if presented is None:
        raise _unauthorized()
    connection = await session.connection()
    row = (await connection.execute(_ACCOUNT_QUERY.where(_SESSIONS.c.id == presented.session_id))).first()
    if row is None:
        raise _unauthorized()
    account = Account(*row[:_ACCOUNT_FIELDS])
    last_seen_at, expires_at, revoked_at = row[_ACCOUNT_FIELDS:]
    if not account.is_active or (
        presented.user_id is not None
        and (presented.user_id != account.id or presented.token_version != account.token_version)
    ):
        raise _unauthorized()
    now = clock()
    idle = timedelta(seconds=settings.session_idle_timeout)
    if not sessions.is_live(
        last_seen_at=last_seen_at, expires_at=expires_at, revoked_at=revoked_at, now=now, idle_timeout=idle
    ):
        raise _unauthorized(SESSION_ENDED)
    if sessions.due_for_touch(last_seen_at, now):
        await sessions.touch(connection, session_id=presented.session_id, now=now)
    return account


CurrentUser = Annotated[Account, Depends(get_current_user)]


WebsiteId = Annotated[int, Path(ge=1, le=2_147_483_647)]


async def owned_website(website_id: WebsiteId, session: SessionDep, user: CurrentUser) -> Website:
    website = await websites.get_website(session, user_id=user.id, website_id=website_id)
    if website is None:
        # The same answer for "missing" and "someone else's": ids reveal nothing.
        raise NotFound("Website not found")
    return website


OwnedWebsite = Annotated[Website, Depends(owned_website)]


async def get_login_guard(request: Request) -> LoginGuard:
    state = request_state(request)
    return LoginGuard(state.login_limiter, client_key(request_client(request, state.settings.trusted_proxies)))


LoginGuardDep = Annotated[LoginGuard, Depends(get_login_guard)]
