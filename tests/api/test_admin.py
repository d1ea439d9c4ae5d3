"""The instance administrator (WEBMON_ADMIN_EMAIL, else the first account) and their API:
settings stored in the database, the environment winning, health and counts."""

from __future__ import annotations

import pytest

from tests.api.instance_apps import api_client, instance_settings, register_as
from tests.factories import create_site, login, register
from webmon.db import Database

ADMIN = "/api/v1/admin"
SITES = "/api/v1/websites"


@pytest.fixture
def settings(database):
    return instance_settings(database)


@pytest.fixture
async def admin(client):
    return await register(client, "admin")


@pytest.fixture
async def bob(client, admin):
    return await register(client, "bob")


async def test_the_first_account_is_the_administrator_and_me_says_so(client, admin, bob):
    assert (await client.get("/api/v1/auth/me", headers=admin)).json()["is_admin"] is True
    assert (await client.get("/api/v1/auth/me", headers=bob)).json()["is_admin"] is False


async def test_the_dashboard_session_says_whether_the_user_is_the_administrator(client, admin):
    response = await client.post(
        "/api/v1/auth/session", json={"email": "admin@example.com", "password": "correct horse battery"}
    )

    assert response.status_code == 200
    assert response.json()["is_admin"] is True


async def test_admin_email_names_the_administrator_instead_of_the_first_account(database, db):
    async with api_client(instance_settings(database, admin_email="boss@example.com"), database=db) as client:
        first = await register(client, "first")
        boss = await register(client, "boss")

        assert (await client.get("/api/v1/auth/me", headers=first)).json()["is_admin"] is False
        assert (await client.get("/api/v1/auth/me", headers=boss)).json()["is_admin"] is True
        assert (await client.get(f"{ADMIN}/settings", headers=first)).status_code == 403
        assert (await client.get(f"{ADMIN}/settings", headers=boss)).status_code == 200


ADMIN_ROUTES = [
    ("GET", f"{ADMIN}/settings", None),
    ("PATCH", f"{ADMIN}/settings", {"registration": "closed"}),
    ("POST", f"{ADMIN}/invitations", None),
    ("GET", f"{ADMIN}/invitations", None),
    ("DELETE", f"{ADMIN}/invitations/1", None),
    ("GET", f"{ADMIN}/health", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_ROUTES)
async def test_another_user_gets_403_from_every_admin_route(client, bob, method, path, body):
    response = await client.request(method, path, json=body, headers=bob)

    assert response.status_code == 403
    assert "administrator" in response.json()["detail"]


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_ROUTES)
async def test_without_signing_in_every_admin_route_is_401(client, method, path, body):
    assert (await client.request(method, path, json=body)).status_code == 401


async def test_the_settings_start_from_the_defaults_with_nothing_locked(client, admin):
    response = await client.get(f"{ADMIN}/settings", headers=admin)

    assert response.status_code == 200
    assert response.json() == {"allow_private_targets": False, "registration": "open", "locked": []}


async def test_a_setting_changed_is_stored_and_read_back(client, admin):
    changed = await client.patch(f"{ADMIN}/settings", json={"allow_private_targets": True}, headers=admin)
    read = await client.get(f"{ADMIN}/settings", headers=admin)

    assert changed.status_code == 200
    assert changed.json() == read.json() == {"allow_private_targets": True, "registration": "open", "locked": []}


async def test_an_invalid_registration_mode_is_a_422_naming_the_field(client, admin):
    response = await client.patch(f"{ADMIN}/settings", json={"registration": "sometimes"}, headers=admin)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "registration"]


