"""Which addresses Webmon refuses to check: the SSRF deny-list.

Pure functions, no I/O and no DNS. The API calls :func:`blocked_reason_for_url` when a user creates
or edits a website; the engine calls :func:`blocked_reason_for_address` on every address a name
resolves to and :func:`literal_ip` + :func:`blocked_reason_for_address` on every redirect hop, so a
name that resolves to a private address or a redirect to ``http://127.1/`` is refused at fetch
time as well.

Decisions:

* The deny-list is an explicit CIDR table, not ``ipaddress``'s ``is_private`` & co, which miss
  100.64.0.0/10, 64:ff9b::/96 and 2002::/16 and change between Python versions.
* IPv6 addresses that carry an IPv4 address are judged by that IPv4 address: IPv4-mapped
  ``::ffff:a.b.c.d``, IPv4-translated ``::ffff:0:a.b.c.d``, NAT64 ``64:ff9b::a.b.c.d`` and 6to4
  ``2002:aabb:ccdd::/48``. A *public* embedded IPv4 is allowed, so Webmon keeps working on an
  IPv6-only host behind DNS64/NAT64. For the local-use NAT64 prefix ``64:ff9b:1::/48`` the
  operator picks where the IPv4 sits (RFC 6052 formats /48, /56, /64, /96); the address is
  blocked when the IPv4 read at *any* of those positions is blocked.
* Teredo (2001::/32), site-local (fec0::/10) and the deprecated IPv4-compatible ``::a.b.c.d``
  (::/96) are blocked whole: nobody hosts a website there.
* Numeric hosts are parsed the way glibc's ``inet_aton`` does (1 to 4 parts, each decimal, octal
  with a leading ``0`` or hex with ``0x``), so ``127.1``, ``2130706433``, ``0x7f.1`` and
  ``0177.0.0.1`` are all recognised as 127.0.0.1. The parser is ours, so the answer does not depend
  on the platform's libc.
"""

from __future__ import annotations

import ipaddress
from ipaddress import IPv4Address, IPv6Address
from urllib.parse import unquote

from yarl import URL

IPAddress = IPv4Address | IPv6Address

# (network, label). More specific networks first: the first match names the reason.
_V4_DENY = [
    ("255.255.255.255/32", "broadcast address"),
    ("0.0.0.0/8", "'this network' address (0.0.0.0/8)"),
    ("10.0.0.0/8", "private address (10.0.0.0/8)"),
    ("100.64.0.0/10", "carrier-grade NAT address (100.64.0.0/10)"),
    ("127.0.0.0/8", "loopback address"),
    ("169.254.0.0/16", "link-local address (169.254.0.0/16)"),
    ("172.16.0.0/12", "private address (172.16.0.0/12)"),
    ("192.0.0.0/24", "IETF protocol assignment address (192.0.0.0/24)"),
    ("192.0.2.0/24", "documentation address (192.0.2.0/24)"),
    ("192.88.99.0/24", "6to4 relay anycast address (192.88.99.0/24)"),
    ("192.168.0.0/16", "private address (192.168.0.0/16)"),
    ("198.18.0.0/15", "benchmarking address (198.18.0.0/15)"),
    ("198.51.100.0/24", "documentation address (198.51.100.0/24)"),
    ("203.0.113.0/24", "documentation address (203.0.113.0/24)"),
    ("224.0.0.0/4", "multicast address (224.0.0.0/4)"),
    ("240.0.0.0/4", "reserved address (240.0.0.0/4)"),
]

_V6_DENY = [
    ("::/128", "unspecified address (::)"),
    ("::1/128", "loopback address (::1)"),
    ("::/96", "deprecated IPv4-compatible address (::/96)"),
    ("100::/64", "discard-only address (100::/64)"),
    ("2001::/32", "Teredo address (2001::/32)"),
    ("2001:db8::/32", "documentation address (2001:db8::/32)"),
    ("3fff::/20", "documentation address (3fff::/20)"),
    ("fc00::/7", "unique local address (fc00::/7)"),
    ("fe80::/10", "link-local address (fe80::/10)"),
    ("fec0::/10", "site-local address (fec0::/10)"),
    ("ff00::/8", "multicast address (ff00::/8)"),
]


