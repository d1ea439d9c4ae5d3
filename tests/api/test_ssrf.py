"""Nobody can make Webmon fetch the server's own network: such URLs are a 422 at create and update
(unless WEBMON_ALLOW_PRIVATE_TARGETS is on, as on an intranet install)."""

from __future__ import annotations

import pytest

from tests.factories import create_site, register

SITES = "/api/v1/websites"

PRIVATE_URLS = [
    "http://127.0.0.1/",
    "http://127.1/",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://0177.0.0.1/",
    "http://0.0.0.0/",
    "http://localhost:8000/",
    "http://admin.localhost/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://[64:ff9b::7f00:1]/",
    "http://[2002:7f00:1::]/",
    "http://user@127.0.0.1/",
    "file:///etc/passwd",
    "gopher://127.0.0.1:6379/",
    "ftp://example.com/",
]


@pytest.fixture
async def strict_app(app):
    app.state.webmon.settings = app.state.webmon.settings.model_copy(update={"allow_private_targets": False})
    return app


@pytest.mark.parametrize("url", PRIVATE_URLS)
async def test_a_private_or_non_http_url_is_refused_at_create(strict_app, client, url):
    alice = await register(client, "alice")

    response = await client.post(SITES, json={"url": url, "valid_word": "x"}, headers=alice)

    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["body", "url"]


@pytest.mark.parametrize("url", ["http://127.1/", "http://[::1]/", "http://169.254.169.254/"])
async def test_a_private_url_is_refused_at_update_and_the_site_keeps_its_url(strict_app, client, url):
    alice = await register(client, "alice")
    site = await create_site(client, alice, url="https://example.com/")

    response = await client.patch(f"{SITES}/{site['id']}", json={"url": url}, headers=alice)

    assert response.status_code == 422
    assert (await client.get(f"{SITES}/{site['id']}", headers=alice)).json()["url"] == "https://example.com/"


async def test_the_refusal_says_why(strict_app, client):
    alice = await register(client, "alice")

    response = await client.post(SITES, json={"url": "http://2130706433/", "valid_word": "x"}, headers=alice)

    assert "127.0.0.1" in response.json()["detail"][0]["msg"]
    assert "loopback" in response.json()["detail"][0]["msg"]


@pytest.mark.parametrize("url", ["https://example.com/", "http://93.184.216.34/", "http://[2606:2800:220:1::1]/"])
async def test_public_addresses_are_allowed(strict_app, client, url):
    alice = await register(client, "alice")

    assert (await client.post(SITES, json={"url": url, "valid_word": "x"}, headers=alice)).status_code == 201


async def test_private_targets_are_allowed_when_the_operator_says_so(client):
    alice = await register(client, "alice")  # the test settings allow private targets

    assert (
        await client.post(SITES, json={"url": "http://127.0.0.1:8080/", "valid_word": "x"}, headers=alice)
    ).status_code == 201
