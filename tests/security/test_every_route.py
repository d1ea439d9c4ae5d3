"""Every route of the API, read from the app's own OpenAPI document so that a new route cannot be
forgotten: it needs a token unless it is listed as public here; another user's website id is a 404
that changes nothing; no request body lets a user write ids, ownership, balance, status or counters.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import func, select

from tests.factories import DEFAULT_PASSWORD, create_site, register
from webmon.models import StateChange, Website, WebsiteCheck

# Adding a route here is a conscious act: it answers without a token.
PUBLIC = {
    ("POST", "/api/v1/auth/register"),
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/token"),
    ("POST", "/api/v1/auth/session"),  # logs in the dashboard
    ("POST", "/api/v1/auth/logout"),  # logs out: revokes the session it is shown, if any, and clears the cookie
    ("DELETE", "/api/v1/auth/session"),  # the same
    ("GET", "/health"),
    ("GET", "/metrics"),  # not published by Nginx; counts only, no user data
    ("GET", "/api/v1/meta"),  # version, limits, registration mode: what the sign-up form needs
}
# Routes outside the OpenAPI document, all public and none of them an API.
UNDOCUMENTED = {"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc", "/docs/assets/{name}"}

# A valid body for every request schema; a schema missing here fails test_every_request_schema_is_known.
VALID_BODIES: dict[str, dict[str, Any]] = {
    "RegisterIn": {"email": "zed@example.com", "username": "zed", "password": DEFAULT_PASSWORD},
    "LoginIn": {"email": "alice@example.com", "password": DEFAULT_PASSWORD},
    "ChangePasswordIn": {"current_password": DEFAULT_PASSWORD, "new_password": "another long password"},
    "UpdateMeIn": {"locale": "ru"},
    "WebsiteCreate": {"url": "https://new.example.com/", "valid_word": "Example"},
    "WebsiteUpdate": {"name": "Renamed"},
    "TestMessageIn": {"chat_id": "12345"},
    # No such site: a 404 after validation, so the body itself is valid (test_the_valid_bodies_above...).
    "BulkIn": {"ids": [2_000_000_000], "action": "pause"},
    "InstanceSettingsPatch": {"registration": "open"},
    "InvitationIn": {"expires_in_hours": 24},
    # The OAuth2 password form: a login, it writes nothing; extra form fields are ignored by the standard.
    "Body_token_api_v1_auth_token_post": {"username": "alice@example.com", "password": DEFAULT_PASSWORD},
}
FORM_SCHEMAS = {"Body_token_api_v1_auth_token_post"}
USER_SCHEMAS = {"RegisterIn", "LoginIn", "ChangePasswordIn", "UpdateMeIn"}

# Fields no request may set. `is_active` is writable on a website (pause), never on a user.
SERVER_OWNED = [
    "id",
    "user_id",
    "balance",
    "status",
    "total_checks",
    "failed_checks",
    "consecutive_failures",
    "last_check",
    "last_slot_at",
    "next_check_at",
    "created_at",
    "token_version",
    "hashed_password",
]


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def body_schema_name(operation: dict[str, Any]) -> tuple[str, str] | None:
    for content_type, media in operation.get("requestBody", {}).get("content", {}).items():
        return content_type, media["schema"]["$ref"].rsplit("/", 1)[1]
    return None


def fill(path: str, operation: dict[str, Any], website_id: int) -> tuple[str, dict[str, str]]:
    """The path with its parameters filled, and the required query parameters."""
    query = {}
    for parameter in operation.get("parameters", []):
        if parameter["in"] == "query" and parameter.get("required"):
            examples = parameter["schema"].get("examples") or ["1"]
            query[parameter["name"]] = str(examples[0])
    return path.replace("{website_id}", str(website_id)), query


@pytest.fixture
async def schema(client) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return (await client.get("/openapi.json")).json()


@pytest.fixture
async def tenants(client):  # type: ignore[no-untyped-def]
    alice = await register(client, "alice")
    bob = await register(client, "bob")
    site = await create_site(client, alice, name="Alice's shop", url="https://alice.example.com/")
    return alice, bob, site


def test_public_routes_listed_here_all_exist(app):
    documented = {(method, path) for method, path, _ in operations(app.openapi())}

    assert documented >= PUBLIC


def test_no_api_route_is_hidden_from_the_openapi_document(app):
    hidden = []
    for route in _walk(app.routes):
        if isinstance(route, APIRoute) or (hasattr(route, "include_in_schema") and hasattr(route, "dependant")):
            if not route.include_in_schema:
                hidden.append(route.path)
        elif getattr(route, "path", None) not in UNDOCUMENTED:
            hidden.append(getattr(route, "path", repr(route)))

    assert hidden == []


def _walk(routes):  # type: ignore[no-untyped-def]
    """Every route, also inside included routers (FastAPI >= 0.16x keeps them as one entry)."""
    for route in routes:
        contexts = getattr(route, "effective_route_contexts", None)
        if contexts is not None:
            yield from contexts()
        else:
            yield route


async def test_every_private_route_is_401_without_a_token(client, schema, tenants):
    _, _, site = tenants
    checked = []
    for method, path, operation in operations(schema):
        if (method, path) in PUBLIC:
            continue
        url, query = fill(path, operation, site["id"])
        body = VALID_BODIES.get((body_schema_name(operation) or ("", ""))[1])
        client.cookies.clear()

        response = await client.request(method, url, params=query, json=body)

        assert response.status_code == 401, (method, path, response.status_code, response.text)
        assert response.headers["www-authenticate"] == "Bearer"
        checked.append((method, path))
    assert len(checked) >= 15  # the walk found the API, not an empty document


async def test_a_forged_cookie_is_401_on_every_private_route(client, schema, tenants):
    _, _, site = tenants
    for method, path, operation in operations(schema):
        if (method, path) in PUBLIC:
            continue
        url, query = fill(path, operation, site["id"])
        body = VALID_BODIES.get((body_schema_name(operation) or ("", ""))[1])

        response = await client.request(
            method,
            url,
            params=query,
            json=body,
            headers={"Cookie": "webmon_session=eyJhbGciOiJub25lIn0.e30.", "X-Requested-With": "webmon"},
        )

        assert response.status_code == 401, (method, path, response.status_code)


async def _alices_rows(db, site_id: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    async with db.sessions() as session:
        website = (
            (await session.execute(select(Website.__table__).where(Website.id == site_id))).mappings().one_or_none()
        )
        checks = await session.scalar(
            select(func.count()).select_from(WebsiteCheck).where(WebsiteCheck.website_id == site_id)
        )
        changes = await session.scalar(
            select(func.count()).select_from(StateChange).where(StateChange.website_id == site_id)
        )
    return {"website": dict(website) if website else None, "checks": checks, "changes": changes}


async def test_every_route_with_a_website_id_is_404_for_another_users_site_and_changes_nothing(
    client, db, schema, tenants
):
    alice, bob, site = tenants
    before = await _alices_rows(db, site["id"])
    checked = []
    for method, path, operation in operations(schema):
        if "{website_id}" not in path:
            continue
        url, query = fill(path, operation, site["id"])
        missing_url, _ = fill(path, operation, 2_000_000_000)
        body = VALID_BODIES.get((body_schema_name(operation) or ("", ""))[1])

        response = await client.request(method, url, params=query, json=body, headers=bob)
        missing = await client.request(method, missing_url, params=query, json=body, headers=bob)

        assert response.status_code == 404, (method, path, response.status_code)
        assert response.json() == missing.json() == {"detail": "Website not found"}, (method, path)
        checked.append((method, path))

    assert len(checked) >= 9
    assert await _alices_rows(db, site["id"]) == before
    assert (await client.get(f"/api/v1/websites/{site['id']}", headers=alice)).json() == site


async def test_sparklines_never_show_another_users_site(client, tenants):
    alice, bob, site = tenants

    theirs = await client.get("/api/v1/websites/sparklines", params={"ids": str(site["id"])}, headers=bob)
    mine = await client.get("/api/v1/websites/sparklines", params={"ids": str(site["id"])}, headers=alice)

    assert theirs.status_code == 200
    assert theirs.json() == {}
    assert str(site["id"]) in mine.json()


BULK_ACTIONS = ["pause", "resume", "delete", "check", "add_tag", "remove_tag"]


async def test_every_bulk_action_naming_another_users_site_is_404_and_changes_nothing(client, db, tenants):
    _, bob, site = tenants
    bobs = await create_site(client, bob, name="Bob's", tags=["shop"])
    before = await _alices_rows(db, site["id"])
    bobs_before = await _alices_rows(db, bobs["id"])
    for action in BULK_ACTIONS:
        body = {"ids": [bobs["id"], site["id"]], "action": action}
        if action in {"add_tag", "remove_tag"}:
            body["tag"] = "shop"

        response = await client.post("/api/v1/websites/bulk", json=body, headers=bob)

        assert response.status_code == 404, (action, response.text)
        assert response.json() == {"detail": f"Website not found: {site['id']}"}, action
    assert await _alices_rows(db, site["id"]) == before
    assert await _alices_rows(db, bobs["id"]) == bobs_before


async def test_tags_and_the_tag_filter_show_only_the_callers_sites(client, tenants):
    alice, bob, site = tenants
    await client.patch(f"/api/v1/websites/{site['id']}", json={"tags": ["alices"]}, headers=alice)

    tags = await client.get("/api/v1/websites/tags", headers=bob)
    filtered = await client.get("/api/v1/websites", params={"tag": "alices"}, headers=bob)

    assert tags.json() == []
    assert filtered.json() == [] and filtered.headers["x-total-count"] == "0"


async def test_summaries_and_lists_count_only_the_callers_sites(client, tenants):
    _, bob, _ = tenants

    summary = (await client.get("/api/v1/websites/summary", headers=bob)).json()
    listing = await client.get("/api/v1/websites", headers=bob)

    assert summary["total"] == 0
    assert listing.json() == [] and listing.headers["x-total-count"] == "0"


def test_every_request_schema_is_known(app):
    bodies = [body for _, _, op in operations(app.openapi()) if (body := body_schema_name(op))]

    assert {name for _, name in bodies} == set(VALID_BODIES)
    assert {name for content_type, name in bodies if content_type != "application/json"} == FORM_SCHEMAS


def _json_body_operations(app) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    found = []
    for method, path, operation in operations(app.openapi()):
        body = body_schema_name(operation)
        if body and body[1] not in FORM_SCHEMAS:
            found.append((method, path, body[1]))
    return found


async def test_no_request_body_accepts_a_server_owned_field(app, client, db, tenants):
    alice, _, site = tenants
    refused = []
    for method, path, schema_name in _json_body_operations(app):
        forbidden = SERVER_OWNED + (["is_active"] if schema_name in USER_SCHEMAS else [])
        for field in forbidden:
            url = path.replace("{website_id}", str(site["id"]))
            body = VALID_BODIES[schema_name] | {field: 1000 if field != "status" else "up"}

            response = await client.request(method, url, json=body, headers=alice)

            assert response.status_code == 422, (method, path, field, response.status_code, response.text)
            assert ["body", field] in [error["loc"] for error in response.json()["detail"]], (method, path, field)
            refused.append((path, field))

    assert len(refused) >= 6 * len(SERVER_OWNED)
    me = (await client.get("/api/v1/auth/me", headers=alice)).json()
    assert me["balance"] == 0 and me["is_active"] is True
    after = (await client.get(f"/api/v1/websites/{site['id']}", headers=alice)).json()
    assert after["status"] == site["status"] and after["total_checks"] == site["total_checks"]


async def test_the_valid_bodies_above_are_accepted(app, client, tenants):
    """So the 422s above are for the extra field, not for a broken base body."""
    alice, _, site = tenants
    accepted = {
        ("POST", "/api/v1/auth/register"): 201,
        ("POST", "/api/v1/auth/login"): 200,
        ("POST", "/api/v1/auth/session"): 200,
        ("POST", "/api/v1/websites"): 201,
        ("PATCH", "/api/v1/websites/{website_id}"): 200,
        ("PATCH", "/api/v1/auth/me"): 200,
        ("POST", "/api/v1/websites/bulk"): 404,  # a valid body naming no site of alice's
        ("POST", "/api/v1/telegram/test"): 422,  # Telegram is not configured in these tests: said so, field named
        ("PATCH", "/api/v1/admin/settings"): 200,  # alice, the first account, is the administrator
        ("POST", "/api/v1/admin/invitations"): 201,
        ("POST", "/api/v1/auth/change-password"): 204,  # last: it signs alice's token out
    }
    operations_by_key = {(m, p): name for m, p, name in _json_body_operations(app)}
    assert set(operations_by_key) == set(accepted)
    for (method, path), status in accepted.items():
        response = await client.request(
            method,
            path.replace("{website_id}", str(site["id"])),
            json=VALID_BODIES[operations_by_key[(method, path)]],
            headers=alice,
        )
        assert response.status_code == status, (method, path, response.text)
