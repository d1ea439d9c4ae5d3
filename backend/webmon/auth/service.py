"""Accounts: registration, credentials, password changes. No commits here (the request commits)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.auth.passwords import PasswordHasher
from webmon.errors import Conflict, NotFound
from webmon.models import User
from webmon.vocabulary import DEFAULT_LOCALE, LocaleName


class DuplicateAccount(Conflict):
    def __init__(self, field: str) -> None:
        super().__init__(f"An account with this {field} already exists")
        self.field = field


def normalize_email(email: str) -> str:
    return email.strip().lower()


async def get_user_by_email(session: AsyncSession, email: str) -> User | None:
    return await session.scalar(select(User).where(User.email == normalize_email(email)))


async def register_user(
    session: AsyncSession,
    hasher: PasswordHasher,
    *,
    email: str,
    username: str,
    password: str,
    locale: LocaleName = DEFAULT_LOCALE,
) -> User:
    email = normalize_email(email)
    if await session.scalar(select(User.id).where(User.email == email)) is not None:
        raise DuplicateAccount("email")
    if await session.scalar(select(User.id).where(func.lower(User.username) == username.lower())) is not None:
        raise DuplicateAccount("username")
    user = User(email=email, username=username, hashed_password=await hasher.hash(password), locale=locale)
    session.add(user)
    try:
        # Flush now so a concurrent registration of the same name surfaces here as a 409.
        await session.flush()
    except IntegrityError:
        await session.rollback()
        raise DuplicateAccount("email or username") from None
    return user


async def authenticate(session: AsyncSession, hasher: PasswordHasher, *, email: str, password: str) -> User | None:
    """The user these credentials belong to, or None (same work and answer for unknown emails)."""
    user = await get_user_by_email(session, email)
    ok = await hasher.verify(password, user.hashed_password if user else None)
    return user if ok and user is not None else None


async def change_password(
    session: AsyncSession, hasher: PasswordHasher, *, user_id: int, current_password: str, new_password: str
) -> bool:
    """False when the current password is wrong. Bumps token_version: older tokens stop working."""
    user = await session.get(User, user_id, with_for_update=True)
    if user is None or not await hasher.verify(current_password, user.hashed_password):
        return False
    user.hashed_password = await hasher.hash(new_password)
    user.token_version += 1
    await session.flush()
    return True


async def update_account(session: AsyncSession, *, user_id: int, locale: LocaleName | None = None) -> User:
    """Change what the user may change of their account; what is None stays as it is."""
    user = await session.get(User, user_id)
    if user is None:  # the session was checked a moment ago; the account went since
        raise NotFound("This account no longer exists")
    if locale is not None:
        user.locale = locale
    await session.flush()
    return user
