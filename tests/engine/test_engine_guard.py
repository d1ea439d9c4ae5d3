"""The SSRF guard at fetch time: the address actually dialled is checked, on every hop.

Only loopback can be bound in a test, so the tests that need an *allowed* server inject an
address policy that allows 127.0.0.2 and applies the real deny-list to everything else
(127.0.0.1 included). Every test asserts a canary listener on the blocked address saw nothing.
"""

from __future__ import annotations

from ipaddress import IPv4Address

from engine_targets import StubResolver, check, raw_server

from webmon.engine import CheckKind, blocked_reason_for_address

ALLOWED = IPv4Address("127.0.0.2")


def allow_127_0_0_2(ip):
    return None if ip == ALLOWED else blocked_reason_for_address(ip)


def guarded(**engine_kwargs):
    """Engine settings with the guard on (TEST_CONFIG lifts it)."""
    return {"allow_private_targets": False, "engine_kwargs": engine_kwargs}


async def test_a_name_resolving_to_loopback_is_blocked_without_connecting():
    resolver = StubResolver({"public.example": ["127.0.0.1"]})
    async with raw_server() as canary:
        result = await check(canary.url(host="public.example"), retries=3, **guarded(resolver=resolver))

    assert result.kind == CheckKind.BLOCKED
    assert result.message == "public.example resolves to 127.0.0.1, a loopback address"
    assert result.attempts == 1  # BLOCKED is not retried
    assert canary.connections == 0


async def test_blocked_addresses_are_dropped_and_an_allowed_one_is_dialled(target):
    resolver = StubResolver({"mixed.example": ["127.0.0.1", "127.0.0.2"]})
    async with raw_server(port=target.alt_port) as canary:  # 127.0.0.1 on the target's port
        result = await check(
            f"http://mixed.example:{target.alt_port}/up",
            **guarded(resolver=resolver, address_policy=allow_127_0_0_2),
        )

    assert result.ok is True
    assert canary.connections == 0


async def test_a_literal_loopback_ip_is_blocked_without_connecting():
    async with raw_server() as canary:
        result = await check(canary.url(), **guarded())

    assert result.kind == CheckKind.BLOCKED
    assert result.message == "127.0.0.1 is a loopback address"
    assert canary.connections == 0


async def test_localhost_is_blocked_without_connecting():
    async with raw_server() as canary:
        result = await check(canary.url(host="localhost"), **guarded())

    assert result.kind == CheckKind.BLOCKED
    assert canary.connections == 0


async def test_a_redirect_to_a_literal_loopback_ip_is_blocked(target):
    for spelling in ("127.0.0.1", "127.1", "2130706433", "0x7f.1", "0177.0.0.1", "[::ffff:127.0.0.1]"):
        async with raw_server() as canary:
            hop = f"http://{spelling}:{canary.port}/"
            result = await check(f"{target.alt_base}/redirect-to?url={hop}", **guarded(address_policy=allow_127_0_0_2))

        assert result.kind == CheckKind.BLOCKED, spelling
        assert "loopback" in result.message
        assert canary.connections == 0, spelling


async def test_a_redirect_to_a_name_resolving_to_loopback_is_blocked(target):
    resolver = StubResolver({"public.example": ["127.0.0.2"], "evil.example": ["127.0.0.1"]})
    async with raw_server() as canary:
        result = await check(
            f"http://public.example:{target.alt_port}/redirect-to?url=http://evil.example:{canary.port}/",
            **guarded(resolver=resolver, address_policy=allow_127_0_0_2),
        )

    assert result.kind == CheckKind.BLOCKED
    assert result.message == "evil.example resolves to 127.0.0.1, a loopback address"
    assert canary.connections == 0


async def test_allow_private_targets_lifts_the_guard(target):
    resolver = StubResolver({"intranet.example": ["127.0.0.1"]})
    port = target.base.rsplit(":", 1)[1]

    result = await check(
        f"http://intranet.example:{port}/up", allow_private_targets=True, engine_kwargs={"resolver": resolver}
    )

    assert result.ok is True
