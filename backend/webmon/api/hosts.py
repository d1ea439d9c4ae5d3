"""Refuse requests addressed to a host name that is not this instance's (DNS rebinding).

A page on `evil.example` can make its own name resolve to 127.0.0.1 and then read a local
Webmon's answers as same-origin: the browser still sends `Host: evil.example`. So a request is
served only when its Host is

- an IP address literal (no name, so nothing to rebind: the browser's origin is the address),
- a name no public DNS server answers for, so no attacker can rebind it: `localhost` and names
  under `.localhost`, a name without a dot (`nas`, `api`: the local resolver's), and names under
  the private-use suffixes `.local` (mDNS), `.lan` (home routers), `.home.arpa`, `.internal` and
  `.test` (RFC 6761: never delegated),
- the host of WEBMON_PUBLIC_URL,
- or one of WEBMON_ALLOWED_HOSTS (a name, or `.example.com` for it and every name under it);
  `*` there switches the check off.

Anything else is a 400 before the app sees it. A request without a Host (HTTP/1.0, not a
browser) is served.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

import orjson
from starlette.types import ASGIApp, Receive, Scope, Send

MAX_REMEMBERED = 1024
# Not delegated in the public DNS: only the local network's resolver answers for these.
LOCAL_SUFFIXES = (".localhost", ".local", ".lan", ".home.arpa", ".internal", ".test")
REFUSED = orjson.dumps(
    {"detail": "this server does not answer to that host name; its administrator can add it to WEBMON_ALLOWED_HOSTS"}
)


def host_name(header: str) -> str:
    """`Example.COM:8000` -> `example.com`; `[::1]:8000` -> `::1`."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    if value.count(":") == 1:
        value = value.partition(":")[0]
    return value.rstrip(".")


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class HostPolicy:
    """Which Host names are this instance's."""

    def __init__(self, allowed: Iterable[str], public_host: str | None) -> None:
        entries = [entry.strip().lower().rstrip(".") for entry in allowed if entry.strip()]
        self.any_host = "*" in entries
        self.names = {entry for entry in entries if not entry.startswith(".")}
        self.suffixes = tuple(entry for entry in entries if entry.startswith("."))
        if public_host:
            self.names.add(host_name(public_host))

    def allows(self, header: str) -> bool:
        if self.any_host:
            return True
        name = host_name(header)
        return (
            name in self.names
            or "." not in name
            or name.endswith(LOCAL_SUFFIXES)
            or any(name == suffix[1:] or name.endswith(suffix) for suffix in self.suffixes)
            or _is_address(name)
        )


class HostCheck:
    """Pure ASGI (cheap on every request): decisions are remembered per Host value."""

    def __init__(self, app: ASGIApp, *, policy: HostPolicy) -> None:
        self.app = app
        self.policy = policy
        self._decided: dict[bytes, bool] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self.policy.any_host:
            await self.app(scope, receive, send)
            return
        host = next((value for name, value in scope["headers"] if name == b"host"), None)
        if host is None or self._allows(host):
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await send(
            {
                "type": "http.response.start",
                "status": 400,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(REFUSED)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": REFUSED})

    def _allows(self, host: bytes) -> bool:
        decided = self._decided.get(host)
        if decided is None:
            decided = self.policy.allows(host.decode("latin-1"))
            if len(self._decided) < MAX_REMEMBERED:
                self._decided[host] = decided
        return decided
