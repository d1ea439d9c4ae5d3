"""Dependencies shared by the routes: settings, the request's session, the signed-in user."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, fields
from datetime import datetime
from decimal import Decimal
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.auth.passwords import PasswordHasher
from webmon.auth.tokens import decode_access_token
from webmon.config import Settings
from webmon.db import Database
from webmon.models import User

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


# Dependencies are `async def` even when they only read app.state: FastAPI runs a plain `def`
# dependency in a worker thread: a thread hand-off per dependency on every request.


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_database(request: Request) -> Database:
    return request.app.state.db


async def get_password_hasher(request: Request) -> PasswordHasher:
    return request.app.state.passwords


async def get_clock(request: Request) -> Callable[[], datetime]:
    return request.app.state.clock


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


def _unauthorized() -> HTTPException:
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail="Not authenticated: sign in again",
        headers={"WWW-Authenticate": "Bearer"},
    )


SESSION_COOKIE = "webmon_session"
CSRF_HEADER = "X-Requested-With"


def _token_from_cookie(request: Request) -> str | None:
    """The dashboard's session cookie (HttpOnly, so page scripts, and an XSS, cannot read it).

    A cookie rides along on cross-site requests too, so a request that changes something must
    also carry a custom header, which a page on another site cannot add without CORS consent.
    """
    token = request.cookies.get(SESSION_COOKIE)
    if token and request.method not in _SAFE_METHODS and not request.headers.get(CSRF_HEADER):
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=f"Missing {CSRF_HEADER} header")
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
    created_at: datetime


_USERS = User.__table__
_ACCOUNT_QUERY = select(*(_USERS.c[field.name] for field in fields(Account)))


async def get_current_user(
    request: Request,
    bearer: Annotated[str | None, Depends(oauth2_scheme)],
    session: SessionDep,
    settings: SettingsDep,
) -> Account:
    """The user a valid token names: a bearer header (API clients) or the dashboard's session
    cookie. Expired, forged, revoked or disabled: 401 alike."""
    token = bearer or _token_from_cookie(request)
    if not token:
        raise _unauthorized()
    claims = decode_access_token(token, secret=settings.require_secret_key())
    if claims is None:
        raise _unauthorized()
    connection = await session.connection()
    row = (await connection.execute(_ACCOUNT_QUERY.where(_USERS.c.id == claims.user_id))).first()
    if row is None:
        raise _unauthorized()
    account = Account(*row)
    if not account.is_active or account.token_version != claims.token_version:
        raise _unauthorized()
    return account


CurrentUser = Annotated[Account, Depends(get_current_user)]