def _as_ranges(table: list[tuple[str, str]]) -> tuple[tuple[int, int, str], ...]:
    ranges = []
    for cidr, label in table:
        net = ipaddress.ip_network(cidr)
        ranges.append((int(net.network_address), int(net.broadcast_address), label))
    return tuple(ranges)


_V4_RANGES = _as_ranges(_V4_DENY)
_V6_RANGES = _as_ranges(_V6_DENY)

_MAPPED = (0xFFFF << 32, "an IPv4-mapped address")  # ::ffff:0:0/96
_TRANSLATED = (0xFFFF << 48, "an IPv4-translated address")  # ::ffff:0:0:0/96
_NAT64 = (0x0064FF9B << 96, "a NAT64 address")  # 64:ff9b::/96
_LOW96 = (1 << 32) - 1
_NAT64_LOCAL = 0x0064FF9B0001  # 64:ff9b:1::/48, top 48 bits
_SIX_TO_FOUR = 0x2002  # 2002::/16, top 16 bits


def _v4_reason(value: int) -> str | None:
    for start, end, label in _V4_RANGES:
        if start <= value <= end:
            return label
    return None


def _embedded(v4: int, where: str) -> str | None:
    reason = _v4_reason(v4)
    if reason is None:
        return None
    return f"{reason} ({IPv4Address(v4)} in {where})"


def _nat64_local_candidates(value: int) -> tuple[int, ...]:
    """IPv4 addresses an RFC 6052 local-use NAT64 address may carry (prefix /48, /56, /64, /96).

    Bits 64..71 (the "u" octet) never carry address bits, hence the split positions.
    """

    def bits(hi: int, width: int) -> int:  # `width` bits starting `hi` bits below the top
        return (value >> (128 - hi - width)) & ((1 << width) - 1)

    p48 = (bits(48, 16) << 16) | bits(72, 16)
    p56 = (bits(56, 8) << 24) | bits(72, 24)
    p64 = bits(72, 32)
    p96 = bits(96, 32)
    return (p48, p56, p64, p96)


def blocked_reason_for_address(ip: IPAddress) -> str | None:
    """Why Webmon must not connect to ``ip``, or None when it may.

    >>> blocked_reason_for_address(IPv4Address("127.0.0.1"))
    'loopback address'
    >>> blocked_reason_for_address(IPv4Address("93.184.216.34")) is None
    True
    """
    value = int(ip)
    if ip.version == 4:
        return _v4_reason(value)
    high96 = value & ~_LOW96
    for prefix, where in (_MAPPED, _TRANSLATED, _NAT64):
        if high96 == prefix:
            return _embedded(value & _LOW96, where)
    if value >> 80 == _NAT64_LOCAL:
        for v4 in _nat64_local_candidates(value):
            if reason := _embedded(v4, "a local-use NAT64 address"):
                return reason
        return None
    if value >> 112 == _SIX_TO_FOUR:
        return _embedded((value >> 80) & _LOW96, "a 6to4 address")
    for start, end, label in _V6_RANGES:
        if start <= value <= end:
            return label
    return None


def _inet_aton_part(text: str) -> int | None:
    if not text:
        return None
    if text[0] == "0" and len(text) > 1:
        if text[1] in "xX":
            digits, base = text[2:], 16
        else:
            digits, base = text[1:], 8
    else:
        digits, base = text, 10
    if not digits:
        return None
    allowed = "0123456789abcdefABCDEF"[: 22 if base == 16 else base]
    for ch in digits:
        if ch not in allowed:
            return None
    return int(digits, base)


