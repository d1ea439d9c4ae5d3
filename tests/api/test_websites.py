"""Websites: create, read, list, update, delete, check now, check history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.clock import TODAY
from tests.conftest import with_telegram
from tests.factories import create_site, link_chat, register
from webmon.models import Website, WebsiteCheck

SITES = "/api/v1/websites"


@pytest.fixture
def settings(database, telegram):
    """Telegram is set up (a fake Bot API that knows the chats these tests use)."""
    for chat in ("-1001234567890", "123456789", "@my_channel", "12345"):
        telegram.add_chat(chat, type="private" if chat.isdigit() else "group")
    return with_telegram(database.settings, telegram)


@pytest.fixture
async def alice(client, db, telegram):
    """Alice, who linked those chats (a channel links by its numeric id)."""
    headers = await register(client, "alice")
    for chat in ("-1001234567890", "123456789", "@my_channel", "12345"):
        await link_chat(client, db, headers, telegram.chats[chat].id)
    return headers


async def test_a_new_site_gets_the_documented_defaults_and_is_due_at_once(client, alice):
    before = datetime.now(UTC)

    site = await create_site(client, alice, url="https://example.com/shop", valid_word="Buy")

    assert site["name"] == "example.com"
    assert (site["timeout"], site["check_interval"], site["failure_threshold"]) == (30, 300, 2)
    assert site["is_active"] is True
    assert site["status"] == "pending"
    assert site["telegram_chat_id"] is None
    assert (site["total_checks"], site["failed_checks"], site["consecutive_failures"]) == (0, 0, 0)
    assert datetime.fromisoformat(site["next_check_at"]) >= before - timedelta(seconds=1)
    assert datetime.fromisoformat(site["next_check_at"]) <= datetime.now(UTC)


async def test_every_writable_field_is_stored(client, alice):
    fields = {
        "url": "http://example.org:8080/health?full=1",
        "name": "Shop",
        "valid_word": "OK",
        "timeout": 10,
        "check_interval": 60,
        "telegram_chat_id": "-1001234567890",
        "is_active": False,
        "failure_threshold": 5,
    }

    site = await create_site(client, alice, **fields)

    fetched = (await client.get(f"{SITES}/{site['id']}", headers=alice)).json()
    assert {key: fetched[key] for key in fields} == fields


def test_the_documented_url_limit_is_the_one_the_validator_and_the_column_enforce(app):
    documented = app.openapi()["components"]["schemas"]["WebsiteCreate"]["properties"]["url"]["maxLength"]

    assert documented == Website.__table__.c.url.type.length == 2048


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("url", "ftp://example.com/"),
        ("url", "javascript:alert(1)"),
        ("url", "example.com"),
        ("url", "https://"),
        ("url", "https://user:pw@example.com/"),
        ("url", "https://example.com:99999/"),
        ("url", "https://exa mple.com/"),
        ("url", "https://example.com/" + "a" * 2048),
        ("url", 42),
        ("valid_word", ""),
        ("valid_word", "   "),
        ("valid_word", "w" * 201),
        ("timeout", 0),
        ("timeout", 121),
        ("timeout", "soon"),
        ("check_interval", 86_401),
        ("check_interval", 10),  # below WEBMON_MIN_CHECK_INTERVAL (30)
        ("failure_threshold", 0),
        ("failure_threshold", 11),
        ("telegram_chat_id", "my chat"),
        ("telegram_chat_id", "@ab"),
        ("is_active", "sometimes"),
        ("name", "n" * 201),
    ],
)
async def test_invalid_fields_are_422_naming_the_field(client, alice, field, value):
    body = {"url": "https://example.com/", "valid_word": "Example", field: value}

    response = await client.post(SITES, json=body, headers=alice)

    assert response.status_code == 422, response.text
    assert [error["loc"][-1] for error in response.json()["detail"]] == [field]
    assert all(error["msg"] for error in response.json()["detail"])


@pytest.mark.parametrize("field", ["url", "valid_word"])
async def test_required_fields_are_422_when_missing(client, alice, field):
    body = {"url": "https://example.com/", "valid_word": "Example"}
    del body[field]

    response = await client.post(SITES, json=body, headers=alice)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]


@pytest.mark.parametrize(
    "field",
    ["status", "user_id", "id", "balance", "total_checks", "failed_checks", "consecutive_failures", "last_check"],
)
async def test_read_only_and_unknown_fields_cannot_be_written(client, alice, field):
    body = {"url": "https://example.com/", "valid_word": "Example", field: "up" if field == "status" else 7}

    created = await client.post(SITES, json=body, headers=alice)
    site = await create_site(client, alice)
    patched = await client.patch(f"{SITES}/{site['id']}", json={field: 7}, headers=alice)

    assert created.status_code == 422
    assert patched.status_code == 422
    assert created.json()["detail"][0]["loc"] == ["body", field]


async def test_the_minimum_interval_follows_the_server_setting(client, alice, settings):
    response = await client.post(
        SITES,
        json={"url": "https://example.com/", "valid_word": "x", "check_interval": settings.min_check_interval - 1},
        headers=alice,
    )

    assert response.status_code == 422
    assert str(settings.min_check_interval) in response.json()["detail"][0]["msg"]
    assert (await create_site(client, alice, check_interval=settings.min_check_interval))["check_interval"] == 30


@pytest.mark.parametrize("chat_id", ["123456789", "-1001234567890", "@my_channel", 123456789])
async def test_a_telegram_chat_is_a_numeric_id_or_a_channel_name(client, alice, chat_id):
    site = await create_site(client, alice, telegram_chat_id=chat_id)

    assert site["telegram_chat_id"] == str(chat_id)


async def test_a_blank_telegram_chat_means_none(client, alice):
    assert (await create_site(client, alice, telegram_chat_id="  "))["telegram_chat_id"] is None


async def test_the_list_pages_with_limit_and_offset_and_counts_the_total(client, alice):
    for n in range(5):
        await create_site(client, alice, name=f"site {n}")

    response = await client.get(SITES, params={"limit": 2, "offset": 2}, headers=alice)

    assert response.status_code == 200
    assert response.headers["x-total-count"] == "5"
    assert [site["name"] for site in response.json()] == ["site 2", "site 3"]


async def test_the_list_filters_by_status(client, alice, db):
    up = await create_site(client, alice, name="up one")
    await create_site(client, alice, name="pending one")
    async with db.session_scope() as session:
        (await session.get(Website, up["id"])).status = "up"

    response = await client.get(SITES, params={"status": "up"}, headers=alice)

    assert [site["name"] for site in response.json()] == ["up one"]
    assert response.headers["x-total-count"] == "1"


async def test_the_list_searches_names_and_urls_case_insensitively(client, alice):
    await create_site(client, alice, name="Shop", url="https://shop.example.com/")
    await create_site(client, alice, name="Blog", url="https://blog.example.com/")
    await create_site(client, alice, name="100% uptime", url="https://status.example.net/")

    by_name = await client.get(SITES, params={"q": "SHOP"}, headers=alice)
    by_url = await client.get(SITES, params={"q": "blog.example"}, headers=alice)
    literal_percent = await client.get(SITES, params={"q": "100%"}, headers=alice)

    assert [site["name"] for site in by_name.json()] == ["Shop"]
    assert [site["name"] for site in by_url.json()] == ["Blog"]
    assert [site["name"] for site in literal_percent.json()] == ["100% uptime"]


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 1001}, {"offset": -1}, {"status": "sideways"}, {"limit": "many"}]
)
async def test_bad_list_parameters_are_422_naming_the_parameter(client, alice, params):
    response = await client.get(SITES, params=params, headers=alice)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", next(iter(params))]


async def test_patch_changes_only_the_fields_sent(client, alice):
    site = await create_site(client, alice, name="Before", timeout=20)

    response = await client.patch(f"{SITES}/{site['id']}", json={"name": "After"}, headers=alice)

    assert response.status_code == 200
    assert response.json()["name"] == "After"
    assert response.json()["timeout"] == 20
    assert response.json()["updated_at"] is not None


async def test_patch_refuses_null_for_required_fields(client, alice):
    site = await create_site(client, alice)

    response = await client.patch(f"{SITES}/{site['id']}", json={"url": None}, headers=alice)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "url"]


async def test_patch_with_a_null_name_goes_back_to_the_host_name(client, alice):
    site = await create_site(client, alice, name="Custom", url="https://shop.example.com/")

    response = await client.patch(f"{SITES}/{site['id']}", json={"name": None}, headers=alice)

    assert response.json()["name"] == "shop.example.com"


async def test_patch_clears_the_telegram_chat_with_null(client, alice):
    site = await create_site(client, alice, telegram_chat_id="12345")

    response = await client.patch(f"{SITES}/{site['id']}", json={"telegram_chat_id": None}, headers=alice)

    assert response.json()["telegram_chat_id"] is None


async def test_changing_what_a_check_does_makes_the_site_due_again(client, alice, db):
    site = await create_site(client, alice)
    later = datetime.now(UTC) + timedelta(hours=1)
    async with db.session_scope() as session:
        (await session.get(Website, site["id"])).next_check_at = later

    response = await client.patch(f"{SITES}/{site['id']}", json={"valid_word": "Other"}, headers=alice)

    assert datetime.fromisoformat(response.json()["next_check_at"]) <= datetime.now(UTC)


async def test_patch_validates_like_create(client, alice):
    site = await create_site(client, alice)

    response = await client.patch(f"{SITES}/{site['id']}", json={"check_interval": 5}, headers=alice)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "check_interval"]


async def test_delete_removes_the_site_and_its_checks(client, alice, db):
    site = await create_site(client, alice)
    async with db.session_scope() as session:
        session.add(WebsiteCheck(website_id=site["id"], checked_at=datetime.now(UTC), status="up", response_time=5))

    response = await client.delete(f"{SITES}/{site['id']}", headers=alice)

    assert response.status_code == 204
    assert (await client.get(f"{SITES}/{site['id']}", headers=alice)).status_code == 404
    async with db.session_scope() as session:
        assert (await session.scalars(select(WebsiteCheck))).all() == []


async def test_check_now_is_accepted_and_makes_the_site_due(client, alice, db):
    site = await create_site(client, alice)
    async with db.session_scope() as session:
        (await session.get(Website, site["id"])).next_check_at = datetime.now(UTC) + timedelta(hours=1)

    response = await client.post(f"{SITES}/{site['id']}/check", headers=alice)

    assert response.status_code == 202
    assert datetime.fromisoformat(response.json()["next_check_at"]) <= datetime.now(UTC)


async def test_check_now_on_a_paused_site_is_a_conflict(client, alice):
    site = await create_site(client, alice, is_active=False)

    response = await client.post(f"{SITES}/{site['id']}/check", headers=alice)

    assert response.status_code == 409
    assert "paused" in response.json()["detail"]


async def test_the_check_history_is_newest_first_and_pages_with_before(client, alice, db):
    site = await create_site(client, alice)
    start = TODAY
    async with db.session_scope() as session:
        for minute in range(5):
            session.add(
                WebsiteCheck(
                    website_id=site["id"],
                    checked_at=start + timedelta(minutes=minute),
                    status="down" if minute == 3 else "up",
                    status_code=503 if minute == 3 else 200,
                    response_time=100 + minute,
                    error_kind="HTTP_STATUS" if minute == 3 else None,
                    error_message="HTTP 503 Service Unavailable" if minute == 3 else None,
                )
            )

    first = (await client.get(f"{SITES}/{site['id']}/checks", params={"limit": 2}, headers=alice)).json()
    second = (
        await client.get(
            f"{SITES}/{site['id']}/checks", params={"limit": 2, "before": first[-1]["checked_at"]}, headers=alice
        )
    ).json()

    assert [check["response_time"] for check in first] == [104, 103]
    assert first[1] | {"id": None} == {
        "id": None,
        "status": "down",
        "status_code": 503,
        "response_time": 103,
        "error_kind": "HTTP_STATUS",
        "error_message": "HTTP 503 Service Unavailable",
        "checked_at": (TODAY + timedelta(minutes=3)).isoformat().replace("+00:00", "Z"),
    }
    assert [check["response_time"] for check in second] == [102, 101]


async def test_check_history_needs_a_time_zone_in_before(client, alice):
    site = await create_site(client, alice)

    response = await client.get(f"{SITES}/{site['id']}/checks", params={"before": "2026-01-01T00:00:00"}, headers=alice)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "before"]


async def test_a_user_cannot_add_more_sites_than_the_cap(app, client, alice):
    app.state.webmon.settings = app.state.webmon.settings.model_copy(update={"max_websites_per_user": 2})
    await create_site(client, alice)
    await create_site(client, alice)

    response = await client.post(SITES, json={"url": "https://example.com/", "valid_word": "x"}, headers=alice)

    assert response.status_code == 409
    assert "2" in response.json()["detail"]


async def test_a_missing_site_is_404(client, alice):
    assert (await client.get(f"{SITES}/999999", headers=alice)).status_code == 404


@pytest.mark.parametrize("website_id", ["abc", "0", "-1", "99999999999999999999"])
async def test_a_malformed_site_id_is_422(client, alice, website_id):
    response = await client.get(f"{SITES}/{website_id}", headers=alice)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "website_id"]


async def test_the_list_filters_paused_sites_apart_from_their_last_status(client, alice, db):
    paused = await create_site(client, alice, name="paused one", is_active=False)
    running = await create_site(client, alice, name="running one")
    async with db.session_scope() as session:
        (await session.get(Website, paused["id"])).status = "up"
        (await session.get(Website, running["id"])).status = "up"

    only_paused = await client.get(SITES, params={"status": "paused"}, headers=alice)
    only_up = await client.get(SITES, params={"status": "up"}, headers=alice)

    assert [site["name"] for site in only_paused.json()] == ["paused one"]
    assert [site["name"] for site in only_up.json()] == ["running one"]
