"""GET /meta: what a form or a script needs to know about this server, without signing in."""

from __future__ import annotations

import pytest

from tests.api.instance_apps import api_client, instance_settings
from tests.conftest import with_telegram
from tests.factories import register
from webmon import __version__

META = "/api/v1/meta"


@pytest.fixture
def settings(database):
    return instance_settings(database, min_check_interval=45, max_websites_per_user=7)


async def test_meta_needs_no_sign_in_and_tells_the_limits_and_the_version(client):
    response = await client.get(META)

    assert response.status_code == 200
    assert response.json() == {
        "version": __version__,
        "registration": "open",
        "setup_required": True,
        "min_check_interval": 45,
        "max_websites_per_user": 7,
        "allow_private_targets": False,
        "telegram_enabled": False,
    }


async def test_setup_is_no_longer_required_once_the_first_account_exists(client):
    await register(client, "admin")

    assert (await client.get(META)).json()["setup_required"] is False


async def test_meta_follows_the_administrators_settings(client):
    admin = await register(client, "admin")
    await client.patch(
        "/api/v1/admin/settings", json={"registration": "invite", "allow_private_targets": True}, headers=admin
    )

    body = (await client.get(META)).json()

    assert (body["registration"], body["allow_private_targets"]) == ("invite", True)


async def test_meta_says_when_telegram_is_set_up(settings, db, telegram):
    async with api_client(with_telegram(settings, telegram), database=db) as client:
        assert (await client.get(META)).json()["telegram_enabled"] is True


async def test_meta_tells_nothing_secret(settings, db, telegram):
    async with api_client(with_telegram(settings, telegram), database=db) as client:
        text = (await client.get(META)).text

    assert telegram.token not in text
    assert settings.require_secret_key() not in text
