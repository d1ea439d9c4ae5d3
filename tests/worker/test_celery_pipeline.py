"""The multi-service path for real: `webmon worker` and `webmon beat` as processes, on PostgreSQL
and the real Redis, check a local site end to end."""

from __future__ import annotations

import asyncio
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import TEST_SECRET
from tests.factories import make_user, make_website
from tests.processes import WEBMON, clean_env, stop
from tests.targets import WORD, target_site
from webmon.models import Website

pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@pytest.fixture
def stack_env(database_url, redis_url, tmp_path):
    return clean_env(
        WEBMON_DATABASE_URL=database_url,
        WEBMON_REDIS_URL=redis_url,
        WEBMON_SECRET_KEY=TEST_SECRET,
        WEBMON_ALLOW_PRIVATE_TARGETS="true",
        WEBMON_SCHEDULER_TICK="1",
        WEBMON_MIN_CHECK_INTERVAL="1",
        WEBMON_DATA_DIR=str(tmp_path / "data"),
    )


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    handle = log.open("wb")
    return subprocess.Popen([WEBMON, *args], env=env, stdout=handle, stderr=subprocess.STDOUT, cwd=log.parent)


async def wait_for_status(db, site_id: int, expected: str, timeout: float) -> Website | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        async with db.session_scope() as session:
            site = await session.get(Website, site_id)
            if site.status == expected:
                return site
        await asyncio.sleep(0.2)
    return None


async def test_a_celery_worker_and_beat_check_a_site_and_notice_it_break(db, stack_env, tmp_path):
    async with target_site() as target:
        async with db.session_scope() as session:
            site = await make_website(
                session,
                await make_user(session),
                url=target.serve("/"),
                valid_word=WORD,
                check_interval=2,
                failure_threshold=1,
            )
        worker = start(["worker", "--threads", "4"], stack_env, tmp_path / "worker.log")
        beat = start(["beat"], stack_env, tmp_path / "beat.log")
        try:
            up = await wait_for_status(db, site.id, "up", timeout=30)
            target.break_("/")
            down = await wait_for_status(db, site.id, "down", timeout=15)
        finally:
            stop(beat)
            stop(worker)
        logs = (tmp_path / "worker.log").read_text() + (tmp_path / "beat.log").read_text()

    assert up is not None, logs[-3000:]
    assert down is not None, logs[-3000:]
    assert down.error_kind == "HTTP_STATUS"
    assert target.hits["/"] >= 2


async def test_the_api_wakes_a_worker_so_a_new_site_is_checked_without_waiting_for_beat(
    db, stack_env, tmp_path, settings
):
    import httpx

    from tests.factories import create_site, register
    from webmon.app import create_app
    from webmon.worker.connections import WorkerConnections

    api_settings = settings.model_copy(update={"redis_url": stack_env["WEBMON_REDIS_URL"], "min_check_interval": 1})
    app = create_app(api_settings, database=db, workers=WorkerConnections(api_settings))
    async with target_site() as target:
        worker = start(["worker", "--threads", "2"], stack_env, tmp_path / "worker.log")
        try:
            await asyncio.sleep(3)  # let the worker connect; no Beat runs in this test
            transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
            async with httpx.AsyncClient(transport=transport, base_url="http://webmon.test") as client:
                alice = await register(client, "alice")
                site = await create_site(client, alice, url=target.serve("/"), valid_word=WORD, check_interval=3600)
                up = await wait_for_status(db, site["id"], "up", timeout=10)
        finally:
            stop(worker)

    assert up is not None, (tmp_path / "worker.log").read_text()[-3000:]


async def test_two_workers_send_exactly_one_telegram_message_per_change(db, stack_env, tmp_path, telegram):
    telegram.add_chat("9001")
    env = stack_env | {
        "WEBMON_TELEGRAM_BOT_TOKEN": telegram.token,
        "WEBMON_TELEGRAM_API_URL": telegram.api_url,
    }
    async with target_site() as target:
        async with db.session_scope() as session:
            site = await make_website(
                session,
                await make_user(session),
                url=target.serve("/"),
                valid_word=WORD,
                check_interval=1,
                failure_threshold=1,
                telegram_chat_id="9001",
            )
        workers = [start(["worker", "--threads", "4"], env, tmp_path / f"worker{n}.log") for n in (1, 2)]
        beat = start(["beat"], env, tmp_path / "beat.log")
        try:
            assert await wait_for_status(db, site.id, "up", timeout=30)
            target.break_("/")
            await telegram.wait_for_sent(1, chat_id="9001", timeout=20)
            await asyncio.sleep(3)  # several more failed checks, on both workers
            target.serve("/")
            await telegram.wait_for_sent(2, chat_id="9001", timeout=20)
            await asyncio.sleep(3)
        finally:
            stop(beat)
            for worker in workers:
                stop(worker)

    texts = [message.text for message in telegram.sent_to("9001")]
    assert len(texts) == 2, texts
    assert "DOWN" in texts[0]
    assert "up again" in texts[1].lower()
