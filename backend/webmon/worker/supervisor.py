"""`webmon worker` keeps its Celery worker running.

Celery 5.7's worker (threads pool, Redis broker) can exit with "Unrecoverable error" when the
broker connection drops while it holds unacknowledged batches. Compose restarts it
(`restart: unless-stopped`); so does this, for every other way of running Webmon (`make stack`,
the Procfile, systemd without Restart=): the Celery worker runs as a child process, and one that
exits on its own is started again with a growing pause. SIGTERM and SIGINT are passed on, and then
the supervisor exits with the child.
"""

from __future__ import annotations

import ctypes
import logging
import signal
import subprocess
import threading
import time
from collections.abc import Sequence

log = logging.getLogger("webmon.worker")

MAX_PAUSE = 30.0
STABLE_AFTER = 60.0  # a child that ran this long resets the pause


def _die_with_parent() -> None:
    """In the child, before exec: if the supervisor is killed (kill -9), the worker goes too,
    instead of running on unsupervised (Linux; elsewhere nothing happens)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG: as if it had been killed with it
    except (OSError, AttributeError):
        pass


def supervise(command: Sequence[str]) -> int:
    stopping = threading.Event()
    child: subprocess.Popen[bytes] | None = None

    def stop(signum: int, _frame: object) -> None:
        stopping.set()
        if child is not None and child.poll() is None:
            child.send_signal(signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    pause = 1.0
    while True:
        started = time.monotonic()
        child = subprocess.Popen(list(command), preexec_fn=_die_with_parent)
        code = child.wait()
        if stopping.is_set():
            return code
        if time.monotonic() - started > STABLE_AFTER:
            pause = 1.0
        log.error("the Celery worker exited with %s; starting it again in %.0f s", code, pause)
        if stopping.wait(pause):
            return code
        pause = min(pause * 2, MAX_PAUSE)
