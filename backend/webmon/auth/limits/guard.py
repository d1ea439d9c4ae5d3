"""One request's view of the limits (which client, which store), refusing with `RateLimited`, and
the store a process uses, chosen where the app is assembled."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from webmon.auth.limits.in_memory import MemoryLoginLimiter
from webmon.auth.limits.in_redis import RedisLoginLimiter
from webmon.auth.limits.policy import LoginLimiter, LoginPolicy, account_key
from webmon.errors import RateLimited

if TYPE_CHECKING:
    from redis.asyncio import Redis

    from webmon.config import Settings

log = logging.getLogger("webmon.auth")

# What a 429 documents in the OpenAPI schema of the routes that can answer it.
TOO_MANY_ATTEMPTS_RESPONSE: dict[int | str, dict[str, Any]] = {
    429: {
        "description": "Too many attempts from this address or for this account; retry after `Retry-After` seconds",
        "headers": {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}},
    }
}


def login_limiter_for(settings: Settings, redis: Redis | None) -> LoginLimiter:
    """Redis in the multi-service mode (shared by every API process), memory in `webmon serve`."""
    policy = LoginPolicy.from_settings(settings)
    if redis is not None:
        return RedisLoginLimiter(redis, policy)
    return MemoryLoginLimiter(policy)


def too_many(wait: int) -> RateLimited:
    return RateLimited(f"Too many attempts; try again in {wait} seconds", retry_after=wait)


class LoginGuard:
    """One request's view of the limits: which client it is, and the limiter to ask."""

    def __init__(self, limiter: LoginLimiter, client: str) -> None:
        self.limiter = limiter
        self.client = client

    async def begin_login(self, email: str) -> None:
        wait = await self.limiter.begin_login(account_key(email), self.client)
        if wait:
            log.info("login refused for %ss: too many failed attempts (client %s)", wait, self.client)
            raise too_many(wait)

    async def login_succeeded(self, email: str) -> None:
        await self.limiter.login_succeeded(account_key(email), self.client)

    async def login_abandoned(self, email: str) -> None:
        await self.limiter.login_abandoned(account_key(email), self.client)

    async def begin_registration(self) -> None:
        wait = await self.limiter.begin_registration(self.client)
        if wait:
            raise too_many(wait)
