"""SSRF guard at connect time: a resolver wrapper that drops addresses in the deny-list.

aiohttp dials only what the resolver returns, so filtering here checks the address actually
dialled (no time-of-check/time-of-use gap with a second lookup). Literal IP hosts never reach a
resolver; the engine checks those itself on every hop.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from ipaddress import ip_address

from aiohttp.abc import AbstractResolver, ResolveResult

from .ssrf import IPAddress, describe_blocked

log = logging.getLogger(__name__)

AddressPolicy = Callable[[IPAddress], "str | None"]
"""Returns why an address must not be dialled, or None. Default: ssrf.blocked_reason_for_address."""


class BlockedAddressError(OSError):
    """Every address a name resolves to is blocked. aiohttp wraps it in ClientConnectorDNSError."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class GuardedResolver(AbstractResolver):
    """Resolve with ``inner`` and keep only the addresses ``policy`` allows."""

    def __init__(self, inner: AbstractResolver, policy: AddressPolicy, *, owns_inner: bool) -> None:
        self._inner = inner
        self._policy = policy
        self._owns_inner = owns_inner

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        allowed: list[ResolveResult] = []
        first_blocked: tuple[str, str] | None = None
        for result in results:
            address = result["host"]
            try:
                reason = self._policy(ip_address(address.split("%", 1)[0]))
            except ValueError:  # not an IP address: fail closed
                reason = "unparsable address"
            if reason is None:
                allowed.append(result)
            elif first_blocked is None:
                first_blocked = (address, reason)
        if first_blocked is not None:
            if not allowed:
                raise BlockedAddressError(describe_blocked(host, *first_blocked))
            log.info("%s: skipping blocked address %s (%s)", host, *first_blocked)
        return allowed

    async def close(self) -> None:
        if self._owns_inner:
            await self._inner.close()
