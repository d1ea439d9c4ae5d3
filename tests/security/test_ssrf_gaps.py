"""SSRF, what tests/api/test_ssrf.py and tests/engine/test_engine_guard.py leave out: every
refused URL is refused at update too, and the check pipeline as `serve` and the workers build it
(engine settings from WEBMON_ALLOW_PRIVATE_TARGETS) refuses at fetch time what slipped past the API:
a name resolving to loopback, a redirect to loopback, a site stored before the guard was on."""

from __future__ import annotations

from ipaddress import IPv4Address

import pytest
from sqlalchemy import select

from tests.api.test_ssrf import PRIVATE_URLS
from tests.conftest import make_settings
from tests.engine.engine_targets import StubResolver, raw_server
from tests.factories import create_site, make_user, make_website, register
from webmon.engine import CheckEngine, blocked_reason_for_address
from webmon.models import WebsiteCheck, utcnow
from webmon.runner.engine_config import engine_config
from webmon.runner.pipeline import run_batch
from webmon.runner.scheduling import Claim

SITES = "/api/v1/websites"

REFUSED = [
    "http://127.0.0.1/",
    "http://127.1/",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://0.0.0.0/",
    "http://localhost/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://169.254.169.254/",
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
    "gopher://example.com/",
    "ftp://example.com/",
]


@pytest.fixture
async def strict_app(app):  # type: ignore[no-untyped-def]
    app.state.webmon.settings = app.state.webmon.settings.model_copy(update={"allow_private_targets": False})
    return app


@pytest.mark.parametrize("url", REFUSED)
async def test_a_refused_url_is_422_at_update_and_the_site_keeps_its_url(strict_app, client, url):
    alice = await register(client, "alice")
    site = await create_site(client, alice, url="https://example.com/")

    response = await client.patch(f"{SITES}/{site['id']}", json={"url": url}, headers=alice)

    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["body", "url"]
    assert (await client.get(f"{SITES}/{site['id']}", headers=alice)).json() == site


@pytest.mark.parametrize("url", [url for url in REFUSED if url not in PRIVATE_URLS])
async def test_a_refused_url_not_covered_in_the_api_tests_is_422_at_create(strict_app, client, url):
    alice = await register(client, "alice")

    response = await client.post(SITES, json={"url": url, "valid_word": "x"}, headers=alice)

    assert response.status_code == 422, response.text
    assert (await client.get(SITES, headers=alice)).json() == []


# -- at fetch time, through the pipeline ---------------------------------------------------------------

ALLOWED = IPv4Address("127.0.0.2")  # stands for a public address: only loopback can be bound here


def allow_127_0_0_2(ip):  # type: ignore[no-untyped-def]
    return None if ip == ALLOWED else blocked_reason_for_address(ip)


def strict_engine(**kwargs) -> CheckEngine:  # type: ignore[no-untyped-def]
    """The engine exactly as `serve` and the workers configure it, with the guard on."""
    return CheckEngine(engine_config(make_settings(allow_private_targets=False)), **kwargs)


async def _check_once(db, url: str, engine: CheckEngine) -> WebsiteCheck:  # type: ignore[no-untyped-def]
    async with db.session_scope() as session:
        website = await make_website(session, await make_user(session), url=url)
    async with engine:
        await run_batch(db, engine, [Claim(website.id, utcnow())], reminder_interval=None)
    async with db.sessions() as session:
        return (await session.scalars(select(WebsiteCheck).where(WebsiteCheck.website_id == website.id))).one()


async def test_a_name_that_resolves_to_loopback_is_stored_as_blocked_and_never_dialled(db):
    async with raw_server() as canary:
        check = await _check_once(
            db,
            canary.url(host="status.example"),
            strict_engine(resolver=StubResolver({"status.example": ["127.0.0.1"]})),
        )

    assert (check.status, check.error_kind) == ("down", "BLOCKED")
    assert "127.0.0.1" in check.error_message
    assert canary.connections == 0


async def test_a_public_looking_site_that_redirects_to_loopback_is_stored_as_blocked(db):
    async def redirect(reader, writer):  # type: ignore[no-untyped-def]
        await reader.readuntil(b"\r\n\r\n")
        location = f"http://127.0.0.1:{canary.port}/admin"
        writer.write(f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n".encode())
        await writer.drain()

    async with raw_server() as canary, raw_server(redirect, host="127.0.0.2") as public:
        check = await _check_once(
            db,
            f"http://shop.example:{public.port}/",
            strict_engine(resolver=StubResolver({"shop.example": ["127.0.0.2"]}), address_policy=allow_127_0_0_2),
        )

    assert public.connections == 1
    assert (check.error_kind, check.status_code) == ("BLOCKED", None)
    assert canary.connections == 0


async def test_a_loopback_site_stored_while_private_targets_were_allowed_is_refused_once_they_are_not(db):
    async with raw_server() as canary:
        check = await _check_once(db, canary.url(), strict_engine())

    assert check.error_kind == "BLOCKED"
    assert canary.connections == 0


def test_private_targets_are_refused_unless_the_operator_allows_them():
    assert engine_config(make_settings(allow_private_targets=False)).allow_private_targets is False
    assert engine_config(make_settings(allow_private_targets=True)).allow_private_targets is True
