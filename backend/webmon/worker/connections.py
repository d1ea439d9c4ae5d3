"""What an API process of the multi-service mode holds to talk to Redis and the Celery workers:
waking the scheduler, queue depths and health probes for /health and /metrics."""

from __future__ import annotations

import asyncio
import logging
import time
from functools import cached_property
from typing import TYPE_CHECKING, Any

from redis.asyncio import Redis

from webmon.config import Settings
from webmon.metrics.counters import RedisCounters
from webmon.worker import dead_letters
from webmon.worker.celery_app import CHECKS_QUEUE, MAINTENANCE_QUEUE, NOTIFICATIONS_QUEUE, create_celery

if TYPE_CHECKING:
    from celery import Celery

log = logging.getLogger("webmon.api")

PROBE_TIMEOUT = 1.0
WORKERS_CACHE_SECONDS = 5.0


class WorkerConnections:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.redis = Redis.from_url(
            settings.redis_url, socket_timeout=PROBE_TIMEOUT, socket_connect_timeout=PROBE_TIMEOUT
        )
        self.counters = RedisCounters(self.redis)
        self._workers: tuple[float, dict[str, Any]] | None = None
        self._workers_lock = asyncio.Lock()

    @cached_property
    def celery(self) -> Celery:
        """The API's one Celery app (a client: it sends ticks and pings), made when first needed."""
        return create_celery(self.settings)

    def nudge(self) -> None:
        # Runs after the response is sent; if Redis is away, the next Beat tick claims the site.
        try:
            self.celery.send_task("webmon.tick", retry=False, expires=self.settings.scheduler_tick)
        except Exception as exc:  # broker errors must never reach the user
            log.warning("could not queue an immediate tick: %s", type(exc).__name__)

    async def queue_depths(self) -> dict[str, int]:
        async with self.redis.pipeline(transaction=False) as pipe:
            for queue in (CHECKS_QUEUE, NOTIFICATIONS_QUEUE, MAINTENANCE_QUEUE):
                pipe.llen(queue)
            lengths = await pipe.execute()
        return dict(zip((CHECKS_QUEUE, NOTIFICATIONS_QUEUE, MAINTENANCE_QUEUE), lengths, strict=True))

    async def dead_letter_count(self) -> int:
        return int(await self.redis.llen(dead_letters.KEY))

    async def redis_health(self) -> dict[str, Any]:
        started = time.perf_counter()
        try:
            await asyncio.wait_for(self.redis.ping(), PROBE_TIMEOUT)
        except Exception as exc:
            return {"status": "error", "error": type(exc).__name__}
        return {"status": "ok", "latency_ms": round((time.perf_counter() - started) * 1000, 1)}

    async def workers_health(self) -> dict[str, Any]:
        """Celery's broadcast ping, answered within a second; cached for a few seconds so a
        busy /health does not flood the workers."""
        async with self._workers_lock:
            if self._workers is not None and time.monotonic() - self._workers[0] < WORKERS_CACHE_SECONDS:
                return self._workers[1]
            try:
                replies = await asyncio.to_thread(self.celery.control.ping, timeout=PROBE_TIMEOUT)
            except Exception as exc:
                result: dict[str, Any] = {"status": "error", "error": type(exc).__name__}
            else:
                names = sorted(name for reply in replies or [] for name in reply)
                result = (
                    {"status": "ok", "workers": len(names)}
                    if names
                    else {"status": "error", "error": "no worker answered"}
                )
            self._workers = (time.monotonic(), result)
            return result

    async def close(self) -> None:
        await self.redis.aclose()
