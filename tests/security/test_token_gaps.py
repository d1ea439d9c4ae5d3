"""Tokens, beyond tests/api/test_tokens.py: other algorithms, a stripped signature, the wrong token
type, a token without its version, and the dashboard's cookie held to the same rules."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

import jwt
import pytest
from sqlalchemy import update

from tests.conftest import TEST_SECRET
from tests.factories import DEFAULT_PASSWORD, register
from webmon.auth.tokens import create_access_token
from webmon.models import User, utcnow

ME = "/api/v1/auth/me"


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


async def _claims(client) -> dict:  # type: ignore[no-untyped-def]
    headers = await register(client, "alice")
    user_id = (await client.get(ME, headers=headers)).json()["id"]
    session_id = jwt.decode(headers["Authorization"].removeprefix("Bearer "), options={"verify_signature": False})[
        "sid"
    ]
    now = int(utcnow().timestamp())
    return {"sub": str(user_id), "ver": 0, "sid": session_id, "typ": "access", "iat": now, "exp": now + 600}


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_a_well_formed_token_made_here_is_accepted(client):
    """The control for the refusals below: the same claims, signed as the server signs."""
    claims = await _claims(client)

    assert (
        await client.get(ME, headers=_bearer(jwt.encode(claims, TEST_SECRET, algorithm="HS256")))
    ).status_code == 200


@pytest.mark.filterwarnings("ignore:The HMAC key is")
@pytest.mark.parametrize("algorithm", ["HS384", "HS512"])
async def test_a_token_signed_with_the_right_key_but_another_algorithm_is_401(client, algorithm):
    claims = await _claims(client)

    assert (
        await client.get(ME, headers=_bearer(jwt.encode(claims, TEST_SECRET, algorithm=algorithm)))
    ).status_code == 401


@pytest.mark.parametrize("alg", ["none", "None", "NONE"])
async def test_alg_none_in_any_spelling_is_401(client, alg):
    claims = await _claims(client)
    token = f"{_b64({'alg': alg, 'typ': 'JWT'})}.{_b64(claims)}."

    assert (await client.get(ME, headers=_bearer(token))).status_code == 401


async def test_a_token_with_its_signature_stripped_is_401(client):
    claims = await _claims(client)
    header, payload, _ = jwt.encode(claims, TEST_SECRET, algorithm="HS256").split(".")

    assert (await client.get(ME, headers=_bearer(f"{header}.{payload}."))).status_code == 401


@pytest.mark.parametrize(
    ("claim", "value"),
    [("typ", "refresh"), ("typ", None), ("ver", None), ("ver", 1), ("sub", "alice"), ("sid", None), ("sid", 7)],
)
async def test_a_signed_token_with_a_wrong_claim_is_401(client, claim, value):
    claims = await _claims(client)
    if value is None:
        del claims[claim]
    else:
        claims[claim] = value

    assert (
        await client.get(ME, headers=_bearer(jwt.encode(claims, TEST_SECRET, algorithm="HS256")))
    ).status_code == 401


async def test_a_token_issued_before_a_password_change_is_401_even_when_unexpired(client, db):
    old = await register(client, "alice")
    async with db.session_scope() as session:
        await session.execute(
            update(User).where(User.email == "alice@example.com").values(token_version=User.token_version + 1)
        )

    assert (await client.get(ME, headers=old)).status_code == 401


async def _cookie_session(client) -> None:  # type: ignore[no-untyped-def]
    await register(client, "alice")
    response = await client.post(
        "/api/v1/auth/session", json={"email": "alice@example.com", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200


async def test_the_dashboard_cookie_of_a_disabled_user_is_401(client, db):
    await _cookie_session(client)
    async with db.session_scope() as session:
        await session.execute(update(User).values(is_active=False))

    assert (await client.get(ME)).status_code == 401


async def test_the_dashboard_cookie_stops_working_after_a_password_change(client):
    await _cookie_session(client)

    changed = await client.post(
        "/api/v1/auth/change-password",
        json={"current_password": DEFAULT_PASSWORD, "new_password": "a brand new secret"},
        headers={"X-Requested-With": "webmon"},
    )

    assert changed.status_code == 204
    assert (await client.get(ME)).status_code == 401


async def test_an_expired_token_in_the_cookie_is_401(client):
    claims = await _claims(client)
    token = create_access_token(
        user_id=int(claims["sub"]),
        token_version=0,
        session_id=claims["sid"],
        secret=TEST_SECRET,
        lifetime=timedelta(minutes=1),
        now=utcnow() - timedelta(minutes=2),
    )

    assert (await client.get(ME, headers={"Cookie": f"webmon_session={token}"})).status_code == 401


async def test_the_token_lifetime_is_what_the_settings_say(client, settings):
    await register(client, "alice")
    token = (
        await client.post("/api/v1/auth/login", json={"email": "alice@example.com", "password": DEFAULT_PASSWORD})
    ).json()["access_token"]

    claims = jwt.decode(token, TEST_SECRET, algorithms=["HS256"])

    assert claims["exp"] - claims["iat"] == settings.access_token_expire_minutes * 60
