"""The account's language: English until chosen, chosen with PATCH /auth/me, shown by GET /auth/me,
and hinted at registration by the browser's language."""

from __future__ import annotations

import pytest

from tests.conftest import with_telegram
from tests.factories import DEFAULT_PASSWORD, link_chat, login, register

ME = "/api/v1/auth/me"


async def _register(client, name: str, **extra) -> dict[str, str]:
    body = {"email": f"{name}@example.com", "username": name, "password": DEFAULT_PASSWORD} | extra
    response = await client.post("/api/v1/auth/register", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def _error_fields(response) -> list[list]:
    return [error["loc"] for error in response.json()["detail"]]


async def test_a_new_account_speaks_english(client):
    alice = await register(client, "alice")

    assert (await client.get(ME, headers=alice)).json()["locale"] == "en"


async def test_patch_me_sets_the_language_and_get_me_shows_it(client):
    alice = await register(client, "alice")

    response = await client.patch(ME, json={"locale": "ru"}, headers=alice)

    assert response.status_code == 200
    assert response.json()["locale"] == "ru"
    assert (await client.get(ME, headers=alice)).json()["locale"] == "ru"


async def test_the_language_is_the_accounts_not_the_sessions(client):
    alice = await register(client, "alice")
    await client.patch(ME, json={"locale": "ru"}, headers=alice)

    again = await login(client, "alice@example.com")

    assert (await client.get(ME, headers=again)).json()["locale"] == "ru"


async def test_patch_me_with_nothing_changes_nothing(client):
    alice = await register(client, "alice")
    await client.patch(ME, json={"locale": "ru"}, headers=alice)

    response = await client.patch(ME, json={}, headers=alice)

    assert response.status_code == 200
    assert response.json()["locale"] == "ru"


@pytest.mark.parametrize("value", ["fr", "RU", "ru-RU", "", None, 1])
async def test_a_language_webmon_does_not_speak_is_a_422_naming_locale(client, value):
    alice = await register(client, "alice")

    response = await client.patch(ME, json={"locale": value}, headers=alice)

    assert response.status_code == 422
    assert _error_fields(response) == [["body", "locale"]]
    assert (await client.get(ME, headers=alice)).json()["locale"] == "en"


@pytest.mark.parametrize("field", ["email", "is_active", "balance", "token_version"])
async def test_patch_me_refuses_every_other_field(client, field):
    alice = await register(client, "alice")
    before = (await client.get(ME, headers=alice)).json()

    response = await client.patch(ME, json={"locale": "ru", field: "x"}, headers=alice)

    assert response.status_code == 422
    assert _error_fields(response) == [["body", field]]
    assert (await client.get(ME, headers=alice)).json() == before


async def test_patch_me_needs_a_signed_in_user(client):
    response = await client.patch(ME, json={"locale": "ru"})

    assert response.status_code == 401


async def test_one_users_language_is_not_anothers(client):
    alice = await register(client, "alice")
    bob = await register(client, "bob")

    await client.patch(ME, json={"locale": "ru"}, headers=alice)

    assert (await client.get(ME, headers=bob)).json()["locale"] == "en"


@pytest.mark.parametrize(("browser", "locale"), [("ru", "ru"), ("ru-RU", "ru"), ("en-GB", "en"), ("de-DE", "en")])
async def test_registration_takes_the_language_the_browser_names(client, browser, locale):
    user = await _register(client, "alice", locale=browser)

    assert user["locale"] == locale


@pytest.mark.parametrize("value", ["ru; DROP TABLE users", "r", "x" * 40, 7])
async def test_registration_refuses_what_is_no_language_tag_naming_locale(client, value):
    response = await client.post(
        "/api/v1/auth/register",
        json={"email": "alice@example.com", "username": "alice", "password": DEFAULT_PASSWORD, "locale": value},
    )

    assert response.status_code == 422
    assert _error_fields(response) == [["body", "locale"]]


class TestTheTestMessage:
    @pytest.fixture
    def settings(self, database, telegram):
        return with_telegram(database.settings, telegram)

    async def test_the_test_message_is_in_the_language_of_the_user_who_asked(self, client, telegram, db):
        alice = await register(client, "alice")
        await client.patch(ME, json={"locale": "ru"}, headers=alice)
        await link_chat(client, db, alice, "555", telegram=telegram)

        response = await client.post("/api/v1/telegram/test", json={"chat_id": "555"}, headers=alice)

        assert response.status_code == 200, response.text
        [message] = telegram.sent_to("555")
        assert "Тестовое сообщение от Webmon" in message.text
