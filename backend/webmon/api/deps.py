"""Dependencies shared by the routes: settings, the request's session, the signed-in user."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.auth.passwords import PasswordHasher
from webmon.auth.tokens import decode_access_token
from webmon.config import Settings
from webmon.db import Database
from webmon.models import User

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


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


async def get_session(db: Annotated[Database, Depends(get_database)]) -> AsyncIterator[AsyncSession]:
    """The request is the unit of work: commit when the route returned, roll back if it raised.

    Declared with scope="function" below so the commit happens before the response is sent: a
    client never sees 201 for a row that failed to commit.
    """
    async with db.sessions() as session:
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
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _token_from_cookie(request: Request) -> str | None:
    """The dashboard's session cookie (HttpOnly, so page scripts, and an XSS, cannot read it).

    A cookie rides along on cross-site requests too, so a request that changes something must
    also carry a custom header, which a page on another site cannot add without CORS consent.
    """
    token = request.cookies.get(SESSION_COOKIE)
    if token and request.method not in _SAFE_METHODS and not request.headers.get(CSRF_HEADER):
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=f"Missing {CSRF_HEADER} header")
    return token


async def get_current_user(
    request: Request,
    bearer: Annotated[str | None, Depends(oauth2_scheme)],
    session: SessionDep,
    settings: SettingsDep,
) -> User:
    """The user a valid token names: a bearer header (API clients) or the dashboard's session
    cookie. Expired, forged, revoked or disabled: 401 alike."""
    token = bearer or _token_from_cookie(request)
    if not token:
        raise _unauthorized()
    claims = decode_access_token(token, secret=settings.require_secret_key())
    if claims is None:
        raise _unauthorized()
    user = await session.get(User, claims.user_id)
    if user is None or not user.is_active or user.token_version != claims.token_version:
        raise _unauthorized()
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]
