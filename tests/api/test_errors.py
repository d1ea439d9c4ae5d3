"""Bad requests get a clear 4xx; a database outage is a 503 with Retry-After, never a bare 500."""

from __future__ import annotations

import socket

import httpx
import pytest

from tests.conftest import make_settings
from tests.factories import register
from webmon.app import create_app
from webmon.db import Database

SITES = "/api/v1/websites"


async def test_malformed_json_is_422_with_a_detail(client):
    headers = await register(client, "alice")

    response = await client.post(
        SITES, content=b'{"url": "https://example.com/",', headers=headers | {"Content-Type": "application/json"}
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "json_invalid"


async def test_a_json_array_instead_of_an_object_is_422(client):
    headers = await register(client, "alice")

    response = await client.post(SITES, json=["https://example.com/"], headers=headers)

    assert response.status_code == 422


async def test_a_body_over_the_cap_is_413_before_it_is_read(client, settings):
    response = await client.post(
        "/api/v1/auth/register",
        content=b"x" * (settings.max_request_bytes + 1),
        headers={"Content-Type": "application/json"},
    )

    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


async def test_a_streamed_body_over_the_cap_is_413(client, settings):
    async def chunks():
        for _ in range(settings.max_request_bytes // 65536 + 2):
            yield b" " * 65536

    response = await client.post(
        "/api/v1/auth/register", content=chunks(), headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 413


async def test_an_unknown_route_is_a_json_404(client):
    response = await client.get("/api/v1/nothing-here")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


async def test_health_reports_the_database(client):
    response = await client.get("/health")

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["components"]["database"]["status"] == "ok"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
async def client_without_database(database_url, tmp_path):
    """The API pointed at a database that cannot be reached (same kind as the test's backend)."""
    if database_url.startswith("sqlite"):
        (tmp_path / "a-file").write_text("not a folder")
        url = f"sqlite+aiosqlite:///{tmp_path}/a-file/webmon.db"
    else:
        url = f"postgresql+asyncpg://postgres@127.0.0.1:{_closed_port()}/webmon"
    settings = make_settings(url)
    database = Database(settings)
    app = create_app(settings, database=database)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://webmon.test") as http:
        yield http
    await database.dispose()


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/v1/auth/register", {"email": "a@example.com", "username": "alice", "password": "long enough"}),
        ("POST", "/api/v1/auth/login", {"email": "a@example.com", "password": "long enough"}),
    ],
)
async def test_a_database_outage_is_503_with_retry_after(client_without_database, method, path, body):
    response = await client_without_database.request(method, path, json=body)

    assert response.status_code == 503
    assert response.headers["retry-after"].isdigit()
    assert "database" in response.json()["detail"].lower()


async def test_health_is_503_naming_the_database_when_it_is_down(client_without_database):
    response = await client_without_database.get("/health")

    assert response.status_code == 503
    assert response.json()["components"]["database"]["status"] == "error"
