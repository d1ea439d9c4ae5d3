"""Sessions last while they are used, end on their own, and end for good on logout."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from ipaddress import ip_network

import httpx
import jwt
import pytest
from pydantic import AnyHttpUrl, SecretStr
from sqlalchemy import delete, event, select

from tests.factories import DEFAULT_PASSWORD
from webmon.app import create_app
from webmon.models import AuthSession, User, utcnow

ME = "/api/v1/auth/me"
SESSION = "/api/v1/auth/session"
LOGOUT = "/api/v1/auth/logout"
CSRF = {"X-Requested-With": "webmon"}
ALICE = {"email": "alice@example.com", "password": DEFAULT_PASSWORD}
DAY = timedelta(days=1)


class Clock:
    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, by: timedelta) -> None:
        self.now += by


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def dashboard(db, settings, clock) -> AsyncIterator[Callable[..., object]]:  # type: ignore[no-untyped-def]
    """`async with dashboard(**settings) as client`: an app on this test's clock, and a client."""

    @asynccontextmanager
    async def open_client(base_url: str = "http://webmon.test", client=("127.0.0.1", 50000), **overrides):  # type: ignore[no-untyped-def]
        app = create_app(settings.model_copy(update=overrides), database=db, clock=clock)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=client)
            async with httpx.AsyncClient(transport=transport, base_url=base_url) as http:
                yield http

    return open_client


async def _register(client: httpx.AsyncClient, name: str = "alice") -> None:
    body = {"email": f"{name}@example.com", "username": name, "password": DEFAULT_PASSWORD}
    assert (await client.post("/api/v1/auth/register", json=body)).status_code == 201


async def _sign_in(client: httpx.AsyncClient) -> httpx.Response:
    await _register(client)
    response = await client.post(SESSION, json=ALICE)
    assert response.status_code == 200
    return response


async def _bearer(client: httpx.AsyncClient, path: str = "/api/v1/auth/login") -> dict[str, str]:
    if path.endswith("/token"):
        response = await client.post(path, data={"username": ALICE["email"], "password": ALICE["password"]})
    else:
        response = await client.post(path, json=ALICE)
    assert response.status_code == 200
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


# -- lasting while used ---------------------------------------------------------------------------------


async def test_a_dashboard_session_used_every_few_days_outlasts_the_token_lifetime(dashboard, clock):
    async with dashboard() as client:
        await _sign_in(client)
        statuses = []
        for _ in range(4):
            clock.advance(6 * DAY)
            statuses.append((await client.get(ME)).status_code)

    assert statuses == [200, 200, 200, 200]  # 24 days, never 7 idle


async def test_a_dashboard_session_unused_for_the_idle_timeout_has_ended(dashboard, clock, settings):
    async with dashboard() as client:
        await _sign_in(client)
        clock.advance(timedelta(seconds=settings.session_idle_timeout + 1))

        response = await client.get(ME)

    assert response.status_code == 401
    assert response.json() == {"detail": "Your session has ended: sign in again"}


async def test_a_dashboard_session_ends_at_its_maximum_lifetime_however_much_it_is_used(dashboard, clock):
    async with dashboard(session_max_lifetime=10 * 86_400) as client:
        await _sign_in(client)
        statuses = []
        for _ in range(11):
            clock.advance(DAY)
            statuses.append((await client.get(ME)).status_code)

    assert statuses == [200] * 9 + [401, 401]


async def test_the_cookie_lasts_in_the_browser_until_the_sessions_maximum_lifetime(dashboard):
    async with dashboard(session_max_lifetime=12 * 86_400) as client:
        response = await _sign_in(client)

    assert f"Max-Age={12 * 86_400}" in response.headers["set-cookie"]


async def test_use_moves_the_session_forward_at_most_once_a_minute(dashboard, clock, db):
    async def last_seen() -> datetime:
        async with db.sessions() as session:
            return await session.scalar(select(AuthSession.last_seen_at))

    async with dashboard() as client:
        await _sign_in(client)
        signed_in_at = await last_seen()
        clock.advance(timedelta(seconds=30))
        await client.get(ME)
        after_30_s = await last_seen()
        clock.advance(timedelta(seconds=31))
        await client.get(ME)
        after_61_s = await last_seen()

    assert after_30_s == signed_in_at
    assert after_61_s - signed_in_at >= timedelta(seconds=61)


