"""No SQL parameter and no result row reaches a log, at any level (SECURITY.md, "Secrets").

aiosqlite logs every call with its arguments at DEBUG and SQLAlchemy's engine logs statements,
parameters and rows once a DEBUG root enables it: with WEBMON_LOG_LEVEL=DEBUG a password hash,
an e-mail and a chat id would all be in the log. This runs `webmon serve` as users do, on SQLite
and on PostgreSQL (asyncpg), and reads everything it wrote.
"""

from __future__ import annotations

import subprocess
from collections.abc import AsyncIterator

import httpx
import pytest

from tests.processes import WEBMON, clean_env, free_port, stop, wait_for_http
from tests.secrets_guard import BCRYPT_HASH
from tests.services import create_scratch_database, drop_scratch_database

EMAIL = "leak-probe@example.com"
PASSWORD = "a long enough password"
CHAT_ID = 987654321987


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request, tmp_path) -> AsyncIterator[str]:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'webmon.db'}"
        return
    url = await create_scratch_database("webmon_logs")
    try:
        yield url
    finally:
        await drop_scratch_database(url)


def start_logging_to(log_path, port: int, env: dict[str, str], cwd) -> subprocess.Popen[bytes]:  # type: ignore[no-untyped-def]
    with open(log_path, "wb") as log:
        return subprocess.Popen(
            [WEBMON, "serve", "--port", str(port)], env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT
        )


async def test_debug_logs_show_no_password_hash_email_or_chat_id(tmp_path, database_url, telegram):
    telegram.add_chat(CHAT_ID)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "serve.log"
    env = clean_env(
        WEBMON_LOG_LEVEL="DEBUG",
        WEBMON_DATABASE_URL=database_url,
        WEBMON_BCRYPT_ROUNDS="4",
        WEBMON_TELEGRAM_BOT_TOKEN=telegram.token,
        WEBMON_TELEGRAM_API_URL=telegram.api_url,
    )
    process = start_logging_to(log_path, port, env, tmp_path)
    try:
        wait_for_http(f"{base}/health", process)
        async with httpx.AsyncClient(base_url=base, timeout=10) as client:
            registered = await client.post(
                "/api/v1/auth/register", json={"email": EMAIL, "username": "leak_probe", "password": PASSWORD}
            )
            login = await client.post("/api/v1/auth/login", json={"email": EMAIL, "password": PASSWORD})
            headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
            # The chat is linked as users link one: a link from the dashboard, `/start <token>` to serve's bot.
            link = (await client.post("/api/v1/telegram/link", headers=headers)).json()
            telegram.push_message(CHAT_ID, f"/start {link['token']}")
            await telegram.wait_for_sent(1, chat_id=CHAT_ID, timeout=20)
            site = await client.post(
                "/api/v1/websites",
                headers=headers,
                json={
                    "url": "https://example.com/",
                    "valid_word": "Example",
                    "telegram_chat_id": CHAT_ID,
                    "is_active": False,
                },
            )
            listed = await client.get("/api/v1/websites", headers=headers)
            me = await client.get("/api/v1/auth/me", headers=headers)
    finally:
        stop(process)
    text = log_path.read_text(encoding="utf-8", errors="replace")

    assert registered.status_code == 201, registered.text
    assert site.status_code == 201, site.text
    assert listed.status_code == me.status_code == 200
    assert "DEBUG" in text  # the level really was DEBUG
    assert BCRYPT_HASH.search(text) is None, "a password hash is in the log"
    assert EMAIL not in text, "the e-mail is in the log"
    # Webmon's own lines may name a chat on purpose (the bot says which chat it linked); no
    # driver's, SQLAlchemy's or the Telegram library's line may.
    others = "\n".join(line for line in text.splitlines() if " webmon." not in line.split(": ", 1)[0])
    assert str(CHAT_ID) not in others, "the chat id is in the log"
