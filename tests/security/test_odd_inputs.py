"""Odd input the fuzzer (test_fuzz.py) found: it is refused with a 4xx, never a 500.

A NUL byte (or another control character) in text a user sends: PostgreSQL refuses NUL in text
outright, so one that reaches a query would be a 500. A password longer than bcrypt's 72 bytes at
login: pwdlib raises, and for an unknown email that was a 500 (while a known email got 401: an
oracle for which accounts exist).

A website's `name` and `valid_word` and the list's `q` search refuse NUL with a 422 naming the field."""

from __future__ import annotations

import pytest

from tests.factories import DEFAULT_PASSWORD, create_site, register


async def test_a_nul_byte_in_the_form_logins_username_is_a_401_not_a_500(client):
    await register(client, "alice")

    response = await client.post(
        "/api/v1/auth/token", data={"username": "alice\x00@example.com", "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 401


async def test_an_overlong_form_username_is_a_401(client):
    response = await client.post("/api/v1/auth/token", data={"username": "a" * 5000 + "@example.com", "password": "x"})

    assert response.status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        {"email": "alice\x00@example.com", "password": DEFAULT_PASSWORD},
        {"email": "alice@example.com", "password": "pass\x00word"},
    ],
)
async def test_a_nul_byte_in_a_json_login_is_refused_not_a_500(client, body):
    await register(client, "alice")

    assert (await client.post("/api/v1/auth/login", json=body)).status_code in {401, 422}


@pytest.mark.parametrize("path", ["/api/v1/auth/login", "/api/v1/auth/session"])
async def test_a_password_longer_than_bcrypt_takes_is_401_for_known_and_unknown_emails_alike(client, path):
    await register(client, "alice")
    long_password = "é" * 40  # 80 bytes

    known = await client.post(path, json={"email": "alice@example.com", "password": long_password})
    unknown = await client.post(path, json={"email": "nobody@example.com", "password": long_password})

    assert (known.status_code, unknown.status_code) == (401, 401)
    assert known.json() == unknown.json()


async def test_a_long_password_in_the_form_login_is_401(client):
    response = await client.post("/api/v1/auth/token", data={"username": "nobody@example.com", "password": "x" * 100})

    assert response.status_code == 401


@pytest.mark.parametrize("field", ["name", "valid_word"])
async def test_a_nul_byte_in_a_websites_text_is_422_naming_the_field(client, field):
    alice = await register(client, "alice")

    response = await client.post(
        "/api/v1/websites",
        json={"url": "https://a.example.com/", "valid_word": "Welcome"} | {field: "bad\x00text"},
        headers=alice,
    )

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]


async def test_a_nul_byte_in_a_website_update_is_422(client):
    alice = await register(client, "alice")
    site = await create_site(client, alice)

    response = await client.patch(f"/api/v1/websites/{site['id']}", json={"name": "bad\x00name"}, headers=alice)

    assert response.status_code == 422


async def test_a_nul_byte_in_the_search_is_422(client):
    alice = await register(client, "alice")

    response = await client.get("/api/v1/websites", params={"q": "shop\x00"}, headers=alice)

    assert response.status_code == 422
