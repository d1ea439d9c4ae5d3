from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.api.deps import SESSION_COOKIE, Account, ClockDep, CurrentUser, PasswordsDep, SessionDep, SettingsDep
from webmon.api.errors import field_error
from webmon.auth import service
from webmon.auth.limits import TOO_MANY_ATTEMPTS_RESPONSE, LoginGuard, LoginGuardDep
from webmon.auth.passwords import MAX_PASSWORD_BYTES, PasswordHasher
from webmon.auth.schemas import ChangePasswordIn, LoginIn, RegisterIn, TokenOut, UserOut
from webmon.auth.tokens import create_access_token
from webmon.config import Settings
from webmon.models import User

router = APIRouter(prefix="/auth", tags=["auth"])

_BAD_CREDENTIALS = "Incorrect email or password"
# A response carrying a token must never be stored by a cache (RFC 6749 §5.1).
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _could_be_an_email(value: str) -> bool:
    """The OAuth2 form's `username` is free text: NUL and other control characters (which
    PostgreSQL refuses in a query) or an overlong value are no account's address."""
    return len(value) <= 320 and not any(ord(ch) < 32 or ord(ch) == 127 for ch in value)


def _issue_token(user: User, settings: Settings, clock: ClockDep) -> TokenOut:
    lifetime = timedelta(minutes=settings.access_token_expire_minutes)
    token = create_access_token(
        user_id=user.id,
        token_version=user.token_version,
        secret=settings.require_secret_key(),
        lifetime=lifetime,
        now=clock(),
    )
    return TokenOut(access_token=token, expires_in=int(lifetime.total_seconds()))


async def _login(
    session: AsyncSession,
    passwords: PasswordHasher,
    settings: Settings,
    clock: ClockDep,
    guard: LoginGuard,
    *,
    email: str,
    password: str,
) -> tuple[User, TokenOut]:
    await guard.begin_login(email)  # 429 before any password is hashed
    try:
        user = None
        if _could_be_an_email(email) and len(password.encode()) <= MAX_PASSWORD_BYTES:
            # (No account has a longer password: registration refuses them, and bcrypt would raise.)
            user = await service.authenticate(session, passwords, email=email, password=password)
    except Exception:
        await guard.login_abandoned(email)  # a database outage (503) is not a failed login
        raise
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, detail=_BAD_CREDENTIALS, headers={"WWW-Authenticate": "Bearer"}
        )
    await guard.login_succeeded(email)
    if not user.is_active:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="This account is disabled")
    return user, _issue_token(user, settings, clock)


@router.post(
    "/register", status_code=status.HTTP_201_CREATED, response_model=UserOut, responses=TOO_MANY_ATTEMPTS_RESPONSE
)
async def register(body: RegisterIn, session: SessionDep, passwords: PasswordsDep, guard: LoginGuardDep) -> User:
    await guard.begin_registration()
    try:
        return await service.register_user(
            session, passwords, email=str(body.email), username=body.username, password=body.password
        )
    except service.DuplicateAccount as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=str(exc).capitalize()) from None


@router.post("/login", response_model=TokenOut, responses=TOO_MANY_ATTEMPTS_RESPONSE)
async def login(
    body: LoginIn,
    session: SessionDep,
    passwords: PasswordsDep,
    settings: SettingsDep,
    clock: ClockDep,
    guard: LoginGuardDep,
    response: Response,
) -> TokenOut:
    _, token = await _login(session, passwords, settings, clock, guard, email=str(body.email), password=body.password)
    response.headers.update(_NO_STORE)
    return token


@router.post(
    "/token",
    response_model=TokenOut,
    responses=TOO_MANY_ATTEMPTS_RESPONSE,
    summary="Log in with the OAuth2 password form (username = email)",
)
async def token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    session: SessionDep,
    passwords: PasswordsDep,
    settings: SettingsDep,
    clock: ClockDep,
    guard: LoginGuardDep,
    response: Response,
) -> TokenOut:
    _, token = await _login(session, passwords, settings, clock, guard, email=form.username, password=form.password)
    response.headers.update(_NO_STORE)
    return token


@router.post(
    "/session",
    response_model=UserOut,
    responses=TOO_MANY_ATTEMPTS_RESPONSE,
    summary="Log in the dashboard: sets an HttpOnly session cookie instead of returning the token",
)
async def open_session(
    body: LoginIn,
    request: Request,
    response: Response,
    session: SessionDep,
    passwords: PasswordsDep,
    settings: SettingsDep,
    clock: ClockDep,
    guard: LoginGuardDep,
) -> User:
    user, token = await _login(
        session, passwords, settings, clock, guard, email=str(body.email), password=body.password
    )
    response.headers.update(_NO_STORE)
    response.set_cookie(
        SESSION_COOKIE,
        token.access_token,
        max_age=token.expires_in,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https" or str(settings.public_url).startswith("https"),
        path="/api",
    )
    return user


@router.delete("/session", status_code=status.HTTP_204_NO_CONTENT, summary="Log out the dashboard")
async def close_session() -> Response:
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(SESSION_COOKIE, path="/api", httponly=True, samesite="strict")
    return response


@router.get("/me", response_model=UserOut)
async def me(user: CurrentUser) -> Account:
    return user


@router.post("/change-password", status_code=status.HTTP_204_NO_CONTENT, responses=TOO_MANY_ATTEMPTS_RESPONSE)
async def change_password(
    body: ChangePasswordIn, user: CurrentUser, session: SessionDep, passwords: PasswordsDep, guard: LoginGuardDep
) -> Response:
    # A stolen session must not become a way to guess the password: same limits as a login.
    await guard.begin_login(user.email)
    try:
        changed = await service.change_password(
            session, passwords, user_id=user.id, current_password=body.current_password, new_password=body.new_password
        )
    except Exception:
        await guard.login_abandoned(user.email)
        raise
    if not changed:
        raise field_error("current_password", "The current password is incorrect")
    await guard.login_succeeded(user.email)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
