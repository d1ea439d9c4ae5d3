"""The dashboard's session cookie: HttpOnly (page scripts, and an XSS, cannot read it),
SameSite=Strict, scoped to /api, and Secure whenever the browser reached us over HTTPS."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import Request, Response

from webmon.api.client_address import Network, from_trusted_proxy

SESSION_COOKIE = "webmon_session"
_PATH = "/api"


def reached_over_https(request: Request, proxies: Sequence[Network]) -> bool:
    """HTTPS to us, or HTTPS to a trusted proxy in front (its X-Forwarded-Proto; the last value,
    the one the nearest proxy set). The header is ignored from anyone else."""
    if request.url.scheme == "https":
        return True
    if not from_trusted_proxy(request.client.host if request.client else None, proxies):
        return False
    forwarded = [
        part.strip().lower() for line in request.headers.getlist("x-forwarded-proto") for part in line.split(",")
    ]
    return bool(forwarded) and forwarded[-1] == "https"


def set_session_cookie(
    response: Response, request: Request, *, secret: str, max_age: int, proxies: Sequence[Network]
) -> None:
    # The browser keeps it until the session's latest end; the server ends it sooner when unused.
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=max_age,
        httponly=True,
        samesite="strict",
        secure=reached_over_https(request, proxies),
        path=_PATH,
    )


def clear_session_cookie(response: Response, request: Request, *, proxies: Sequence[Network]) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path=_PATH, httponly=True, samesite="strict", secure=reached_over_https(request, proxies)
    )
