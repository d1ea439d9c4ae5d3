"""Security headers, beyond tests/web/test_spa.py and tests/web/test_nginx.py: on every kind of API
answer (errors included), no caching of responses that carry a token, and what Nginx adds or
hides in front of the API."""

from __future__ import annotations

import pytest

from tests.factories import DEFAULT_PASSWORD, register
from tests.web.test_nginx import nginx_binary, site_files, stack  # noqa: F401 - fixtures

EXPECTED = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    "referrer-policy": "strict-origin-when-cross-origin",
}


def _headers_of(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {name: response.headers.get(name) for name in EXPECTED}


@pytest.fixture
async def answers(client, settings):  # type: ignore[no-untyped-def]
    """One answer of each kind the API gives."""
    alice = await register(client, "alice")
    return {
        "200": await client.get("/api/v1/auth/me", headers=alice),
        "401": await client.get("/api/v1/websites"),
        "404": await client.get("/api/v1/websites/999", headers=alice),
        "404 no route": await client.get("/api/v1/nothing"),
        "405": await client.put("/api/v1/auth/me", headers=alice),
        "409": await client.post(
            "/api/v1/auth/register",
            json={"email": "alice@example.com", "username": "other", "password": DEFAULT_PASSWORD},
        ),
        "413": await client.post("/api/v1/websites", content=b"x" * (settings.max_request_bytes + 1), headers=alice),
        "422": await client.post("/api/v1/websites", json={"url": "ftp://x"}, headers=alice),
    }


@pytest.mark.parametrize("kind", ["200", "401", "404", "404 no route", "405", "409", "413", "422"])
async def test_every_kind_of_api_answer_carries_the_security_headers(answers, kind):
    assert answers[kind].status_code == int(kind[:3])
    assert _headers_of(answers[kind]) == EXPECTED


async def test_an_unexpected_500_carries_the_security_headers_too(app, client):
    async def boom() -> None:
        raise RuntimeError("unexpected")

    app.add_api_route("/api/v1/boom", boom)

    response = await client.get("/api/v1/boom")

    assert response.status_code == 500
    assert _headers_of(response) == EXPECTED


@pytest.mark.parametrize(
    ("path", "send"),
    [
        ("/api/v1/auth/login", {"json": {"email": "alice@example.com", "password": DEFAULT_PASSWORD}}),
        ("/api/v1/auth/session", {"json": {"email": "alice@example.com", "password": DEFAULT_PASSWORD}}),
        ("/api/v1/auth/token", {"data": {"username": "alice@example.com", "password": DEFAULT_PASSWORD}}),
    ],
)
async def test_a_response_that_carries_a_token_is_never_cached(client, path, send):
    await register(client, "alice")

    response = await client.post(path, **send)

    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"


def test_nginx_does_not_tell_its_version(stack):  # noqa: F811
    client, _ = stack

    assert client.get("/").headers["server"] == "nginx"


def test_nginx_serves_the_dashboard_with_every_browser_policy(stack):  # noqa: F811
    client, _ = stack

    response = client.get("/account")

    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert response.headers["permissions-policy"] == "camera=(), microphone=(), geolocation=()"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "object-src 'none'" in response.headers["content-security-policy"]


def test_behind_nginx_the_api_keeps_its_own_policy_and_gets_hsts(stack):  # noqa: F811
    client, _ = stack

    response = client.post("/api/v1/auth/login", json={"email": "x@example.com", "password": "guess guess"})

    assert response.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["strict-transport-security"].startswith("max-age=")