async def test_a_signed_in_get_reads_the_user_and_the_session_in_one_query(dashboard, db):
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith(("SELECT", "UPDATE", "INSERT", "DELETE")):
            statements.append(statement)

    async with dashboard() as client:
        await _sign_in(client)
        event.listen(db.engine.sync_engine, "before_cursor_execute", record)
        try:
            # /telegram reads nothing of its own: what it costs is what signing in costs.
            response = await client.get("/api/v1/telegram")
        finally:
            event.remove(db.engine.sync_engine, "before_cursor_execute", record)

    assert response.status_code == 200
    assert len(statements) == 1, statements
    assert "auth_sessions" in statements[0] and "users" in statements[0]


# -- logging out ----------------------------------------------------------------------------------------


async def test_a_cookie_replayed_after_logout_is_401(dashboard):
    async with dashboard() as client:
        await _sign_in(client)
        cookie = client.cookies["webmon_session"]

        logout = await client.post(LOGOUT, headers=CSRF)
        client.cookies.clear()
        replayed = await client.get(ME, headers={"Cookie": f"webmon_session={cookie}"})

    assert logout.status_code == 204
    assert 'webmon_session=""' in logout.headers["set-cookie"]
    assert replayed.status_code == 401
    assert replayed.json() == {"detail": "Your session has ended: sign in again"}


@pytest.mark.parametrize("path", ["/api/v1/auth/login", "/api/v1/auth/token"])
async def test_a_bearer_token_replayed_after_logout_is_401(dashboard, path):
    async with dashboard() as client:
        await _register(client)
        token = await _bearer(client, path)
        other = await _bearer(client, path)

        logout = await client.post(LOGOUT, headers=token)
        replayed = await client.get(ME, headers=token)
        still_signed_in = await client.get(ME, headers=other)

    assert logout.status_code == 204
    assert replayed.status_code == 401
    assert still_signed_in.status_code == 200  # logging out ends this session, not every other


async def test_each_bearer_token_names_its_own_session(dashboard, db):
    async with dashboard() as client:
        await _register(client)
        first, second = await _bearer(client), await _bearer(client)

    sids = {jwt.decode(h["Authorization"][7:], options={"verify_signature": False})["sid"] for h in (first, second)}
    async with db.sessions() as session:
        rows = set(await session.scalars(select(AuthSession.id).where(AuthSession.kind == "token")))
    assert len(sids) == 2 and sids == rows


async def test_logging_out_of_a_session_that_already_ended_still_clears_the_cookie(dashboard, clock, settings):
    async with dashboard() as client:
        await _sign_in(client)
        clock.advance(timedelta(seconds=settings.session_max_lifetime + 1))

        response = await client.post(LOGOUT, headers=CSRF)

    assert response.status_code == 204
    assert 'webmon_session=""' in response.headers["set-cookie"]


async def test_logging_out_with_the_cookie_needs_the_csrf_header(dashboard):
    async with dashboard() as client:
        await _sign_in(client)

        refused = await client.post(LOGOUT)
        still_signed_in = await client.get(ME)

    assert refused.status_code == 403
    assert still_signed_in.status_code == 200


async def test_changing_the_password_ends_every_session_of_the_account(dashboard):
    async with dashboard() as client:
        await _sign_in(client)
        token = await _bearer(client)

        changed = await client.post(
            "/api/v1/auth/change-password",
            json={"current_password": DEFAULT_PASSWORD, "new_password": "a brand new secret"},
            headers=CSRF,
        )
        cookie_after = await client.get(ME)
        token_after = await client.get(ME, headers=token)

    assert changed.status_code == 204
    assert cookie_after.status_code == 401 and token_after.status_code == 401


async def test_signing_in_forgets_the_accounts_ended_sessions(dashboard, clock, db, settings):
    async with dashboard() as client:
        await _sign_in(client)
        await client.post(LOGOUT, headers=CSRF)
        await _bearer(client)
        clock.advance(timedelta(seconds=settings.session_idle_timeout + 1))

        await client.post(SESSION, json=ALICE)

    async with db.sessions() as session:
        kinds = list(await session.scalars(select(AuthSession.kind)))
    assert kinds == ["cookie"]


