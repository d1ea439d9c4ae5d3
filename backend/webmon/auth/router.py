from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.api.cookies import clear_session_cookie, set_session_cookie
from webmon.api.deps import (
    Account,
    ClockDep,
    CurrentUser,
    LoginGuardDep,
    PasswordsDep,
    SessionDep,
    SettingsDep,
    oauth2_scheme,
    presented_session,
)
from webmon.auth import service, sessions
from webmon.auth.limits import TOO_MANY_ATTEMPTS_RESPONSE, LoginGuard
from webmon.auth.passwords import MAX_PASSWORD_BYTES, PasswordHasher
from webmon.auth.schemas import ChangePasswordIn, LoginIn, RegisterIn, TokenOut, UpdateMeIn, UserOut
from webmon.auth.tokens import create_access_token
from webmon.config import Settings
from webmon.errors import Forbidden, InvalidField, Unauthorized
from webmon.instance import invitations, registration
from webmon.instance.admin import is_admin
from webmon.models import User
from webmon.vocabulary import DEFAULT_LOCALE, locale_for_tag

router = APIRouter(prefix="/auth", tags=["auth"])

_BAD_CREDENTIALS = "Incorrect email or password"
# A response carrying a token must never be stored by a cache (RFC 6749 §5.1).
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


def _could_be_an_email(value: str) -> bool:
    """The OAuth2 form's `username` is free text: NUL and other control characters (which
    PostgreSQL refuses in a query) or an overlong value are no account's address."""
    return len(value) <= 320 and not any(ord(ch) < 32 or ord(ch) == 127 for ch in value)


def _idle_timeout(settings: Settings) -> timedelta:
    return timedelta(seconds=settings.session_idle_timeout)


async def _issue_token(session: AsyncSession, user: User, settings: Settings, clock: ClockDep) -> TokenOut:
    """A bearer token, tied to a session row of its own so that logging out can revoke it."""
    now = clock()
    lifetime = timedelta(minutes=settings.access_token_expire_minutes)
    row = await sessions.open_session(
        session,
        user_id=user.id,
        kind=sessions.TOKEN,
        now=now,
        lifetime=lifetime,
        idle_timeout=_idle_timeout(settings),
        key=settings.require_secret_key(),
    )
    token = create_access_token(
        user_id=user.id,
        token_version=user.token_version,
        session_id=row.id,
        secret=settings.require_secret_key(),
        lifetime=lifetime,
        now=now,
    )
    return TokenOut(access_token=token, expires_in=int(lifetime.total_seconds()))


async def _login(
    session: AsyncSession,
    passwords: PasswordHasher,
    guard: LoginGuard,
    *,
    email: str,
    password: str,
) -> User:
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
        raise Unauthorized(_BAD_CREDENTIALS)
    await guard.login_succeeded(email)
    if not user.is_active:
        raise Forbidden("This account is disabled")
    return user


async def _user_out(session: AsyncSession, settings: Settings, user: User | Account) -> UserOut:
    out = UserOut.model_validate(user, from_attributes=True)
    out.is_admin = await is_admin(session, settings, user.id)
    return out


_REGISTRATION_REFUSED: dict[int | str, dict[str, Any]] = {
    403: {"description": "registration is closed, or needs a (valid) invitation: `detail` says"}
}


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    response_model=UserOut,
    responses={**TOO_MANY_ATTEMPTS_RESPONSE, **_REGISTRATION_REFUSED},
)
async def register(
    body: RegisterIn,
    session: SessionDep,
    passwords: PasswordsDep,
    settings: SettingsDep,
    clock: ClockDep,
    guard: LoginGuardDep,
) -> UserOut:
    """Who may register follows `WEBMON_REGISTRATION` (or the administrator's Settings): `open`,
    `invite` (with `invitation`) or `closed`; the account that becomes the administrator always may."""
    await guard.begin_registration()
    email = service.normalize_email(str(body.email))
    now = clock()
    invitation = await registration.admit(session, settings, email=email, invitation=body.invitation, now=now)
    user = await service.register_user(
        session,
        passwords,
        email=email,
        username=body.username,
        password=body.password,
        locale=locale_for_tag(body.locale) or DEFAULT_LOCALE,
    )
    if invitation is not None:
        await invitations.redeem(session, invitation, user_id=user.id, now=now)
    return await _user_out(session, settings, user)


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
    user = await _login(session, passwords, guard, email=str(body.email), password=body.password)
    response.headers.update(_NO_STORE)
    return await _issue_token(session, user, settings, clock)


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
    user = await _login(session, passwords, guard, email=form.username, password=form.password)
    response.headers.update(_NO_STORE)
    return await _issue_token(session, user, settings, clock)


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
) -> UserOut:
    user = await _login(session, passwords, guard, email=str(body.email), password=body.password)
    lifetime = timedelta(seconds=settings.session_max_lifetime)
    row = await sessions.open_session(
        session,
        user_id=user.id,
        kind=sessions.COOKIE,
        now=clock(),
        lifetime=lifetime,
        idle_timeout=_idle_timeout(settings),
        key=settings.require_secret_key(),
    )
    response.headers.update(_NO_STORE)
    set_session_cookie(
        response, request, secret=row.secret, max_age=settings.session_max_lifetime, proxies=settings.trusted_proxies
    )
    return await _user_out(session, settings, user)


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Log out: the session (the dashboard's cookie, or this bearer token) is revoked for good",
)
@router.delete("/session", status_code=status.HTTP_204_NO_CONTENT, summary="Log out the dashboard (as POST /logout)")
async def logout(
    request: Request,
    bearer: Annotated[str | None, Depends(oauth2_scheme)],
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> Response:
    # No live session needed: logging out of one that already ended still clears the cookie.
    presented = presented_session(request, bearer, settings)
    if presented is not None:
        await sessions.revoke(session, session_id=presented.session_id, now=clock())
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_session_cookie(response, request, proxies=settings.trusted_proxies)
    return response


@router.get("/me", response_model=UserOut)
async def me(user: CurrentUser, session: SessionDep, settings: SettingsDep) -> UserOut:
    return await _user_out(session, settings, user)


@router.patch("/me", response_model=UserOut, summary="Change the account's settings (its language)")
async def update_me(body: UpdateMeIn, user: CurrentUser, session: SessionDep, settings: SettingsDep) -> UserOut:
    updated = await service.update_account(session, user_id=user.id, locale=body.locale)
    return await _user_out(session, settings, updated)


@router.post("/change-password", status_code=status.HTTP_204_NO_CONTENT, responses=TOO_MANY_ATTEMPTS_RESPONSE)
async def change_password(
    body: ChangePasswordIn,
    user: CurrentUser,
    session: SessionDep,
    passwords: PasswordsDep,
    guard: LoginGuardDep,
    clock: ClockDep,
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
        raise InvalidField("current_password", "The current password is incorrect")
    await sessions.revoke_all(session, user_id=user.id, now=clock())
    await guard.login_succeeded(user.email)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
