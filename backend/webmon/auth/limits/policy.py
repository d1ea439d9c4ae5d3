"""The login and registration limits, what they count by, and the protocol of a store that keeps
the counters (`in_memory`, `in_redis`)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from ipaddress import IPv6Address, IPv6Network, ip_address
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from webmon.config import Settings

KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600
REGISTER_WINDOW_SECONDS = 3600


def client_key(address: str) -> str:
    """What the limits count by: the IPv4 address, or the /64 an IPv6 address belongs to."""
    try:
        parsed = ip_address(address)
    except ValueError:
        return address[:64]
    if isinstance(parsed, IPv6Address):
        return str(IPv6Network((int(parsed) >> 64 << 64, 64)))
    return str(parsed)


def account_key(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


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


def counter_keys(account: str, client: str) -> tuple[str, str, str, str]:
    """Where one attempt counts: per (account, client), per client, per account; and the mark that
    the client has signed in to the account before."""
    return (f"pair:{account}:{client}", f"ip:{client}", f"acct:{account}", f"known:{account}:{client}")
