"""Password guessing is stopped with 429 + Retry-After, per (account, address), per address and
per account, without letting an attacker lock the real user out from where they sign in; the
counters live in this process for `webmon serve` and in Redis for the multi-service API."""

from __future__ import annotations

import asyncio
from ipaddress import ip_network

import pytest

from tests.factories import DEFAULT_PASSWORD, make_user
from webmon.auth.limits import LoginPolicy, MemoryLoginLimiter, RedisLoginLimiter

LOGIN = "/api/v1/auth/login"
TOKEN = "/api/v1/auth/token"
SESSION = "/api/v1/auth/session"
REGISTER = "/api/v1/auth/register"

ATTACKER = "198.51.100.66"
ALICE_HOME = "203.0.113.10"
ALICE_PHONE = "192.0.2.44"

LIMITS = {
    "login_max_failures_per_account_ip": 3,
    "login_max_failures_per_ip": 6,
    "login_max_failures_per_account": 8,
    "register_max_per_ip": 4,
    "login_window": 600,
}


@pytest.fixture
async def limited(app_with, db, settings):  # type: ignore[no-untyped-def]
    """`webmon serve`'s shape (no workers): the limits in this process, small for the tests."""
    return await app_with(settings.model_copy(update=LIMITS), database=db)


@pytest.fixture
async def alice(db):  # type: ignore[no-untyped-def]
    async with db.session_scope() as session:
        await make_user(session, email="alice@example.com", username="alice")
    return "alice@example.com"


def creds(email: str, password: str = DEFAULT_PASSWORD) -> dict[str, str]:
    return {"email": email, "password": password}


async def fail(client, email: str, times: int, path: str = LOGIN, headers=None) -> list[int]:  # type: ignore[no-untyped-def]
    codes = []
    for _ in range(times):
        if path == TOKEN:
            response = await client.post(path, data={"username": email, "password": "wrong guess"}, headers=headers)
        else:
            response = await client.post(path, json=creds(email, "wrong guess"), headers=headers)
        codes.append(response.status_code)
    return codes


async def test_an_address_guessing_one_accounts_password_gets_429_with_retry_after(limited, alice, from_address):
    attacker = from_address(limited, ATTACKER)

    codes = await fail(attacker, alice, 3)
    refused = await attacker.post(LOGIN, json=creds(alice, "wrong guess"))

    assert codes == [401, 401, 401]
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= LIMITS["login_window"]
    assert "try again" in refused.json()["detail"].lower()


async def test_a_refused_address_is_refused_even_with_the_right_password(limited, alice, from_address):
    attacker = from_address(limited, ATTACKER)
    await fail(attacker, alice, 3)

    assert (await attacker.post(LOGIN, json=creds(alice))).status_code == 429


async def test_the_real_user_still_signs_in_from_another_address_while_the_attacker_is_refused(
    limited, alice, from_address
):
    attacker = from_address(limited, ATTACKER)
    await fail(attacker, alice, 3)

    response = await from_address(limited, ALICE_HOME).post(LOGIN, json=creds(alice))

    assert response.status_code == 200
    assert (await attacker.post(LOGIN, json=creds(alice, "wrong guess"))).status_code == 429


async def test_one_address_trying_many_accounts_is_refused(limited, db, from_address):
    async with db.session_scope() as session:
        emails = [(await make_user(session)).email for _ in range(4)]
    attacker = from_address(limited, ATTACKER)

    codes = [code for email in emails[:3] for code in await fail(attacker, email, 2)]
    refused = await attacker.post(LOGIN, json=creds(emails[3], "wrong guess"))

    assert codes == [401] * 6
    assert refused.status_code == 429
    assert (await from_address(limited, ALICE_HOME).post(LOGIN, json=creds(emails[3]))).status_code == 200


