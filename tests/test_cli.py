"""The `webmon` command as users run it."""

from __future__ import annotations

import subprocess

import httpx
import pytest

from tests.processes import WEBMON, clean_env, free_port, run_webmon, stop, wait_for_http


@pytest.mark.parametrize("command", ["serve", "api", "migrate"])
def test_every_command_explains_itself_with_help(tmp_path, command):
    result = run_webmon(command, "--help", env=clean_env(), cwd=tmp_path)

    assert result.returncode == 0
    assert "Usage" in result.stdout


def test_webmon_without_arguments_lists_the_commands(tmp_path):
    result = run_webmon(env=clean_env(), cwd=tmp_path)

    for command in ("serve", "api", "migrate"):
        assert command in result.stdout + result.stderr


def test_api_refuses_to_start_without_a_secret_key(tmp_path):
    result = run_webmon("api", "--port", str(free_port()), env=clean_env(), cwd=tmp_path, timeout=30)

    assert result.returncode == 2
    assert "WEBMON_SECRET_KEY is not set" in result.stderr


def test_a_bad_setting_stops_any_command_with_its_name(tmp_path):
    result = run_webmon("migrate", env=clean_env(WEBMON_MIN_CHECK_INTERVAL="soon"), cwd=tmp_path)

    assert result.returncode == 2
    assert "WEBMON_MIN_CHECK_INTERVAL" in result.stderr
    assert "Traceback" not in result.stderr


def test_migrate_builds_the_sqlite_database_in_the_current_folder(tmp_path):
    result = run_webmon("migrate", env=clean_env(), cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "webmon.db").exists()


def test_serve_starts_the_product_with_nothing_configured(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [WEBMON, "serve", "--port", str(port)],
        env=clean_env(),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        health = wait_for_http(f"http://127.0.0.1:{port}/health", process)
        docs = httpx.get(f"http://127.0.0.1:{port}/docs")
        registered = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/auth/register",
            json={"email": "first@example.com", "username": "first", "password": "first user pw"},
        )
    finally:
        stop(process)

    assert health.status_code == 200
    assert docs.status_code == 200
    assert registered.status_code == 201
    assert (tmp_path / "data" / "webmon.db").exists()
    assert (tmp_path / "data" / "secret_key").exists()


def test_serve_keeps_its_data_folder_database_and_key_private(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [WEBMON, "serve", "--port", str(port)],
        env=clean_env(),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/health", process)
        httpx.post(
            f"http://127.0.0.1:{port}/api/v1/auth/register",
            json={"email": "first@example.com", "username": "first", "password": "first user pw"},
        )
        data = tmp_path / "data"
        modes = {path.name: path.stat().st_mode & 0o777 for path in [data, *data.iterdir()]}
    finally:
        stop(process)

    assert modes.pop("data") == 0o700
    assert {"webmon.db", "webmon.db-wal", "secret_key"} <= set(modes)
    assert set(modes.values()) == {0o600}, modes


def test_migrate_tightens_a_database_file_others_could_read(tmp_path):
    (tmp_path / "data").mkdir()
    database = tmp_path / "data" / "webmon.db"
    database.touch(mode=0o644)
    database.chmod(0o644)

    result = run_webmon("migrate", env=clean_env(), cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert database.stat().st_mode & 0o777 == 0o600


def test_serve_keeps_sessions_across_a_restart(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"

    def start() -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [WEBMON, "serve", "--port", str(port)],
            env=clean_env(),
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_http(f"{base}/health", process)
        return process

    process = start()
    try:
        httpx.post(
            f"{base}/api/v1/auth/register",
            json={"email": "a@example.com", "username": "a_user", "password": "password 1"},
        )
        token = httpx.post(
            f"{base}/api/v1/auth/login", json={"email": "a@example.com", "password": "password 1"}
        ).json()["access_token"]
    finally:
        stop(process)
    process = start()
    try:
        me = httpx.get(f"{base}/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    finally:
        stop(process)

    assert me.status_code == 200


async def test_serve_monitors_a_site_end_to_end(tmp_path):
    import asyncio

    from tests.targets import WORD, target_site

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = clean_env(WEBMON_ALLOW_PRIVATE_TARGETS="true")
    process = subprocess.Popen(
        [WEBMON, "serve", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        async with target_site() as target, httpx.AsyncClient(base_url=base, timeout=5) as client:
            for _ in range(100):
                try:
                    await client.get("/health")
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
            await client.post(
                "/api/v1/auth/register", json={"email": "a@example.com", "username": "a_user", "password": "password 1"}
            )
            token = (
                await client.post("/api/v1/auth/login", json={"email": "a@example.com", "password": "password 1"})
            ).json()["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            site = (
                await client.post(
                    "/api/v1/websites", headers=headers, json={"url": target.serve("/"), "valid_word": WORD}
                )
            ).json()
            for _ in range(50):
                checked = (await client.get(f"/api/v1/websites/{site['id']}", headers=headers)).json()
                if checked["status"] != "pending":
                    break
                await asyncio.sleep(0.1)
    finally:
        stop(process)

    assert checked["status"] == "up"
    assert target.hits["/"] == 1


async def test_bot_answers_start_with_the_chats_id(tmp_path, telegram):
    from tests.conftest import TEST_SECRET

    env = clean_env(
        WEBMON_SECRET_KEY=TEST_SECRET,
        WEBMON_TELEGRAM_BOT_TOKEN=telegram.token,
        WEBMON_TELEGRAM_API_URL=telegram.api_url,
        WEBMON_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/webmon.db",
    )
    assert run_webmon("migrate", env=env, cwd=tmp_path).returncode == 0
    process = subprocess.Popen(
        [WEBMON, "bot"], env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        telegram.push_message(-100777, "/start", chat_type="group")
        [reply] = await telegram.wait_for_sent(1, chat_id=-100777, timeout=20)
    finally:
        stop(process)

    assert "-100777" in reply.text
    assert {command["command"] for command in telegram.commands} >= {"start", "status", "help"}


def test_bot_refuses_to_start_without_a_token(tmp_path):
    from tests.conftest import TEST_SECRET

    result = run_webmon("bot", env=clean_env(WEBMON_SECRET_KEY=TEST_SECRET), cwd=tmp_path)

    assert result.returncode == 2
    assert "WEBMON_TELEGRAM_BOT_TOKEN" in result.stderr
