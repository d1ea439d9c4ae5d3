"""A task that fails for good is kept as a dead letter that `webmon dead-letters` shows: a real
`webmon worker` process on the real Redis, with its database unreachable."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

from redis import Redis

from tests.conftest import TEST_SECRET
from tests.processes import WEBMON, clean_env, free_port, run_webmon, stop
from webmon.config import Settings
from webmon.worker import dead_letters
from webmon.worker.celery_app import create_celery


def test_a_task_that_fails_its_last_retry_is_listed_by_webmon_dead_letters(redis_url, tmp_path: Path):
    env = clean_env(
        # Nothing listens there: every attempt at the database fails at once.
        WEBMON_DATABASE_URL=f"postgresql+asyncpg://webmon@127.0.0.1:{free_port()}/webmon",
        WEBMON_REDIS_URL=redis_url,
        WEBMON_SECRET_KEY=TEST_SECRET,
        WEBMON_DATA_DIR=str(tmp_path / "data"),
    )
    log = tmp_path / "worker.log"
    with log.open("wb") as handle:
        worker = subprocess.Popen(
            [WEBMON, "worker", "--threads", "2"], env=env, stdout=handle, stderr=subprocess.STDOUT, cwd=tmp_path
        )
    celery = create_celery(Settings(redis_url=redis_url, secret_key=TEST_SECRET))
    try:
        # As if it had already been retried 3 times: this failure is its last.
        celery.send_task("webmon.cleanup_old_checks", retries=3)
        with Redis.from_url(redis_url) as redis:
            deadline = time.monotonic() + 45
            while not redis.llen(dead_letters.KEY) and time.monotonic() < deadline and worker.poll() is None:
                time.sleep(0.3)
    finally:
        stop(worker)
        celery.close()

    listed = run_webmon("dead-letters", env=env, cwd=tmp_path)
    assert listed.returncode == 0, log.read_text()[-3000:]
    entries = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [entry["task"] for entry in entries] == ["webmon.cleanup_old_checks"], log.read_text()[-3000:]
    assert entries[0]["error"] and entries[0]["failed_at"]

    cleared = run_webmon("dead-letters", "--clear", env=env, cwd=tmp_path)
    assert "cleared 1" in cleared.stderr
    assert "no dead letters" in run_webmon("dead-letters", env=env, cwd=tmp_path).stderr
