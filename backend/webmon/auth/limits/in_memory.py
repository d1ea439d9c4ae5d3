"""The counters in this process's memory: `webmon serve`, and the multi-service API's fallback
while Redis cannot be reached."""

from __future__ import annotations

import time
from collections.abc import Callable

from webmon.auth.limits.policy import LoginPolicy, counter_keys

MEMORY_MAX_KEYS = 100_000


class MemoryLoginLimiter:
    """Fixed windows in this process's memory (`webmon serve`). Every method runs without an
    await, so each is atomic on the event loop."""

    def __init__(self, policy: LoginPolicy, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.policy = policy
        self._clock = clock
        self._counts: dict[str, tuple[int, float]] = {}  # key -> (count, expires at)
        self._known: dict[str, float] = {}

    def _wait(self, key: str, limit: int, now: float) -> int:
        count, expires = self._counts.get(key, (0, now))
        if expires <= now or count < limit:
            return 0
        return max(1, int(expires - now + 0.999))

    def _add(self, key: str, delta: int, window: int, now: float) -> None:
        count, expires = self._counts.get(key, (0, now))
        if expires <= now:
            count, expires = 0, now + window
        count += delta
        if count <= 0:
            self._counts.pop(key, None)
        else:
            self._counts[key] = (count, expires)

    def _prune(self, now: float) -> None:
        if len(self._counts) + len(self._known) < MEMORY_MAX_KEYS:
            return
        self._counts = {k: v for k, v in self._counts.items() if v[1] > now}
        self._known = {k: v for k, v in self._known.items() if v > now}
        # Still full (a flood of distinct e-mails): forget the oldest half rather than grow.
        for table in (self._counts, self._known):
            if len(table) >= MEMORY_MAX_KEYS // 2:
                for key in list(table)[: len(table) // 2]:
                    del table[key]

    async def begin_login(self, account: str, client: str) -> int:
        now = self._clock()
        pair, ip, acct, known = counter_keys(account, client)
        p = self.policy
        wait = max(self._wait(pair, p.per_account_ip, now), self._wait(ip, p.per_ip, now))
        if self._known.get(known, 0) <= now:
            wait = max(wait, self._wait(acct, p.per_account, now))
        if wait:
            return wait
        self._prune(now)
        for key in (pair, ip, acct):
            self._add(key, 1, p.window, now)
        return 0

    async def login_succeeded(self, account: str, client: str) -> None:
        now = self._clock()
        pair, ip, acct, known = counter_keys(account, client)
        self._counts.pop(pair, None)
        self._add(ip, -1, self.policy.window, now)
        self._add(acct, -1, self.policy.window, now)
        self._known[known] = now + self.policy.known_for

    async def login_abandoned(self, account: str, client: str) -> None:
        now = self._clock()
        for key in counter_keys(account, client)[:3]:
            self._add(key, -1, self.policy.window, now)

    async def begin_registration(self, client: str) -> int:
        now = self._clock()
        key = f"register:{client}"
        wait = self._wait(key, self.policy.register_per_ip, now)
        if not wait:
            self._prune(now)
            self._add(key, 1, self.policy.register_window, now)
        return wait
