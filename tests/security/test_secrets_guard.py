"""The guard that watches the whole suite (tests/secrets_guard.py) does catch what it is for."""

from __future__ import annotations

import logging

import httpx
from starlette.responses import PlainTextResponse

from tests import secrets_guard
from tests.conftest import TELEGRAM_TOKEN, TEST_SECRET
from tests.factories import _hasher

BCRYPT = "$2b$04$" + "a" * 53


def _taken() -> list[str]:
    """What the guard saw during this test, taken away so that this test does not fail for it."""
    seen = list(secrets_guard._seen)
    secrets_guard._seen.clear()
    return seen


def _app(body: str):  # type: ignore[no-untyped-def]
    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        await PlainTextResponse(body)(scope, receive, send)

    return app


async def _get(body: str, url: str = "http://webmon.test/api/v1/thing") -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=_app(body))) as client:
        await client.get(url)


async def test_a_response_with_the_bot_token_is_caught():
    await _get(f"token={TELEGRAM_TOKEN}")

    assert _taken() == ["the Telegram bot token in the response to GET /api/v1/thing"]


async def test_a_response_with_the_jwt_key_or_a_password_hash_is_caught():
    await _get(f"{TEST_SECRET} {await _hasher.hash('a password')}")

    assert sorted(_taken()) == [
        "a bcrypt password hash in the response to GET /api/v1/thing",
        "the JWT secret key in the response to GET /api/v1/thing",
    ]


async def test_a_call_to_the_telegram_api_itself_is_not_a_leak():
    await _get("ok", url=f"http://telegram.test/bot{TELEGRAM_TOKEN}/getMe")

    assert _taken() == []


def test_a_log_line_with_a_password_hash_is_caught():
    logging.getLogger("webmon.test").warning("stored %s", BCRYPT)

    assert _taken() == ["a bcrypt password hash in a log record of webmon.test (WARNING)"]


def test_a_traceback_with_the_bot_token_is_caught():
    try:
        raise RuntimeError(f"could not call {TELEGRAM_TOKEN}")
    except RuntimeError:
        logging.getLogger("webmon.test").exception("failed")

    assert _taken() == ["the Telegram bot token in a log record of webmon.test (ERROR)"]


def test_webmon_debug_lines_are_scanned_too():
    logging.getLogger("webmon.test").debug("key %s", TEST_SECRET)

    assert _taken() == ["the JWT secret key in a log record of webmon.test (DEBUG)"]


def test_ordinary_text_is_not_a_secret():
    assert secrets_guard.find_secrets("$2b$ is how bcrypt hashes start; 7000000001 is a bot id") == []
