"""One event loop per worker process, with its database engine and check engine.

Celery's threads (or a prefork child's main thread) hand coroutines to this loop and wait for
them; the loop runs in its own thread for the life of the process. Never `asyncio.run` per task:
a pooled async engine is bound to the loop that made its connections (SQLAlchemy #5823).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

from redis.asyncio import Redis

from webmon.config import Settings, get_settings
from webmon.db import Database
from webmon.engine import CheckEngine
from webmon.instance.cache import InstanceSettingsCache
from webmon.metrics.counters import RedisCounters
from webmon.models import utcnow
from webmon.notifiers.ratelimit import RedisRateLimiter
from webmon.runner.engine_config import engine_config
from webmon.runner.maintenance import ensure_check_partitions
from webmon.runner.steady_clock import SteadyClock
from webmon.telegram.client import TelegramClient, telegram_client

T = TypeVar("T")
log = logging.getLogger("webmon.worker")


def _new_loop() -> asyncio.AbstractEventLoop:
    try:
        import uvloop
    except ImportError:
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


class WorkerRuntime:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # Claims and slot waits follow monotonic time (read on the loop's thread only).
        self.clock = SteadyClock()
        self.loop = _new_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="webmon-loop", daemon=True)
        self._thread.start()
        self.db = Database(settings)
        self.engine = CheckEngine(engine_config(settings))
        self.instance = InstanceSettingsCache(settings)  # the administrator's settings, re-read every few s
        self.run(self.engine.start())
        self._exit_stack = contextlib.AsyncExitStack()
        self.telegram: TelegramClient | None = self.run(self._exit_stack.enter_async_context(telegram_client(settings)))
        self.redis = Redis.from_url(settings.redis_url)
        # Telegram's limits hold for the bot as a whole, so every worker shares one limiter.
        self.rate_limiter = RedisRateLimiter(self.redis)
        self.counters = RedisCounters(self.redis)
        try:
            # Somewhere to write today's checks even if Beat's hourly upkeep has not run yet.
            self.run(ensure_check_partitions(self.db, now=utcnow()), timeout=30)
        except Exception as exc:  # the database may still be starting; the hourly task retries
            log.warning("could not prepare check partitions at start: %s", type(exc).__name__)

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        """Run a coroutine on the process's loop and wait for its result (from any thread)."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def close(self) -> None:
        self.run(self._exit_stack.aclose(), timeout=10)
        self.run(self.redis.aclose(), timeout=10)
        self.run(self.engine.close(), timeout=10)
        self.run(self.db.dispose(), timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=5)


_runtime: WorkerRuntime | None = None
_lock = threading.Lock()


def get_runtime() -> WorkerRuntime:
    """The process's runtime, made on first use (after a prefork child has forked)."""
    global _runtime
    with _lock:
        if _runtime is None:
            _runtime = WorkerRuntime(get_settings())
        return _runtime


def close_runtime() -> None:
    global _runtime
    with _lock:
        if _runtime is not None:
            _runtime.close()
            _runtime = None
