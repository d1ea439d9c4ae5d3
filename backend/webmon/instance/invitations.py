"""Invitations to register, for `WEBMON_REGISTRATION=invite`.

A token is 32 random bytes (URL-safe base64), shown once to the administrator who made it; the
database keeps its SHA-256 only. It works once, until it expires. Redeeming is one conditional
UPDATE, so two registrations racing with one token cannot both succeed.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.errors import Forbidden, NotFound
from webmon.models import InstanceInvitation

DEFAULT_LIFETIME = timedelta(days=7)
MAX_TOKEN_LENGTH = 200
INVALID_INVITATION = (
    "This invitation is not valid: it may have expired or been used already. "
    "Ask the administrator of this server for a new one"
)


@dataclass(frozen=True, slots=True)
class NewInvitation:
    invitation: InstanceInvitation
    token: str  # the only time it exists in clear


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def register_url(public_url: str, token: str) -> str:
    return f"{public_url.rstrip('/')}/register?invitation={token}"


async def create_invitation(
    session: AsyncSession, *, created_by_id: int, now: datetime, lifetime: timedelta = DEFAULT_LIFETIME
) -> NewInvitation:
    token = secrets.token_urlsafe(32)
    invitation = InstanceInvitation(
        token_hash=hash_token(token), created_by_id=created_by_id, created_at=now, expires_at=now + lifetime
    )
    session.add(invitation)
    await session.flush()
    return NewInvitation(invitation=invitation, token=token)


async def list_invitations(session: AsyncSession) -> list[InstanceInvitation]:
    return list(
        await session.scalars(select(InstanceInvitation).order_by(InstanceInvitation.created_at.desc()).limit(200))
    )


async def revoke_invitation(session: AsyncSession, invitation_id: int) -> None:
    invitation = await session.get(InstanceInvitation, invitation_id)
    if invitation is None:
        raise NotFound("No such invitation")
    await session.delete(invitation)
    await session.flush()


def _usable(token: str, now: datetime):  # type: ignore[no-untyped-def]
    return (
        InstanceInvitation.token_hash == hash_token(token),
        InstanceInvitation.used_at.is_(None),
        InstanceInvitation.expires_at > now,
    )


async def find_usable(session: AsyncSession, token: str, *, now: datetime) -> int:
    """The id of the unused, unexpired invitation `token` names, or a 403 saying it is not valid."""
    invitation_id = None
    if token and len(token) <= MAX_TOKEN_LENGTH:
        invitation_id = await session.scalar(select(InstanceInvitation.id).where(*_usable(token, now)))
    if invitation_id is None:
        raise Forbidden(INVALID_INVITATION)
    return invitation_id


async def redeem(session: AsyncSession, token: str, *, user_id: int, now: datetime) -> None:
    """Mark the invitation used by `user_id`; a 403 when another registration took it first."""
    result = await session.execute(
        update(InstanceInvitation).where(*_usable(token, now)).values(used_at=now, used_by_id=user_id)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise Forbidden(INVALID_INVITATION)
