"""The counters in Redis, shared by every API process (and every replica) of the multi-service
mode. If Redis cannot be reached, each process falls back to its own memory and logs a warning,
rather than refusing every login."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from webmon.auth.limits.in_memory import MemoryLoginLimiter
from webmon.auth.limits.policy import LoginPolicy, counter_keys

if TYPE_CHECKING:
    from redis.asyncio import Redis

log = logging.getLogger("webmon.auth")


# KEYS: pair, ip, account, known. ARGV: the three limits, the window. Returns seconds to wait.
_BEGIN_LOGIN = """
local function wait(key, limit)
    local n = tonumber(redis.call('GET', key) or '0')
    if n < limit then return 0 end
    local ttl = redis.call('TTL', key)
    if ttl < 1 then ttl = 1 end
    return ttl
end
local w = math.max(wait(KEYS[1], tonumber(ARGV[1])), wait(KEYS[2], tonumber(ARGV[2])))
if redis.call('EXISTS', KEYS[4]) == 0 then
    w = math.max(w, wait(KEYS[3], tonumber(ARGV[3])))
end
if w > 0 then return w end
for i = 1, 3 do
    if redis.call('INCR', KEYS[i]) == 1 or redis.call('TTL', KEYS[i]) < 0 then
        redis.call('EXPIRE', KEYS[i], ARGV[4])
    end
end
return 0
"""

# KEYS: pair, ip, account, known. ARGV: how long the address stays known.
_LOGIN_SUCCEEDED = """
redis.call('DEL', KEYS[1])
for i = 2, 3 do
    if redis.call('EXISTS', KEYS[i]) == 1 and redis.call('DECR', KEYS[i]) <= 0 then
        redis.call('DEL', KEYS[i])
    end
end
redis.call('SET', KEYS[4], '1', 'EX', ARGV[1])
return 0
"""

# KEYS: pair, ip, account.
_LOGIN_ABANDONED = """
for i = 1, 3 do
    if redis.call('EXISTS', KEYS[i]) == 1 and redis.call('DECR', KEYS[i]) <= 0 then
        redis.call('DEL', KEYS[i])
    end
end
return 0
"""

# KEYS: the client's registration counter. ARGV: limit, window.
_BEGIN_REGISTRATION = """
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then
    local ttl = redis.call('TTL', KEYS[1])
    if ttl < 1 then ttl = 1 end
    return ttl
end
if redis.call('INCR', KEYS[1]) == 1 or redis.call('TTL', KEYS[1]) < 0 then
    redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return 0
"""


class RedisLoginLimiter:
    """The same windows in Redis, one Lua script per step, shared by every API process."""

    def __init__(self, redis: Redis, policy: LoginPolicy, *, prefix: str = "webmon:login:") -> None:
        self.policy = policy
        self._prefix = prefix
        self._begin = redis.register_script(_BEGIN_LOGIN)
        self._succeeded = redis.register_script(_LOGIN_SUCCEEDED)
        self._abandoned = redis.register_script(_LOGIN_ABANDONED)
        self._register = redis.register_script(_BEGIN_REGISTRATION)
        self._fallback = MemoryLoginLimiter(policy)

    def _full(self, keys: Sequence[str]) -> list[str]:
        return [self._prefix + key for key in keys]

    async def begin_login(self, account: str, client: str) -> int:
        p = self.policy
        try:
            return int(
                await self._begin(
                    keys=self._full(counter_keys(account, client)),
                    args=[p.per_account_ip, p.per_ip, p.per_account, p.window],
                )
            )
        except Exception as exc:  # Redis away: this process's own counters, not a lockout
            _warn(exc)
            return await self._fallback.begin_login(account, client)

    async def login_succeeded(self, account: str, client: str) -> None:
        try:
            await self._succeeded(keys=self._full(counter_keys(account, client)), args=[self.policy.known_for])
        except Exception as exc:
            _warn(exc)
        await self._fallback.login_succeeded(account, client)

    async def login_abandoned(self, account: str, client: str) -> None:
        try:
            await self._abandoned(keys=self._full(counter_keys(account, client)[:3]))
        except Exception as exc:
            _warn(exc)
        await self._fallback.login_abandoned(account, client)

    async def begin_registration(self, client: str) -> int:
        p = self.policy
        try:
            keys = self._full([f"register:{client}"])
            return int(await self._register(keys=keys, args=[p.register_per_ip, p.register_window]))
        except Exception as exc:
            _warn(exc)
            return await self._fallback.begin_registration(client)


def _warn(exc: BaseException) -> None:
    log.warning("login limits: Redis unavailable (%s); using this process's own counters", type(exc).__name__)
