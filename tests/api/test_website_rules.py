"""Website rules that depend on the server: private addresses and the check-now limit."""

from __future__ import annotations

import pytest

from tests.api.instance_apps import api_client, instance_settings
from tests.factories import create_site, register

SITES = "/api/v1/websites"


@pytest.fixture
async def alice(client):
    return await register(client, "alice")


async def test_a_private_address_is_refused_with_how_to_allow_it_and_the_docs(database, db):
    async with api_client(instance_settings(database), database=db) as client:
        me = await register(client, "alice")
        response = await client.post(SITES, json={"url": "http://192.168.1.1/", "valid_word": "x"}, headers=me)

    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == ["body", "url"]
    assert error["msg"] == (
        "cannot be monitored: 192.168.1.1 is a private address (192.168.0.0/16). An administrator can allow "
        "private networks in Settings (or set WEBMON_ALLOW_PRIVATE_TARGETS=true); see docs/monitoring-your-lan.md"
    )


async def test_when_the_operator_pinned_private_addresses_off_the_refusal_says_so(database, db):
    async with api_client(instance_settings(database, allow_private_targets=False), database=db) as client:
        me = await register(client, "alice")
        response = await client.patch(
            f"{SITES}/{(await create_site(client, me))['id']}", json={"url": "http://localhost:8080/"}, headers=me
        )

    assert response.status_code == 422
    message = response.json()["detail"][0]["msg"]
    assert "WEBMON_ALLOW_PRIVATE_TARGETS=false" in message
    assert "Settings" not in message
    assert "docs/monitoring-your-lan.md" in message


async def test_check_now_twice_within_the_minimum_interval_is_429_with_retry_after(client, alice, settings):
    site = await create_site(client, alice)

    first = await client.post(f"{SITES}/{site['id']}/check", headers=alice)
    second = await client.post(f"{SITES}/{site['id']}/check", headers=alice)

    assert first.status_code == 202
    assert second.status_code == 429
    assert 1 <= int(second.headers["Retry-After"]) <= settings.min_check_interval
