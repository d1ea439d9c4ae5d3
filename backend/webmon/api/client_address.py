"""Who the client is behind a proxy.

The client address is the connection's peer, unless the peer is one of `WEBMON_TRUSTED_PROXIES`:
then `X-Forwarded-For` is read from the right, skipping trusted proxies, and the first address not
trusted is the client (the left-most one if every hop is trusted). Nothing a client writes in
`X-Forwarded-For` is believed unless a trusted proxy handed it on.
"""

from __future__ import annotations

from collections.abc import Sequence
from ipaddress import IPv4Address, IPv4Network, IPv6Address, IPv6Network, ip_address

from starlette.requests import Request

Network = IPv4Network | IPv6Network


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


def from_trusted_proxy(peer: str | None, proxies: Sequence[Network]) -> bool:
    """Whether the peer is one of WEBMON_TRUSTED_PROXIES, whose X-Forwarded-* headers are believed."""
    address = _parse_hop(peer) if peer else None
    return address is not None and bool(proxies) and _trusted(address, proxies)


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


def request_client(request: Request, proxies: Sequence[Network]) -> str:
    peer = request.client.host if request.client else None
    return client_address(peer, request.headers.getlist("x-forwarded-for"), proxies)