async def test_a_new_secret_key_signs_the_dashboard_out(dashboard):
    async with dashboard() as client:
        await _sign_in(client)
        cookie = client.cookies["webmon_session"]
    async with dashboard(secret_key=SecretStr("another-secret-key-" + "y" * 32)) as client:
        response = await client.get(ME, headers={"Cookie": f"webmon_session={cookie}"})

    assert response.status_code == 401


# -- a deleted account's sessions -----------------------------------------------------------------------


async def _delete_alice(db) -> None:  # type: ignore[no-untyped-def]
    async with db.session_scope() as session:
        await session.execute(delete(User).where(User.email == ALICE["email"]))


async def test_a_deleted_users_token_does_not_work_for_the_next_account(dashboard, db):
    async with dashboard() as client:
        await _register(client)
        old = await _bearer(client)
        old_id = (await client.get(ME, headers=old)).json()["id"]
        await _delete_alice(db)
        await _register(client)  # the same email again: a new account
        new_id = (await client.get(ME, headers=await _bearer(client))).json()["id"]

        response = await client.get(ME, headers=old)

    assert response.status_code == 401
    assert new_id != old_id  # ids are never handed out twice, SQLite included


async def test_a_token_is_worthless_even_to_an_account_that_got_the_deleted_ones_id(dashboard, db):
    """Ids are not reused, but tokens do not depend on it (a restored backup, a reset sequence):
    a token names a random session, which went with the account."""
    async with dashboard() as client:
        await _register(client)
        old = await _bearer(client)
        old_id = (await client.get(ME, headers=old)).json()["id"]
        await _delete_alice(db)
        async with db.session_scope() as session:
            session.add(User(id=old_id, email="mallory@example.com", username="mallory", hashed_password="x"))

        response = await client.get(ME, headers=old)

    assert response.status_code == 401


async def test_a_deleted_users_cookie_does_not_work_for_the_next_account(dashboard, db):
    async with dashboard() as client:
        await _sign_in(client)
        cookie = client.cookies["webmon_session"]
        await _delete_alice(db)
        client.cookies.clear()
        await _register(client, "bob")

        response = await client.get(ME, headers={"Cookie": f"webmon_session={cookie}"})

    assert response.status_code == 401


async def test_deleting_an_account_deletes_its_sessions(dashboard, db):
    async with dashboard() as client:
        await _sign_in(client)
        await _bearer(client)
    await _delete_alice(db)

    async with db.sessions() as session:
        assert list(await session.scalars(select(AuthSession.id))) == []


# -- the cookie's Secure flag follows the request -------------------------------------------------------


async def test_over_plain_http_the_cookie_is_not_secure_whatever_the_public_url_says(dashboard):
    async with dashboard(public_url=AnyHttpUrl("https://webmon.example.com")) as client:
        response = await _sign_in(client)

    assert "secure" not in response.headers["set-cookie"].lower()


async def test_over_https_the_cookie_is_secure(dashboard):
    async with dashboard(base_url="https://webmon.test") as client:
        response = await _sign_in(client)

    assert "; secure" in response.headers["set-cookie"].lower()


async def test_behind_a_trusted_proxy_that_says_https_the_cookie_is_secure(dashboard):
    proxies = (ip_network("10.0.0.0/8"),)
    async with dashboard(client=("10.0.0.2", 40000), trusted_proxies=proxies) as client:
        await _register(client)
        response = await client.post(SESSION, json=ALICE, headers={"X-Forwarded-Proto": "https"})

    assert "; secure" in response.headers["set-cookie"].lower()


async def test_x_forwarded_proto_from_an_untrusted_peer_is_ignored(dashboard):
    proxies = (ip_network("10.0.0.0/8"),)
    async with dashboard(client=("203.0.113.9", 40000), trusted_proxies=proxies) as client:
        await _register(client)
        response = await client.post(SESSION, json=ALICE, headers={"X-Forwarded-Proto": "https"})

    assert "secure" not in response.headers["set-cookie"].lower()
