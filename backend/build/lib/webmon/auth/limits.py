"""Login and registration rate limits, and who the client is behind a proxy.

Three counters guard a login, all counting *failed* attempts within a window
(`WEBMON_LOGIN_WINDOW`, 15 minutes by default):

- **per (account, address)**, hard (`WEBMON_LOGIN_MAX_FAILURES_PER_ACCOUNT_IP`, 5): one address
  guessing one account's password is stopped after a few tries;
- **per address**, across accounts (`WEBMON_LOGIN_MAX_FAILURES_PER_IP`, 50): one address trying
  many accounts (credential stuffing) is stopped; an office behind one NAT still has room;
- **per account**, across addresses (`WEBMON_LOGIN_MAX_FAILURES_PER_ACCOUNT`, 100), loose: a
  guessing attack spread over many addresses is stopped, *except* for addresses that have logged
  into this account successfully in the last 30 days. So an attacker can never lock the real user
  out of the places they usually sign in from; at most, during a large distributed attack, a
  sign-in from a brand-new address waits for the window to pass.

An attempt is counted *before* the password is checked (so a burst of parallel guesses cannot slip
past the limit) and refunded when it succeeds: a success resets its (account, address) counter,
takes itself back from the other two, and marks the address as known for the account. A refused
attempt (429, with `Retry-After`) costs no password hash. Unknown e-mail addresses are counted
exactly like real ones, so the limits say nothing about which accounts exist.

Registrations are limited per address (`WEBMON_REGISTER_MAX_PER_IP` an hour).

Accounts are keyed by a hash of the normalised e-mail (no addresses in Redis), clients by their IP
address, IPv6 by its /64 (one subscriber's whole prefix counts as one client).

`webmon serve` keeps the counters in its own memory; the multi-service API keeps them in Redis so
that every API process (and every replica) shares them. If Redis cannot be reached the API falls
back to its own memory and logs a warning, rather than refusing every login.

The client address is the connection's peer, unless the peer is one of `WEBMON_TRUSTED_PROXIES`:
then `X-Forwarded-For` is read from the right, skipping trusted proxies, and the first address not
trusted is the client (the left-most one if every hop is trusted). Nothing a client writes in
`X-Forwarded-For` is believed unless a trusted proxy handed it on.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address
from typing import TYPE_CHECKING, Annotated, Protocol

from fastapi import Depends, HTTPException, Request, status

if TYPE_CHECKING:
    from redis.asyncio import Redis

    from webmon.config import Settings
    from webmon.worker.connections import WorkerConnections

log = logging.getLogger("webmon.auth")

Network = IPv4Network | IPv6Network
KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600
REGISTER_WINDOW_SECONDS = 3600
MEMORY_MAX_KEYS = 100_000

# What a 429 documents in the OpenAPI schema of the routes that can answer it.
TOO_MANY_ATTEMPTS_RESPONSE = {
    429: {
        "description": "Too many attempts from this address or for this account; retry after `Retry-After` seconds",
        "headers": {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}},
    }
}


# -- who is the client -----------------------------------------------------------------------------


def _parse_hop(text: str) -> IPv4Address | IPv6Address | None:
    text = text.strip()
    if text.startswith("["):  # [2001:db8::1]:443
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # 203.0.113.7:51234
        text = text.partition(":")[0]
    try:
        address = ip_address(text.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: IPv4Address | IPv6Address, proxies: Sequence[Network]) -> bool:
    return any(address.version == net.version and address in net for net in proxies)


def client_address(peer: str | None, forwarded_for: Sequence[str], proxies: Sequence[Network]) -> str:
    """The client's IP address: the peer, or, behind trusted proxies, the right-most untrusted
    address of X-Forwarded-For (every header line, in order)."""
    current = _parse_hop(peer) if peer else None
    if current is None:
        return peer or "unknown"
    if not proxies or not _trusted(current, proxies):
        return str(current)
    hops = [hop for line in forwarded_for for hop in line.split(",") if hop.strip()]
    for hop in reversed(hops):
        address = _parse_hop(hop)
        if address is None:
            # Garbage handed on by a proxy we trust: the client is as far as we can vouch for.
            return str(current)
        current = address
        if not _trusted(current, proxies):
            return str(current)
    return str(current)


def client_key(address: str) -> str:
    """What the limits count by: the IPv4 address, or the /64 an IPv6 address belongs to."""
    try:
        parsed = ip_address(address)
    except ValueError:
        return address[:64]
    if isinstance(parsed, IPv6Address):
        return str(IPv6Network((int(parsed) >> 64 << 64, 64)))
    return str(parsed)


def request_client(request: Request, proxies: Sequence[Network]) -> str:
    peer = request.client.host if request.client else None
    return client_address(peer, request.headers.getlist("x-forwarded-for"), proxies)


def account_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


# -- the policy and its two stores ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LoginPolicy:
    window: int = 900
    per_account_ip: int = 5
    per_ip: int = 50
    per_account: int = 100
    register_per_ip: int = 20
    known_for: int = KNOWN_ADDRESS_SECONDS
    register_window: int = REGISTER_WINDOW_SECONDS

    @classmethod
    def from_settings(cls, settings: Settings) -> LoginPolicy:
        return cls(
            window=settings.login_window,
            per_account_ip=settings.login_max_failures_per_account_ip,
            per_ip=settings.login_max_failures_per_ip,
            per_account=settings.login_max_failures_per_account,
            register_per_ip=settings.register_max_per_ip,
        )


class LoginLimiter(Protocol):
    async def begin_login(self, account: str, client: str) -> int:
        """Count one attempt, or refuse it: 0 when it may go on, else seconds to wait."""
        ...

    async def login_succeeded(self, account: str, client: str) -> None:
        """Refund the attempt, reset the (account, client) counter, remember the client."""
        ...

    async def login_abandoned(self, account: str, client: str) -> None:
        """Take back an attempt that never got an answer (the database was away): not a failure."""
        ...

    async def begin_registration(self, client: str) -> int: ...


def _keys(account: str, client: str) -> tuple[str, str, str, str]:
    return (f"pair:{account}:{client}", f"ip:{client}", f"acct:{account}", f"known:{account}:{client}")


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
        pair, ip, acct, known = _keys(account, client)
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
        pair, ip, acct, known = _keys(account, client)
        self._counts.pop(pair, None)
        self._add(ip, -1, self.policy.window, now)
        self._add(acct, -1, self.policy.window, now)
        self._known[known] = now + self.policy.known_for

    async def login_abandoned(self, account: str, client: str) -> None:
        now = self._clock()
        for key in _keys(account, client)[:3]:
            self._add(key, -1, self.policy.window, now)

    async def begin_registration(self, client: str) -> int:
        now = self._clock()
        key = f"register:{client}"
        wait = self._wait(key, self.policy.register_per_ip, now)
        if not wait:
            self._prune(now)
            self._add(key, 1, self.policy.register_window, now)
        return wait


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
                    keys=self._full(_keys(account, client)), args=[p.per_account_ip, p.per_ip, p.per_account, p.window]
                )
            )
        except Exception as exc:  # Redis away: this process's own counters, not a lockout
            _warn(exc)
            return await self._fallback.begin_login(account, client)

    async def login_succeeded(self, account: str, client: str) -> None:
        try:
            await self._succeeded(keys=self._full(_keys(account, client)), args=[self.policy.known_for])
        except Exception as exc:
            _warn(exc)
        await self._fallback.login_succeeded(account, client)

    async def login_abandoned(self, account: str, client: str) -> None:
        try:
            await self._abandoned(keys=self._full(_keys(account, client)[:3]))
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


def login_limiter_for(settings: Settings, workers: WorkerConnections | None) -> LoginLimiter:
    """Redis in the multi-service mode (shared by every API process), memory in `webmon serve`."""
    policy = LoginPolicy.from_settings(settings)
    if workers is not None:
        return RedisLoginLimiter(workers.redis, policy)
    return MemoryLoginLimiter(policy)


# -- the dependency the auth routes use ----------------------------------------------------------


def too_many(wait: int) -> HTTPException:
    return HTTPException(
        status.HTTP_429_TOO_MANY_REQUESTS,
        detail=f"Too many attempts; try again in {wait} seconds",
        headers={"Retry-After": str(wait)},
    )


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


async def get_login_guard(request: Request) -> LoginGuard:
    settings = request.app.state.settings
    return LoginGuard(request.app.state.login_limiter, client_key(request_client(request, settings.trusted_proxies)))


LoginGuardDep = Annotated[LoginGuard, Depends(get_login_guard)]
