"""Login and registration rate limits.

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

The files, one idea each: `policy` (the limits and the protocol of a store), `in_memory` and
`in_redis` (the two stores), `guard` (one request's view, refusing with `RateLimited`). Who the
client is behind a proxy is `webmon.api.client_address`.
"""

from webmon.auth.limits.guard import TOO_MANY_ATTEMPTS_RESPONSE, LoginGuard, login_limiter_for, too_many
from webmon.auth.limits.in_memory import MemoryLoginLimiter
from webmon.auth.limits.in_redis import RedisLoginLimiter
from webmon.auth.limits.policy import LoginLimiter, LoginPolicy, account_key, client_key

__all__ = [
    "TOO_MANY_ATTEMPTS_RESPONSE",
    "LoginGuard",
    "LoginLimiter",
    "LoginPolicy",
    "MemoryLoginLimiter",
    "RedisLoginLimiter",
    "account_key",
    "client_key",
    "login_limiter_for",
    "too_many",
]
