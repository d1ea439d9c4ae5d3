"""Accounts: register, log in (JSON and OAuth2 form), who am I, change password."""

from __future__ import annotations

import pytest

from tests.factories import DEFAULT_PASSWORD, login, register

REGISTER = "/api/v1/auth/register"
LOGIN = "/api/v1/auth/login"
ME = "/api/v1/auth/me"


def _alice(**overrides: str) -> dict[str, str]:
    return {"email": "alice@example.com", "username": "alice", "password": DEFAULT_PASSWORD} | overrides


async def test_registering_returns_the_user_without_any_password(client):
    response = await client.post(REGISTER, json=_alice())

    assert response.status_code == 201
    body = response.json()
    assert body["email"] == "alice@example.com"
    assert body["username"] == "alice"
    assert body["balance"] == 0
    assert body["is_active"] is True
    assert not any("password" in key for key in body)
    assert "$2b$" not in response.text


async def test_emails_are_stored_lower_case_so_login_ignores_case(client):
    await client.post(REGISTER, json=_alice(email="Alice@Example.COM"))

    assert (
        await client.post(LOGIN, json={"email": "alice@example.com", "password": DEFAULT_PASSWORD})
    ).status_code == 200


async def test_a_second_account_with_the_same_email_is_a_conflict(client):
    await client.post(REGISTER, json=_alice())

    response = await client.post(REGISTER, json=_alice(username="alice2"))

    assert response.status_code == 409
    assert "email" in response.json()["detail"]


async def test_usernames_are_unique_whatever_their_case(client):
    await client.post(REGISTER, json=_alice())

    response = await client.post(REGISTER, json=_alice(email="other@example.com", username="ALICE"))

    assert response.status_code == 409
    assert "username" in response.json()["detail"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-email"),
        ("username", "a"),
        ("username", "has spaces"),
        ("password", "short"),
        ("password", "é" * 40),  # 80 bytes: past bcrypt's 72-byte limit
    ],
)
async def test_invalid_registration_fields_are_422_naming_the_field(client, field, value):
    response = await client.post(REGISTER, json=_alice(**{field: value}))

    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["body", field]]


@pytest.mark.parametrize("password", [" " * 8, " " * 20, "\t \n" * 3])
async def test_a_password_of_nothing_but_spaces_is_refused_naming_the_field(client, password):
    response = await client.post(REGISTER, json=_alice(password=password))

    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["body", "password"]]
    assert "not a space" in response.json()["detail"][0]["msg"]


async def test_spaces_around_a_password_are_kept_as_typed(client):
    await client.post(REGISTER, json=_alice(password="  padded secret  "))

    exact = await client.post(LOGIN, json={"email": "alice@example.com", "password": "  padded secret  "})
    trimmed = await client.post(LOGIN, json={"email": "alice@example.com", "password": "padded secret"})

    assert (exact.status_code, trimmed.status_code) == (200, 401)


async def test_a_new_password_of_nothing_but_spaces_is_refused(client):
    headers = await register(client, "alice")

    response = await client.post(
        "/api/v1/auth/change-password",
        json={"current_password": DEFAULT_PASSWORD, "new_password": " " * 12},
        headers=headers,
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "new_password"]


async def test_a_rejected_password_is_never_echoed_back(client):
    response = await client.post(REGISTER, json=_alice(password="hunter2"))

    assert response.status_code == 422
    assert "hunter2" not in response.text


@pytest.mark.parametrize("field", ["balance", "is_active", "id", "token_version", "hashed_password"])
async def test_registration_refuses_fields_a_user_may_not_set(client, field):
    response = await client.post(REGISTER, json=_alice() | {field: 1000})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]


async def test_login_returns_a_bearer_token_with_its_lifetime(client, settings):
    await client.post(REGISTER, json=_alice())

    response = await client.post(LOGIN, json={"email": "alice@example.com", "password": DEFAULT_PASSWORD})

    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == settings.access_token_expire_minutes * 60
    me = await client.get(ME, headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json()["email"] == "alice@example.com"


@pytest.mark.parametrize(
    "credentials",
    [
        {"email": "alice@example.com", "password": "wrong password"},
        {"email": "nobody@example.com", "password": DEFAULT_PASSWORD},
    ],
)
async def test_wrong_credentials_are_401_with_one_message_for_both_cases(client, credentials):
    await client.post(REGISTER, json=_alice())

    response = await client.post(LOGIN, json=credentials)

    assert response.status_code == 401
    assert response.json() == {"detail": "Incorrect email or password"}


async def test_the_oauth2_password_form_logs_in_with_the_email_as_username(client):
    await client.post(REGISTER, json=_alice())

    response = await client.post(
        "/api/v1/auth/token", data={"username": "alice@example.com", "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 200
    assert response.json()["token_type"] == "bearer"


async def test_me_without_a_token_is_401_asking_for_a_bearer_token(client):
    response = await client.get(ME)

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


async def test_changing_the_password_revokes_older_tokens(client):
    old = await register(client, "alice")

    response = await client.post(
        "/api/v1/auth/change-password",
        json={"current_password": DEFAULT_PASSWORD, "new_password": "a brand new secret"},
        headers=old,
    )

    assert response.status_code == 204
    assert (await client.get(ME, headers=old)).status_code == 401
    new = await login(client, "alice@example.com", "a brand new secret")
    assert (await client.get(ME, headers=new)).status_code == 200
    assert (
        await client.post(LOGIN, json={"email": "alice@example.com", "password": DEFAULT_PASSWORD})
    ).status_code == 401


async def test_changing_the_password_needs_the_current_one(client):
    headers = await register(client, "alice")

    response = await client.post(
        "/api/v1/auth/change-password",
        json={"current_password": "not it", "new_password": "a brand new secret"},
        headers=headers,
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "current_password"]
    assert (await client.get(ME, headers=headers)).status_code == 200


async def test_the_dashboard_session_is_an_httponly_cookie_that_authenticates(client):
    await client.post(REGISTER, json=_alice())

    response = await client.post(
        "/api/v1/auth/session", json={"email": "alice@example.com", "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 200
    assert response.json()["email"] == "alice@example.com"
    assert "access_token" not in response.text
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/api" in cookie
    assert (await client.get(ME)).status_code == 200  # the client sends the cookie back


async def test_a_cookie_session_must_send_the_csrf_header_to_change_anything(client):
    await client.post(REGISTER, json=_alice())
    await client.post("/api/v1/auth/session", json={"email": "alice@example.com", "password": DEFAULT_PASSWORD})
    body = {"url": "https://example.com/", "valid_word": "Example"}

    without = await client.post("/api/v1/websites", json=body)
    with_header = await client.post("/api/v1/websites", json=body, headers={"X-Requested-With": "webmon"})

    assert without.status_code == 403
    assert with_header.status_code == 201


async def test_logging_out_clears_the_session_cookie(client):
    await client.post(REGISTER, json=_alice())
    await client.post("/api/v1/auth/session", json={"email": "alice@example.com", "password": DEFAULT_PASSWORD})

    response = await client.delete("/api/v1/auth/session", headers={"X-Requested-With": "webmon"})

    assert response.status_code == 204
    assert 'webmon_session=""' in response.headers["set-cookie"]
    assert (await client.get(ME)).status_code == 401


async def test_a_wrong_password_sets_no_session(client):
    await client.post(REGISTER, json=_alice())

    response = await client.post("/api/v1/auth/session", json={"email": "alice@example.com", "password": "nope nope"})

    assert response.status_code == 401
    assert "set-cookie" not in response.headers
