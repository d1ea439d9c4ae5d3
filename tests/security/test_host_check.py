"""DNS rebinding: a page on `evil.example` that makes its name resolve to 127.0.0.1 still sends
`Host: evil.example`. Such a request is refused before the app sees it; this instance's names
(WEBMON_PUBLIC_URL's host, localhost, IP addresses, names only the local network resolves,
WEBMON_ALLOWED_HOSTS) are served."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import make_settings
from tests.factories import register
from webmon.api.hosts import host_name


@pytest.fixture
def make_client(app_with, db, from_address):  # type: ignore[no-untyped-def]
    async def make(**overrides: object) -> httpx.AsyncClient:
        settings = make_settings(db.settings.database_url, **overrides)
        return from_address(await app_with(settings, database=db), "127.0.0.1")

    return make


async def get(client: httpx.AsyncClient, host: str, path: str = "/health") -> httpx.Response:
    return await client.get(path, headers={"Host": host})


@pytest.mark.parametrize(
    "host", ["nas:8000", "server.lan", "printer.local", "box.home.arpa", "ci.internal", "webmon.test"]
)
async def test_names_only_the_local_network_resolves_are_served(make_client, host):
    client = await make_client()

    assert (await get(client, host)).status_code == 200


async def test_a_request_for_a_foreign_host_name_is_refused(make_client):
    client = await make_client()

    response = await get(client, "evil.example")

    assert response.status_code == 400
    assert "WEBMON_ALLOWED_HOSTS" in response.json()["detail"]


async def test_the_refusal_comes_before_any_route_and_keeps_the_security_headers(make_client):
    client = await make_client()

    response = await client.post(
        "/api/v1/auth/register",
        headers={"Host": "evil.example:8000"},
        json={"email": "x@example.com", "username": "xuser", "password": "long enough pw"},
    )

    assert response.status_code == 400
    assert response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(
    "host",
    ["localhost", "localhost:8000", "app.localhost", "127.0.0.1:8000", "[::1]:8000", "192.168.1.20:8000", "10.0.0.7"],
)
async def test_localhost_and_ip_addresses_are_always_served(make_client, host):
    client = await make_client()

    assert (await get(client, host)).status_code == 200


async def test_the_public_urls_host_is_served_in_any_case_and_with_any_port(make_client):
    client = await make_client(public_url="https://Monitor.Example.com/")

    assert (await get(client, "monitor.example.com")).status_code == 200
    assert (await get(client, "MONITOR.example.com:443")).status_code == 200
    assert (await get(client, "other.example.com")).status_code == 400


async def test_allowed_hosts_adds_names_and_whole_domains(make_client):
    client = await make_client(allowed_hosts="api, .internal.example")

    assert (await get(client, "api:8000")).status_code == 200
    assert (await get(client, "internal.example")).status_code == 200
    assert (await get(client, "a.b.internal.example")).status_code == 200
    assert (await get(client, "notinternal.example")).status_code == 400
    assert (await get(client, "api.example.org")).status_code == 400


async def test_a_star_switches_the_check_off(make_client):
    client = await make_client(allowed_hosts="*")

    assert (await get(client, "anything.example")).status_code == 200


async def test_a_signed_in_user_is_refused_through_a_rebound_name(make_client):
    client = await make_client()
    alice = await register(client, "alice")

    assert (await client.get("/api/v1/websites", headers=alice)).status_code == 200
    assert (await client.get("/api/v1/websites", headers={**alice, "Host": "evil.example"})).status_code == 400


@pytest.mark.parametrize(
    ("header", "name"),
    [("Example.COM:80", "example.com"), ("[::1]:8000", "::1"), ("::1", "::1"), ("example.com.", "example.com")],
)
def test_host_names_are_compared_without_port_case_or_trailing_dot(header, name):
    assert host_name(header) == name