async def test_settings_set_in_the_environment_are_locked_and_a_patch_of_one_is_a_422(database, db):
    pinned = instance_settings(database, allow_private_targets=False)
    async with api_client(pinned, database=db) as client:
        admin = await register(client, "admin")
        read = await client.get(f"{ADMIN}/settings", headers=admin)
        patched = await client.patch(f"{ADMIN}/settings", json={"allow_private_targets": True}, headers=admin)
        free = await client.patch(f"{ADMIN}/settings", json={"registration": "invite"}, headers=admin)

    assert read.json()["locked"] == ["allow_private_targets"]
    assert patched.status_code == 422
    error = patched.json()["detail"][0]
    assert error["loc"] == ["body", "allow_private_targets"]
    assert "WEBMON_ALLOW_PRIVATE_TARGETS" in error["msg"]
    assert free.status_code == 200
    assert free.json() == {
        "allow_private_targets": False,
        "registration": "invite",
        "locked": ["allow_private_targets"],
    }


async def test_the_environment_wins_over_a_value_stored_from_the_dashboard(client, admin, database, db):
    await client.patch(f"{ADMIN}/settings", json={"allow_private_targets": True}, headers=admin)

    async with api_client(instance_settings(database, allow_private_targets=False), database=db) as pinned:
        token = await login(pinned, "admin@example.com")
        read = (await pinned.get(f"{ADMIN}/settings", headers=token)).json()
        created = await pinned.post(SITES, json={"url": "http://192.168.1.1/", "valid_word": "x"}, headers=token)

    assert read["allow_private_targets"] is False
    assert created.status_code == 422


async def test_allowing_private_targets_lets_a_lan_address_be_added_at_once(client, admin):
    before = await client.post(SITES, json={"url": "http://192.168.1.1/", "valid_word": "x"}, headers=admin)
    await client.patch(f"{ADMIN}/settings", json={"allow_private_targets": True}, headers=admin)
    after = await client.post(SITES, json={"url": "http://192.168.1.1/", "valid_word": "x"}, headers=admin)

    assert before.status_code == 422
    assert after.status_code == 201


async def test_a_setting_changed_in_one_api_process_holds_at_once_in_another(client, admin, settings):
    other_database = Database(settings)  # a second process: its own connection pool, nothing shared
    try:
        async with api_client(settings, database=other_database) as other:
            await client.patch(f"{ADMIN}/settings", json={"allow_private_targets": True}, headers=admin)
            allowed = await other.post(SITES, json={"url": "http://10.0.0.1/", "valid_word": "x"}, headers=admin)
            await client.patch(f"{ADMIN}/settings", json={"registration": "closed"}, headers=admin)
            refused = await register_as(other, "bob")
    finally:
        await other_database.dispose()

    assert allowed.status_code == 201
    assert refused.status_code == 403


async def test_health_reports_the_components_and_counts_accounts_and_sites(client, admin, bob):
    await create_site(client, bob)
    await create_site(client, bob, is_active=False)

    response = await client.get(f"{ADMIN}/health", headers=admin)

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["components"]["database"]["status"] == "ok"
    assert body["counts"] == {"users": 2, "websites": 2, "active_websites": 1, "down_websites": 0}
    assert body["version"]


async def test_invitations_are_listed_without_their_tokens_and_can_be_revoked(client, admin):
    made = (await client.post(f"{ADMIN}/invitations", headers=admin)).json()

    listed = (await client.get(f"{ADMIN}/invitations", headers=admin)).json()
    revoked = await client.delete(f"{ADMIN}/invitations/{made['id']}", headers=admin)
    again = await client.delete(f"{ADMIN}/invitations/{made['id']}", headers=admin)

    assert [(item["id"], item["status"]) for item in listed] == [(made["id"], "pending")]
    assert "token" not in listed[0]
    assert revoked.status_code == 204
    assert again.status_code == 404


@pytest.mark.parametrize("invitation_id", ["0", "2147483648", "x"])
async def test_an_invitation_id_out_of_range_is_a_422_not_a_500(client, admin, invitation_id):
    response = await client.delete(f"{ADMIN}/invitations/{invitation_id}", headers=admin)

    assert response.status_code == 422
