"""The Celery app is built when asked for, never at import: the API process holds at most the one
its worker connections make, and none until it first wakes or pings a worker."""

from __future__ import annotations

import subprocess
import sys
import textwrap

API_PROCESS = textwrap.dedent(
    """
    import celery._state
    import webmon.worker, webmon.worker.connections, webmon.app
    from webmon.config import Settings
    from webmon.worker.connections import WorkerConnections

    def apps():
        return len(list(celery._state._get_active_apps()))

    print(apps())
    connections = WorkerConnections(Settings(redis_url="redis://127.0.0.1:1/0", secret_key="x" * 48))
    webmon.app.create_app(connections.settings, workers=connections)
    print(apps())
    connections.nudge()  # no broker there: logged, not raised
    print(apps())
    """
)


def run(code: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.split()


def test_the_api_process_builds_no_celery_app_until_it_wakes_a_worker():
    assert run(API_PROCESS) == ["0", "0", "1"]


def test_celery_finds_the_app_the_way_celery_dash_a_does():
    found = run(
        "from celery.app.utils import find_app; import webmon.worker as w; "
        "app = find_app('webmon.worker'); print(app.main, app is w.get_app(), app is w.app)"
    )

    assert found == ["webmon", "True", "True"]