async def test_guessing_spread_over_many_addresses_is_refused_for_new_addresses_only(limited, alice, from_address):
    # Alice signed in from home before the attack: that address stays open to her.
    assert (await from_address(limited, ALICE_HOME).post(LOGIN, json=creds(alice))).status_code == 200
    for n in range(4):  # 4 addresses x 2 failures = the account's 8
        assert await fail(from_address(limited, f"198.51.100.{n}"), alice, 2) == [401, 401]

    fresh_attacker = await from_address(limited, "198.51.100.200").post(LOGIN, json=creds(alice, "wrong guess"))
    alice_at_home = await from_address(limited, ALICE_HOME).post(LOGIN, json=creds(alice))

    assert fresh_attacker.status_code == 429
    assert alice_at_home.status_code == 200


async def test_a_success_resets_the_failures_of_that_account_and_address(limited, alice, from_address):
    alice_client = from_address(limited, ALICE_HOME)
    await fail(alice_client, alice, 2)
    assert (await alice_client.post(LOGIN, json=creds(alice))).status_code == 200

    assert await fail(alice_client, alice, 3) == [401, 401, 401]


async def test_unknown_emails_are_limited_exactly_like_real_ones(limited, alice, from_address):
    real = await fail(from_address(limited, ATTACKER), alice, 4)
    unknown = await fail(from_address(limited, "198.51.100.67"), "nobody@example.com", 4)

    assert real == unknown == [401, 401, 401, 429]


@pytest.mark.parametrize("path", [TOKEN, SESSION])
async def test_the_form_login_and_the_dashboard_session_share_the_limits(limited, alice, from_address, path):
    attacker = from_address(limited, ATTACKER)
    await fail(attacker, alice, 2)

    codes = await fail(attacker, alice, 2, path=path)

    assert codes == [401, 429]


async def test_a_refused_dashboard_login_sets_no_cookie(limited, alice, from_address):
    attacker = from_address(limited, ATTACKER)
    await fail(attacker, alice, 3, path=SESSION)

    response = await attacker.post(SESSION, json=creds(alice))

    assert response.status_code == 429
    assert "set-cookie" not in response.headers


async def test_parallel_guesses_cannot_slip_past_the_limit(limited, alice, from_address):
    attacker = from_address(limited, ATTACKER)

    responses = await asyncio.gather(*(attacker.post(LOGIN, json=creds(alice, f"guess {n}")) for n in range(12)))

    codes = sorted(r.status_code for r in responses)
    assert codes.count(401) == 3
    assert codes.count(429) == 9


async def test_registrations_are_limited_per_address(limited, from_address):
    client = from_address(limited, ATTACKER)
    body = lambda n: {"email": f"spam{n}@example.com", "username": f"spam{n}", "password": DEFAULT_PASSWORD}  # noqa: E731

    codes = [(await client.post(REGISTER, json=body(n))).status_code for n in range(5)]
    elsewhere = await from_address(limited, ALICE_HOME).post(REGISTER, json=body(99))

    assert codes == [201, 201, 201, 201, 429]
    assert elsewhere.status_code == 201


async def test_changing_the_password_is_limited_like_a_login(limited, alice, from_address):
    client = from_address(limited, ALICE_HOME)
    token = (await client.post(LOGIN, json=creds(alice))).json()["access_token"]
    headers = {"Authorization": f"Bearer {token}"}
    guess = {"current_password": "not it", "new_password": "a brand new secret"}

    codes = [
        (await client.post("/api/v1/auth/change-password", json=guess, headers=headers)).status_code for _ in range(4)
    ]

    assert codes == [422, 422, 422, 429]


async def test_429_is_documented_on_every_route_that_can_answer_it(limited, from_address):
    schema = (await from_address(limited, ALICE_HOME).get("/openapi.json")).json()

    for path in ("/auth/login", "/auth/token", "/auth/session", "/auth/register", "/auth/change-password"):
        assert "429" in schema["paths"]["/api/v1" + path]["post"]["responses"], path


