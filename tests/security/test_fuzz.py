"""Schemathesis against the app's own /openapi.json, in-process, with a valid token: every operation
of the API gets generated requests, valid and invalid. No answer may be a 5xx, no answer may break
the documented response schema (body, content type, headers), and no answer may show a secret.

The API runs in its "API alone" shape on PostgreSQL (production's database, and the stricter one:
it refuses NUL bytes, out-of-range numbers...), with Telegram pointed at the fake Bot API. Nothing
is ever checked: that shape has no scheduler, so generated URLs are never fetched.

Bounded for CI (WEBMON_FUZZ_EXAMPLES per operation, 50 by default, derandomized: the same run every
time, about half a minute); `make soak` runs it with far more random examples (WEBMON_FUZZ_RANDOM=1).
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis import checks as st_checks

from tests.conftest import TELEGRAM_TOKEN, TEST_SECRET, make_settings
from tests.factories import DEFAULT_PASSWORD
from tests.processes import free_port
from tests.secrets_guard import find_secrets
from tests.services import create_scratch_database, drop_scratch_database
from webmon.app import create_app
from webmon.config import Settings
from webmon.migrations import upgrade_to_head
from webmon.models import utcnow

EXAMPLES = int(os.environ.get("WEBMON_FUZZ_EXAMPLES", "50"))
RANDOM = os.environ.get("WEBMON_FUZZ_RANDOM", "") == "1"
REPO = Path(__file__).resolve().parents[2]
CHECKS = [
    st_checks.not_a_server_error,
    st_checks.response_schema_conformance,
    st_checks.content_type_conformance,
    st_checks.response_headers_conformance,
]
TALLY: Counter[str] = Counter()


@pytest.fixture(scope="module")
def fake_telegram():
    """The fake Bot API as a process (the app under test runs on schemathesis's own event loop)."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.telegram_api", "--port", str(port), "--token", TELEGRAM_TOKEN],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert process.stdout is not None
    assert b"listening" in process.stdout.readline()
    httpx.post(f"http://127.0.0.1:{port}/_fake/chats", json={"chat_id": "424242"})
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def fuzz_database():
    url = asyncio.run(create_scratch_database("webmon_fuzz"))
    upgrade_to_head(url)
    yield url
    asyncio.run(drop_scratch_database(url))


@pytest.fixture(scope="module")
def fuzz_app(fuzz_database, fake_telegram):
    app_settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=fuzz_database,
        secret_key=TEST_SECRET,
        bcrypt_rounds=4,
        telegram_bot_token=TELEGRAM_TOKEN,
        telegram_api_url=fake_telegram,
        # The fuzzer may register and log in from one address as often as it likes.
        register_max_per_ip=1_000_000,
        login_max_failures_per_ip=1_000_000,
        login_max_failures_per_account_ip=1_000_000,
        login_max_failures_per_account=1_000_000,
    )
    return create_app(app_settings)


SITE_IDS: list[int] = []


async def _spend_link_token(database_url: str, token: str, chat_id: str) -> None:
    """What the bot does when the chat sends /start <token>."""
    from webmon.db import Database
    from webmon.telegram.linking import link_chat_by_token

    db = Database(make_settings(database_url))
    try:
        async with db.session_scope() as session:
            assert await link_chat_by_token(session, token=token, chat_id=chat_id, title=None, now=utcnow()) == "linked"
    finally:
        await db.dispose()


@pytest.fixture(scope="module")
def auth(fuzz_app, fuzz_database) -> dict[str, str]:
    """A user with a few websites (their ids in SITE_IDS), and their bearer token."""
    from schemathesis.python import asgi

    with asgi.get_client(fuzz_app) as client:
        body = {"email": "fuzz@example.com", "username": "fuzz", "password": DEFAULT_PASSWORD}
        assert client.post("http://testserver/api/v1/auth/register", json=body).status_code == 201
        login = {"email": body["email"], "password": body["password"]}
        token = client.post("http://testserver/api/v1/auth/login", json=login).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        link = client.post("http://testserver/api/v1/telegram/link", headers=headers).json()
        asyncio.run(_spend_link_token(fuzz_database, link["token"], "424242"))
        for n in range(3):
            site = {
                "url": f"https://site{n}.example.com/",
                "valid_word": "Welcome",
                "telegram_chat_id": "424242" if n == 0 else None,
            }
            created = client.post("http://testserver/api/v1/websites", json=site, headers=headers)
            assert created.status_code == 201, created.text
            SITE_IDS.append(created.json()["id"])
    return headers


def openapi_document() -> dict:
    """The app's OpenAPI document (the same whatever the settings)."""
    return create_app(make_settings()).openapi()


# The requests go to `fuzz_app` (call(app=...)); the document only describes them.
schema = schemathesis.openapi.from_dict(openapi_document())


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # no .hypothesis/ folder in the repository
    derandomize=not RANDOM,  # the suite's run is the same every time; `make soak` explores
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is reported as found
)
def test_no_generated_request_gets_a_5xx_a_schema_violation_or_a_secret(case, auth, fuzz_app):
    if isinstance((case.path_parameters or {}).get("website_id"), int) and case.method != "DELETE":
        # Mostly the user's own sites, so the routes get past "not found" (deleting them would end that).
        case.path_parameters["website_id"] = SITE_IDS[case.path_parameters["website_id"] % len(SITE_IDS)]
    started = time.perf_counter()
    response = case.call(base_url="http://testserver", app=fuzz_app, headers=auth, timeout=30)
    case.validate_response(response, checks=CHECKS, headers=auth)

    TALLY[f"{response.status_code}"] += 1
    TALLY["seconds"] += time.perf_counter() - started  # type: ignore[assignment]
    assert find_secrets(response.content) == [], case.as_curl_command()
    assert find_secrets("\n".join(f"{k}: {v}" for k, v in response.headers.items())) == []


def test_json_bodies_are_documented_with_their_model():
    document = openapi_document()

    bare_strings = [
        f"{method.upper()} {path}"
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if operation.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {}).get("schema")
        == {"type": "string"}
    ]

    assert bare_strings == []


def test_the_fuzz_run_reached_the_api(request):
    """After the run above (same module): requests were made, and most got past validation."""
    if not TALLY:
        pytest.fail("the fuzz run made no request", pytrace=False)
    print(
        f"\nfuzz: {sum(v for k, v in TALLY.items() if k != 'seconds')} requests, "
        f"{TALLY['seconds']:.1f} s in the app, by status: {sorted((k, v) for k, v in TALLY.items() if k != 'seconds')}"
    )
    assert any(code.startswith("2") for code in TALLY)