def parse_legacy_ipv4(host: str) -> IPv4Address | None:
    """Parse ``host`` as glibc's ``inet_aton`` would: ``127.1``, ``2130706433``, ``0x7f.1``...

    Returns None when ``host`` is not a numeric IPv4 spelling. One trailing dot is tolerated
    (``127.0.0.1.``): resolvers may treat it as the same address, so we do too.
    """
    if host.endswith("."):
        host = host[:-1]
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers = []
    for part in parts:
        number = _inet_aton_part(part)
        if number is None:
            return None
        numbers.append(number)
    *leading, last = numbers
    if any(n > 0xFF for n in leading) or last >= 1 << (8 * (5 - len(numbers))):
        return None
    value = last
    for index, number in enumerate(leading):
        value |= number << (24 - 8 * index)
    return IPv4Address(value)


def literal_ip(host: str) -> IPAddress | None:
    """The IP address ``host`` spells literally (any glibc IPv4 spelling, or IPv6), else None."""
    if not host:
        return None
    if host[0] == "[" and host[-1] == "]":
        host = host[1:-1]
    if ":" in host:
        try:
            return IPv6Address(unquote(host).split("%", 1)[0])
        except ValueError:
            return None
    first = host[0]
    if not ("0" <= first <= "9"):  # fast path: a name, the common case
        return None
    return parse_legacy_ipv4(host)


_LOCALHOST_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})


def is_localhost_name(host: str) -> bool:
    host = host.rstrip(".").lower()
    return host in _LOCALHOST_NAMES or host.endswith(".localhost")


def blocked_reason_for_host(host: str | None) -> str | None:
    """Static verdict on a host name (no DNS): missing, ``localhost``-like, or a blocked literal IP."""
    if not host:
        return "the URL has no host"
    if "%" in host and ":" not in host:
        host = unquote(host)
    if is_localhost_name(host):
        return f"{host!r} points at the monitoring server itself"
    ip = literal_ip(host)
    if ip is None:
        return None
    reason = blocked_reason_for_address(ip)
    if reason is None:
        return None
    return describe_literal(host, ip, reason)


def blocked_reason_for_url(url: str) -> str | None:
    """Why a URL a user typed must not be monitored, or None when it may (static, no DNS).

    Refuses non-http(s) schemes, credentials in the URL, a missing host, ``localhost`` and
    ``*.localhost``, and literal IP addresses in any spelling glibc accepts that fall in the
    deny-list. A name that *resolves* to a private address passes here; the engine catches it
    when it connects.
    """
    try:
        parsed = URL(url.strip())
    except (ValueError, TypeError):
        return "not a valid URL"
    scheme = parsed.scheme.lower()
    if scheme not in ("http", "https"):
        return f"only http and https URLs can be checked (got {scheme + ':' if scheme else 'no scheme'})"
    if parsed.raw_user is not None or parsed.raw_password is not None:
        return "credentials in the URL (user:password@) are not allowed"
    try:
        host = parsed.raw_host
    except ValueError:
        return "not a valid URL"
    return blocked_reason_for_host(host)


def _article(phrase: str) -> str:
    if phrase.startswith("unique"):
        return "a"
    return "an" if phrase[:1].lower() in "aeiou" else "a"


def describe_blocked(host: str, ip: str, reason: str) -> str:
    """Message for a result: ``public.example resolves to 127.0.0.1, a loopback address``."""
    if host == ip:
        return f"{ip} is {_article(reason)} {reason}"
    return f"{host} resolves to {ip}, {_article(reason)} {reason}"


def describe_literal(host: str, ip: IPAddress, reason: str) -> str:
    """``127.0.0.1 is a loopback address``; ``127.1 (127.0.0.1) is a loopback address``."""
    spelled = host.strip("[]")
    shown = spelled if spelled == str(ip) else f"{spelled} ({ip})"
    return f"{shown} is {_article(reason)} {reason}"