async def test_logins_that_meet_a_database_outage_are_503_and_not_counted_as_failures(app_with, from_address):
    from tests.conftest import make_settings
    from tests.processes import free_port

    away = make_settings(f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/webmon", **LIMITS)
    app = await app_with(away)
    client = from_address(app, ALICE_HOME)

    codes = [(await client.post(LOGIN, json=creds("alice@example.com"))).status_code for _ in range(4)]

    assert codes == [503, 503, 503, 503]


# -- X-Forwarded-For ---------------------------------------------------------------------------------


async def test_x_forwarded_for_from_an_untrusted_peer_is_ignored(limited, alice, from_address):
    attacker = from_address(limited, ATTACKER)

    codes = [
        (await attacker.post(LOGIN, json=creds(alice, "wrong"), headers={"X-Forwarded-For": f"10.9.8.{n}"})).status_code
        for n in range(4)
    ]

    assert codes == [401, 401, 401, 429]


@pytest.fixture
async def behind_proxy(app_with, db, settings):  # type: ignore[no-untyped-def]
    return await app_with(
        settings.model_copy(update=LIMITS | {"trusted_proxies": (ip_network("10.0.0.0/8"),)}), database=db
    )


async def test_behind_a_trusted_proxy_each_forwarded_client_has_its_own_counters(behind_proxy, alice, from_address):
    proxy = from_address(behind_proxy, "10.0.0.2")

    await fail(proxy, alice, 3, headers={"X-Forwarded-For": ATTACKER})
    attacker = await proxy.post(LOGIN, json=creds(alice), headers={"X-Forwarded-For": ATTACKER})
    alice_home = await proxy.post(LOGIN, json=creds(alice), headers={"X-Forwarded-For": ALICE_HOME})

    assert attacker.status_code == 429
    assert alice_home.status_code == 200


async def test_behind_a_trusted_proxy_a_spoofed_left_part_of_x_forwarded_for_changes_nothing(
    behind_proxy, alice, from_address
):
    proxy = from_address(behind_proxy, "10.0.0.2")

    codes = [
        # The client wrote "10.1.1.N, ..." itself; the proxy appended the address it saw.
        (
            await proxy.post(LOGIN, json=creds(alice, "wrong"), headers={"X-Forwarded-For": f"10.1.1.{n}, {ATTACKER}"})
        ).status_code
        for n in range(4)
    ]

    assert codes == [401, 401, 401, 429]


async def test_without_trusted_proxies_everyone_behind_a_proxy_is_one_client(limited, alice, from_address):
    proxy = from_address(limited, "10.0.0.2")
    await fail(proxy, alice, 3)

    response = await proxy.post(LOGIN, json=creds(alice), headers={"X-Forwarded-For": ALICE_HOME})

    assert response.status_code == 429


async def test_ipv6_clients_are_counted_by_their_64_prefix(limited, alice, from_address):
    for n in range(3):
        await fail(from_address(limited, f"2001:db8:1:2::{n + 1}"), alice, 1)

    same_prefix = await from_address(limited, "2001:db8:1:2:ffff::9").post(LOGIN, json=creds(alice))
    other_prefix = await from_address(limited, "2001:db8:1:3::1").post(LOGIN, json=creds(alice))

    assert same_prefix.status_code == 429
    assert other_prefix.status_code == 200


# -- the window ---------------------------------------------------------------------------------------


async def test_the_window_passes_and_the_address_may_try_again():
    now = [1000.0]
    limiter = MemoryLoginLimiter(LoginPolicy(window=60, per_account_ip=2), clock=lambda: now[0])
    for _ in range(2):
        assert await limiter.begin_login("acct", "1.2.3.4") == 0

    waits = [await limiter.begin_login("acct", "1.2.3.4")]
    now[0] += 45
    waits.append(await limiter.begin_login("acct", "1.2.3.4"))
    now[0] += 15
    waits.append(await limiter.begin_login("acct", "1.2.3.4"))

    assert waits == [60, 15, 0]


async def test_a_flood_of_distinct_emails_cannot_grow_the_in_memory_counters_without_bound(monkeypatch):
    from webmon.auth.limits import in_memory

    monkeypatch.setattr(in_memory, "MEMORY_MAX_KEYS", 300)
    limiter = MemoryLoginLimiter(LoginPolicy(per_ip=1_000_000))

    for n in range(5000):
        await limiter.begin_login(f"account-{n}", "198.51.100.66")

    assert len(limiter._counts) + len(limiter._known) <= 300 + 2


# -- shared through Redis (the multi-service API) -------------------------------------------------------


@pytest.fixture
async def redis_url():  # type: ignore[no-untyped-def]
    from redis.asyncio import Redis

    from tests.services import REDIS_URL, service_missing

    redis = Redis.from_url(REDIS_URL)
    try:
        await redis.ping()
    except Exception as exc:
        await redis.aclose()
        service_missing("Redis at " + REDIS_URL, exc)

    async def forget() -> None:
        keys = [key async for key in redis.scan_iter(match="webmon:login:*")]
        if keys:
            await redis.delete(*keys)

    await forget()
    yield REDIS_URL
    await forget()
    await redis.aclose()


async def _multi_service_app(app_with, db, settings, redis_url):  # type: ignore[no-untyped-def]
    from webmon.worker.connections import WorkerConnections

    multi = settings.model_copy(update=LIMITS | {"redis_url": redis_url})
    return await app_with(multi, database=db, workers=WorkerConnections(multi))


@pytest.mark.redis
async def test_two_api_instances_share_the_counters_through_redis(
    app_with, db, settings, redis_url, alice, from_address
):
    one = await _multi_service_app(app_with, db, settings, redis_url)
    two = await _multi_service_app(app_with, db, settings, redis_url)

    first = await fail(from_address(one, ATTACKER), alice, 2)
    second = await fail(from_address(two, ATTACKER), alice, 2)

    assert isinstance(one.state.webmon.login_limiter, RedisLoginLimiter)
    assert first + second == [401, 401, 401, 429]


@pytest.mark.redis
async def test_a_success_on_one_instance_resets_the_counter_on_the_other(
    app_with, db, settings, redis_url, alice, from_address
):
    one = await _multi_service_app(app_with, db, settings, redis_url)
    two = await _multi_service_app(app_with, db, settings, redis_url)
    await fail(from_address(one, ALICE_HOME), alice, 2)

    assert (await from_address(two, ALICE_HOME).post(LOGIN, json=creds(alice))).status_code == 200
    assert await fail(from_address(one, ALICE_HOME), alice, 3) == [401, 401, 401]


@pytest.mark.redis
async def test_registrations_are_counted_across_instances(app_with, db, settings, redis_url, from_address):
    one = await _multi_service_app(app_with, db, settings, redis_url)
    two = await _multi_service_app(app_with, db, settings, redis_url)
    body = lambda n: {"email": f"reg{n}@example.com", "username": f"reg{n}", "password": DEFAULT_PASSWORD}  # noqa: E731

    codes = [
        (await from_address((one, two)[n % 2], ATTACKER).post(REGISTER, json=body(n))).status_code for n in range(5)
    ]

    assert codes == [201, 201, 201, 201, 429]


async def test_without_redis_the_api_falls_back_to_its_own_counters(app_with, db, settings, from_address, alice):
    from tests.processes import free_port
    from webmon.worker.connections import WorkerConnections

    away = settings.model_copy(update=LIMITS | {"redis_url": f"redis://127.0.0.1:{free_port()}/0"})
    app = await app_with(away, database=db, workers=WorkerConnections(away))

    codes = await fail(from_address(app, ATTACKER), alice, 4)
    alice_login = await from_address(app, ALICE_HOME).post(LOGIN, json=creds(alice))

    assert codes == [401, 401, 401, 429]
    assert alice_login.status_code == 200
