"""WEBMON_REGISTRATION: open (the default), invite (with an administrator's invitation), closed;
the account that becomes the administrator can always be created."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from tests.api.instance_apps import Clock, api_client, instance_settings, register_as
from tests.factories import login
from webmon.app import create_app
from webmon.models import InstanceInvitation

ADMIN = "/api/v1/admin"


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def settings(database):
    return instance_settings(database)


@pytest.fixture
async def app(db, settings, clock):  # type: ignore[no-untyped-def]
    return create_app(settings, database=db, clock=clock)


async def first_account(client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    assert (await register_as(client, "admin")).status_code == 201
    return await login(client, "admin@example.com")


async def set_registration(client, admin, mode: str) -> None:  # type: ignore[no-untyped-def]
    response = await client.patch(f"{ADMIN}/settings", json={"registration": mode}, headers=admin)
    assert response.status_code == 200, response.text


async def invitation(client, admin, **body) -> dict:  # type: ignore[no-untyped-def]
    response = await client.post(f"{ADMIN}/invitations", json=body or None, headers=admin)
    assert response.status_code == 201, response.text
    return response.json()


async def test_registration_is_open_by_default(client):
    await first_account(client)

    response = await register_as(client, "bob")

    assert response.status_code == 201
    assert response.json()["is_admin"] is False


@pytest.mark.parametrize("mode", ["closed", "invite"])
async def test_the_first_account_can_always_register_and_becomes_the_administrator(database, db, mode):
    async with api_client(instance_settings(database, registration=mode), database=db) as client:
        response = await register_as(client, "founder")

    assert response.status_code == 201
    assert response.json()["is_admin"] is True


async def test_a_closed_server_refuses_a_registration_with_a_403_saying_why(database, db):
    async with api_client(instance_settings(database, registration="closed"), database=db) as client:
        await first_account(client)
        response = await register_as(client, "bob")

    assert response.status_code == 403
    assert "Registration is closed" in response.json()["detail"]


async def test_the_administrator_closes_registration_from_the_dashboard(client):
    admin = await first_account(client)
    await set_registration(client, admin, "closed")

    response = await register_as(client, "bob")

    assert response.status_code == 403
    assert "closed" in response.json()["detail"]


async def test_invite_refuses_a_registration_without_an_invitation(client):
    admin = await first_account(client)
    await set_registration(client, admin, "invite")

    response = await register_as(client, "bob")

    assert response.status_code == 403
    assert "needs an invitation" in response.json()["detail"]


async def test_an_invitation_registers_one_account_once(client):
    admin = await first_account(client)
    await set_registration(client, admin, "invite")
    invited = await invitation(client, admin)

    first = await register_as(client, "bob", invitation=invited["token"])
    second = await register_as(client, "carol", invitation=invited["token"])

    assert first.status_code == 201
    assert first.json()["is_admin"] is False
    assert second.status_code == 403
    assert "not valid" in second.json()["detail"]


async def test_an_invitation_link_opens_the_registration_page_with_its_token(client, settings):
    admin = await first_account(client)

    invited = await invitation(client, admin)

    assert invited["url"] == f"{str(settings.public_url).rstrip('/')}/register?invitation={invited['token']}"
    assert len(invited["token"]) >= 40  # 32 random bytes


async def test_an_expired_invitation_is_refused(client, clock):
    admin = await first_account(client)
    await set_registration(client, admin, "invite")
    invited = await invitation(client, admin, expires_in_hours=1)

    clock.advance(3601)
    response = await register_as(client, "bob", invitation=invited["token"])

    assert response.status_code == 403
    assert "expired" in response.json()["detail"]


@pytest.mark.parametrize("token", ["", "made-up-token", "x" * 200])
async def test_an_unknown_invitation_is_refused(client, token):
    admin = await first_account(client)
    await set_registration(client, admin, "invite")

    response = await register_as(client, "bob", invitation=token)

    assert response.status_code == 403


async def test_a_refused_registration_with_an_invitation_does_not_use_it_up(client):
    admin = await first_account(client)
    await set_registration(client, admin, "invite")
    invited = await invitation(client, admin)

    taken = await register_as(client, "admin", invitation=invited["token"])  # that user name exists
    retried = await register_as(client, "bob", invitation=invited["token"])

    assert taken.status_code == 409
    assert retried.status_code == 201


async def test_a_revoked_invitation_no_longer_works(client):
    admin = await first_account(client)
    await set_registration(client, admin, "invite")
    invited = await invitation(client, admin)

    assert (await client.delete(f"{ADMIN}/invitations/{invited['id']}", headers=admin)).status_code == 204
    response = await register_as(client, "bob", invitation=invited["token"])

    assert response.status_code == 403


async def test_invitations_are_stored_hashed(client, db):
    admin = await first_account(client)
    invited = await invitation(client, admin)

    async with db.session_scope() as session:
        stored = (await session.scalars(select(InstanceInvitation.token_hash))).all()

    assert stored == [hashlib.sha256(invited["token"].encode()).hexdigest()]
    listed = (await client.get(f"{ADMIN}/invitations", headers=admin)).json()
    assert invited["token"] not in str(listed)
    assert [item["status"] for item in listed] == ["pending"]


async def test_an_invitation_is_not_needed_while_registration_is_open(client):
    admin = await first_account(client)
    await invitation(client, admin)

    response = await register_as(client, "bob", invitation="anything")

    assert response.status_code == 201


async def test_a_closed_server_makes_no_invitations(client):
    admin = await first_account(client)
    await set_registration(client, admin, "closed")

    response = await client.post(f"{ADMIN}/invitations", headers=admin)

    assert response.status_code == 409
    assert "invite" in response.json()["detail"]


async def test_with_admin_email_set_only_that_address_gets_past_a_closed_server(database, db):
    settings = instance_settings(database, registration="closed", admin_email="Boss@Example.com")
    async with api_client(settings, database=db) as client:
        someone = await register_as(client, "someone")
        boss = await client.post(
            "/api/v1/auth/register",
            json={"email": "boss@example.com", "username": "boss", "password": "correct horse battery"},
        )

    assert someone.status_code == 403
    assert boss.status_code == 201
    assert boss.json()["is_admin"] is True


async def test_registration_set_in_the_environment_wins_over_the_stored_one(database, db, client):
    admin = await first_account(client)
    await set_registration(client, admin, "open")

    async with api_client(instance_settings(database, registration="closed"), database=db) as pinned:
        response = await register_as(pinned, "bob")

    assert response.status_code == 403
