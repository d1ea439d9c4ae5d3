"""JWT access tokens (PyJWT, HS256 only).

A token names the user (`sub`), the user's `token_version` and the session it belongs to
(`sid`, a row of auth_sessions). Logging out revokes that row; changing the password bumps the
version and revokes every row, so every token issued before stops working.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import jwt

ALGORITHM = "HS256"
TOKEN_TYPE = "access"


@dataclass(frozen=True, slots=True)
class AccessClaims:
    user_id: int
    token_version: int
    session_id: str


def create_access_token(
    *, user_id: int, token_version: int, session_id: str, secret: str, lifetime: timedelta, now: datetime
) -> str:
    payload = {
        "sub": str(user_id),
        "ver": token_version,
        "sid": session_id,
        "typ": TOKEN_TYPE,
        "iat": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
    }
    return jwt.encode(payload, secret, algorithm=ALGORITHM)


def decode_access_token(token: str, *, secret: str) -> AccessClaims | None:
    """The claims of a valid, unexpired token, or None. Only HS256 is accepted (no `alg=none`)."""
    try:
        payload = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            options={"require": ["exp", "iat", "sub", "sid"], "verify_exp": True},
        )
    except jwt.PyJWTError:
        return None
    if payload.get("typ") != TOKEN_TYPE or not isinstance(payload["sid"], str):
        return None
    try:
        return AccessClaims(
            user_id=int(payload["sub"]), token_version=int(payload.get("ver", -1)), session_id=payload["sid"]
        )
    except (TypeError, ValueError):
        return None
