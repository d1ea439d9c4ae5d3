"""Telegram's sending limits, shared by everyone who sends as the same bot.

* at most 1 message per second to one chat,
* at most 20 messages per minute to one group or channel,
* at most 30 messages per second overall.

Each limit is a sliding window: a message may go when fewer than ``count``
messages went in the last ``period`` seconds.  ``acquire(chat_id)`` waits
until every window that applies has room, then records the message in all of
them at once.

Group chats and channels have negative ids (``-100…``); a ``@name`` is a
public channel or supergroup, so it gets the group limit too.

* :class:`MemoryRateLimiter`: one process (``webmon serve``).
* :class:`RedisRateLimiter`: every worker process, via one atomic Lua script
  over sorted sets, timed by the Redis server's clock so that workers on
  different machines agree.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from redis.asyncio import Redis

__all__ = [
    "TELEGRAM_LIMITS",
    "Limit",
    "Limits",
    "MemoryRateLimiter",
    "NoRateLimit",
    "RateLimiter",
    "RedisRateLimiter",
    "is_group_chat",
]


@dataclass(frozen=True, slots=True)
class Limit:
    count: int
    period: float  # seconds

    def __post_init__(self) -> None:
        if self.count < 1 or self.period <= 0:
            raise ValueError("a limit needs count >= 1 and period > 0")


@dataclass(frozen=True, slots=True)
class Limits:
    per_chat: Limit = field(default_factory=lambda: Limit(1, 1.0))
    per_group: Limit = field(default_factory=lambda: Limit(20, 60.0))
    overall: Limit = field(default_factory=lambda: Limit(30, 1.0))


TELEGRAM_LIMITS = Limits()


def is_group_chat(chat_id: str) -> bool:
    chat_id = str(chat_id).strip()
    return chat_id.startswith(("-", "@"))


class RateLimiter(Protocol):
    async def acquire(self, chat_id: str) -> None:
        """Wait until a message to ``chat_id`` may be sent, and count it."""
        ...


class NoRateLimit:
    """Never waits (for tests and one-off tools)."""

    async def acquire(self, chat_id: str) -> None:
        return None


def _windows(limits: Limits, chat_id: str) -> list[tuple[str, Limit]]:
    chat_id = str(chat_id).strip()
    windows = [("all", limits.overall), (f"chat:{chat_id}", limits.per_chat)]
    if is_group_chat(chat_id):
        windows.append((f"group:{chat_id}", limits.per_group))
    return windows


class MemoryRateLimiter:
    """Sliding windows kept in this process; shared by all tasks that use this instance."""

    def __init__(
        self,
        limits: Limits = TELEGRAM_LIMITS,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self._limits = limits
        self._clock = clock
        self._sleep = sleep
        self._sent: dict[str, deque[float]] = {}

    async def acquire(self, chat_id: str) -> None:
        windows = _windows(self._limits, chat_id)
        while True:
            # No await between the check and the record: atomic within the event loop.
            now = self._clock()
            wait = 0.0
            for key, limit in windows:
                sent = self._sent.setdefault(key, deque())
                while sent and sent[0] <= now - limit.period:
                    sent.popleft()
                if len(sent) >= limit.count:
                    wait = max(wait, sent[0] + limit.period - now)
            if wait <= 0:
                for key, _ in windows:
                    self._sent[key].append(now)
                self._forget_idle(now)
                return
            await self._sleep(wait)

    def _forget_idle(self, now: float) -> None:
        if len(self._sent) < 1024:
            return
        longest = max(self._limits.per_chat.period, self._limits.per_group.period)
        for key in [k for k, v in self._sent.items() if not v or v[-1] <= now - longest]:
            del self._sent[key]


# KEYS: one sorted set per window.  ARGV: member, then count and period (ms) per key.
# Returns 0 when the message was recorded, else the milliseconds to wait.
_ACQUIRE_SCRIPT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local member = ARGV[1]
local wait = 0
for i, key in ipairs(KEYS) do
    local count = tonumber(ARGV[2 * i])
    local period = tonumber(ARGV[2 * i + 1])
    redis.call('ZREMRANGEBYSCORE', key, '-inf', now - period)
    if redis.call('ZCARD', key) >= count then
        local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
        local needed = tonumber(oldest[2]) + period - now
        if needed > wait then wait = needed end
    end
end
if wait > 0 then
    return tostring(wait)
end
for i, key in ipairs(KEYS) do
    redis.call('ZADD', key, now, member)
    redis.call('PEXPIRE', key, math.ceil(tonumber(ARGV[2 * i + 1])) + 1000)
end
return '0'
"""


class RedisRateLimiter:
    """Sliding windows in Redis sorted sets; correct across processes and machines."""

    def __init__(
        self,
        redis: Redis,
        prefix: str = "webmon:tg:",
        limits: Limits = TELEGRAM_LIMITS,
        *,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self._redis = redis
        self._prefix = prefix
        self._limits = limits
        self._sleep = sleep
        self._script = redis.register_script(_ACQUIRE_SCRIPT)

    async def acquire(self, chat_id: str) -> None:
        windows = _windows(self._limits, chat_id)
        keys = [f"{self._prefix}{key}" for key, _ in windows]
        args: list[str | float] = []
        for _, limit in windows:
            args += [limit.count, limit.period * 1000]
        while True:
            member = uuid.uuid4().hex
            raw = await self._script(keys=keys, args=[member, *args])
            wait_ms = float(raw.decode() if isinstance(raw, bytes) else raw)
            if wait_ms <= 0:
                return
            await self._sleep(wait_ms / 1000)
