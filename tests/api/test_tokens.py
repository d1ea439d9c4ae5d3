"""Only tokens this server signed, unexpired and not revoked, let anyone in."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import jwt
import pytest

from tests.conftest import TEST_SECRET
from tests.factories import register
from webmon.auth.tokens import create_access_token
from webmon.models import utcnow

ME = "/api/v1/auth/me"


async def _alice_id(client, headers) -> int:
    return (await client.get(ME, headers=headers)).json()["id"]


def _session_id(headers: dict[str, str]) -> str:
    """The session a real login opened (its token's `sid`), for tokens made by hand below."""
    token = headers["Authorization"].removeprefix("Bearer ")
    return jwt.decode(token, options={"verify_signature": False})["sid"]


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


async def test_an_expired_token_is_401(client):
    headers = await register(client, "alice")
    user_id = await _alice_id(client, headers)
    token = create_access_token(
        user_id=user_id,
        token_version=0,
        session_id=_session_id(headers),
        secret=TEST_SECRET,
        lifetime=timedelta(minutes=60),
        now=utcnow() - timedelta(minutes=61),
    )

    assert (await client.get(ME, headers=_bearer(token))).status_code == 401


async def test_a_token_signed_with_another_key_is_401(client):
    headers = await register(client, "alice")
    user_id = await _alice_id(client, headers)
    token = create_access_token(
        user_id=user_id,
        token_version=0,
        session_id=_session_id(headers),
        secret="another-secret-key-" + "x" * 32,
        lifetime=timedelta(minutes=5),
        now=utcnow(),
    )

    assert (await client.get(ME, headers=_bearer(token))).status_code == 401


async def test_an_unsigned_alg_none_token_is_401(client):
    user_id = await _alice_id(client, await register(client, "alice"))
    now = int(utcnow().timestamp())
    claims = {"sub": str(user_id), "ver": 0, "typ": "access", "iat": now, "exp": now + 600}
    token = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims)}."

    assert (await client.get(ME, headers=_bearer(token))).status_code == 401


async def test_a_token_whose_subject_was_changed_is_401(client):
    headers = await register(client, "alice")
    await register(client, "bob")
    header, payload, signature = headers["Authorization"].removeprefix("Bearer ").split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = str(int(claims["sub"]) + 1)  # bob's id
    forged = f"{header}.{_b64(claims)}.{signature}"

    assert (await client.get(ME, headers=_bearer(forged))).status_code == 401


@pytest.mark.parametrize("missing", ["exp", "sub", "iat"])
async def test_a_token_without_a_required_claim_is_401(client, missing):
    user_id = await _alice_id(client, await register(client, "alice"))
    now = int(utcnow().timestamp())
    claims = {"sub": str(user_id), "ver": 0, "typ": "access", "iat": now, "exp": now + 600}
    del claims[missing]

    token = jwt.encode(claims, TEST_SECRET, algorithm="HS256")

    assert (await client.get(ME, headers=_bearer(token))).status_code == 401


async def test_a_token_of_a_deleted_user_is_401(client, db):
    from sqlalchemy import delete

    from webmon.models import User

    headers = await register(client, "alice")
    async with db.session_scope() as session:
        await session.execute(delete(User))

    assert (await client.get(ME, headers=headers)).status_code == 401


@pytest.mark.parametrize("value", ["Bearer", "Bearer not.a.token", "Basic YWxpY2U6cHc="])
async def test_malformed_authorization_headers_are_401(client, value):
    assert (await client.get(ME, headers={"Authorization": value})).status_code == 401
