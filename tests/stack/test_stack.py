"""The multi-service deployment, run for real without Docker: its own PostgreSQL and Redis,
`webmon migrate`, `webmon api`, two `webmon worker`, one `webmon beat`, a local target site and a
fake Telegram. Driven over HTTP as a user and an operator would; then its parts are broken."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import TEST_SECRET
from tests.processes import WEBMON, clean_env, free_port, run_webmon, stop
from tests.stack.private_services import PrivatePostgres, PrivateRedis
from tests.targets import WORD, target_site

pytestmark = pytest.mark.stack
CHAT = "5151"


class Stack:
    def __init__(self, tmp_path: Path, telegram) -> None:  # type: ignore[no-untyped-def]
        self.tmp = tmp_path
        self.postgres = PrivatePostgres()
        self.redis = PrivateRedis()
        self.api_port = free_port()
        self.env = clean_env(
            WEBMON_DATABASE_URL=self.postgres.url,
            WEBMON_REDIS_URL=self.redis.url,
            WEBMON_SECRET_KEY=TEST_SECRET,
            WEBMON_ALLOW_PRIVATE_TARGETS="true",
            WEBMON_SCHEDULER_TICK="1",
            WEBMON_MIN_CHECK_INTERVAL="1",
            WEBMON_TELEGRAM_BOT_TOKEN=telegram.token,
            WEBMON_TELEGRAM_API_URL=telegram.api_url,
            WEBMON_DATA_DIR=str(tmp_path / "data"),
        )
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, name: str, *args: str) -> None:
        log = (self.tmp / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            [WEBMON, *args], env=self.env, cwd=self.tmp, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def kill(self, name: str) -> None:
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text()[-2000:]}" for p in sorted(self.tmp.glob("*.log")))

    def shutdown(self) -> None:
        for process in self.processes.values():
            stop(process)
        self.redis.destroy()
        self.postgres.destroy()


@pytest.fixture
async def stack(tmp_path, telegram):
    telegram.add_chat(CHAT)
    stack = Stack(tmp_path, telegram)
    try:
        stack.postgres.start()
        stack.redis.start()
        migrated = run_webmon("migrate", env=stack.env, cwd=tmp_path)
        assert migrated.returncode == 0, migrated.stderr
        stack.start("api", "api", "--port", str(stack.api_port), "--workers", "2")
        stack.start("worker1", "worker", "--threads", "4")
        stack.start("worker2", "worker", "--threads", "4")
        stack.start("beat", "beat")
        stack.start("bot", "bot")
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{stack.api_port}", timeout=10) as client:
            await eventually(lambda: client.get("/health"), lambda r: r.status_code == 200, timeout=30)
            stack.client = client  # type: ignore[attr-defined]
            yield stack
    finally:
        stack.shutdown()


async def eventually(action, accept, *, timeout: float, every: float = 0.3):  # type: ignore[no-untyped-def]
    """Repeat `action` until `accept(result)`; returns the last result either way."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            result = await action()
        except httpx.TransportError as exc:
            result = exc
        if (not isinstance(result, Exception) and accept(result)) or time.monotonic() > deadline:
            return result
        await asyncio.sleep(every)


def metric(text: str, name: str, **labels: str) -> float:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return sample.value
    raise KeyError(name)


async def test_the_stack_monitors_alerts_reports_and_survives_its_parts_failing(stack, telegram):
    client = stack.client
    await client.post(
        "/api/v1/auth/register", json={"email": "ops@example.com", "username": "ops", "password": "a long password"}
    )
    token = (
        await client.post("/api/v1/auth/login", json={"email": "ops@example.com", "password": "a long password"})
    ).json()["access_token"]
    me = {"Authorization": f"Bearer {token}"}

    # The chat is linked the way a user links it: the dashboard's link, /start <token> to `webmon bot`.
    link = (await client.post("/api/v1/telegram/link", headers=me)).json()
    telegram.push_message(CHAT, f"/start {link['token']}")
    [linked] = await telegram.wait_for_sent(1, chat_id=CHAT, timeout=30)
    assert "linked" in linked.text, linked.text
    telegram.sent.clear()

    async with target_site() as target:
        site = (
            await client.post(
                "/api/v1/websites",
                headers=me,
                json={
                    "url": target.serve("/"),
                    "valid_word": WORD,
                    "check_interval": 2,
                    "failure_threshold": 1,
                    "telegram_chat_id": CHAT,
                },
            )
        ).json()
        get_site = lambda: client.get(f"/api/v1/websites/{site['id']}", headers=me)  # noqa: E731

        # A user adds a site: it is checked and up.
        up = await eventually(get_site, lambda r: r.json()["status"] == "up", timeout=20)
        assert up.json()["status"] == "up", stack.logs()

        # The site breaks: exactly one Telegram message, however many checks fail after it.
        target.break_("/")
        await telegram.wait_for_sent(1, chat_id=CHAT, timeout=20)
        await asyncio.sleep(4)
        assert len(telegram.sent_to(CHAT)) == 1, [m.text for m in telegram.sent]
        assert "DOWN" in telegram.sent_to(CHAT)[0].text

        # The operator's view: healthy, and metrics that add up.
        health = (await client.get("/health")).json()
        assert health["status"] == "ok"
        assert {name: part["status"] for name, part in health["components"].items()} == {
            "database": "ok",
            "redis": "ok",
            "workers": "ok",
            "storage": "ok",  # the workers' stores, and today's partition
        }
        assert health["components"]["workers"]["workers"] == 2
        metrics = (await client.get("/metrics")).text
        assert metric(metrics, "webmon_websites", status="down") == 1
        assert metric(metrics, "webmon_checks_total") >= 3
        assert metric(metrics, "webmon_checks_failed_total") >= 2
        assert metric(metrics, "webmon_notifications_total", status="sent") == 1
        assert metric(metrics, "webmon_queue_depth", queue="checks") >= 0
        assert metric(metrics, "webmon_check_duration_seconds_count") == metric(metrics, "webmon_checks_total")

        # Both workers die: /health says so.
        stack.kill("worker1")
        stack.kill("worker2")
        dead = await eventually(lambda: client.get("/health"), lambda r: r.status_code == 503, timeout=15)
        assert dead.status_code == 503
        assert dead.json()["components"]["workers"]["status"] == "error"

        # Workers come back, then Redis restarts under them: checking resumes.
        stack.start("worker1", "worker", "--threads", "4")
        stack.start("worker2", "worker", "--threads", "4")
        await eventually(lambda: client.get("/health"), lambda r: r.status_code == 200, timeout=20)
        stack.redis.stop()
        await asyncio.sleep(2)
        stack.redis.start()
        restarted_at = (await get_site()).json()["last_check"]
        resumed = await eventually(get_site, lambda r: r.json()["last_check"] != restarted_at, timeout=30)
        assert resumed.json()["last_check"] != restarted_at, stack.logs()

        # PostgreSQL stops: the API answers 503 with Retry-After, never a 500; then it recovers.
        stack.postgres.stop()
        codes = []
        for path in ("/api/v1/websites", f"/api/v1/websites/{site['id']}", "/api/v1/auth/me", "/health"):
            response = await client.get(path, headers=me)
            codes.append(response.status_code)
            assert response.status_code == 503, (path, response.status_code, response.text)
            assert "retry-after" in response.headers
        stack.postgres.start()
        started = time.monotonic()
        recovered = await eventually(
            lambda: client.get("/api/v1/websites", headers=me), lambda r: r.status_code == 200, timeout=10
        )
        assert recovered.status_code == 200
        assert time.monotonic() - started < 10
        assert 500 not in codes
