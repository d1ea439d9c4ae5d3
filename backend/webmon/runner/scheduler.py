"""`webmon serve`'s scheduler: the pipeline on an asyncio task, no Redis or Celery.

Every tick (or at once when woken, e.g. after "check now") it claims the sites due within the next
tick and starts a batch task for each slice; the batches wait for each site's slot, check and
store. Daily at 02:00 it removes old check rows.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from webmon.config import Settings
from webmon.db import Database, is_database_unavailable
from webmon.engine import CheckEngine
from webmon.instance.cache import InstanceSettingsCache
from webmon.metrics.counters import Counters
from webmon.models import utcnow
from webmon.runner.maintenance import hourly_maintenance
from webmon.runner.pipeline import ActiveChecks, run_batch
from webmon.runner.retention import apply_retention, next_cleanup_after
from webmon.runner.scheduling import Claim
from webmon.runner.steady_clock import SteadyClock
from webmon.runner.store import StoreOutcome
from webmon.runner.tick import claim_due_batches

log = logging.getLogger("webmon.scheduler")

MAINTENANCE_EVERY = timedelta(hours=1)


class InProcessScheduler:
    def __init__(
        self,
        db: Database,
        engine: CheckEngine,
        settings: Settings,
        *,
        clock: Callable[[], datetime] = utcnow,
        on_stored: Callable[[StoreOutcome], None] | None = None,
        counters: Counters | None = None,
        notify: bool = False,
    ) -> None:
        self.db = db
        self.engine = engine
        self.settings = settings
        # Claims, slot waits and upkeep follow monotonic time, whatever the wall clock does.
        self.clock: Callable[[], datetime] = SteadyClock(clock)
        self.on_stored = on_stored
        self.counters = counters
        self.notify = notify  # write alerts as deliverable (Telegram is set up)
        self._wake = asyncio.Event()
        self._batches: set[asyncio.Task[object]] = set()
        self.active = ActiveChecks()
        # The administrator's settings (private targets) as the checks follow them.
        self.instance = InstanceSettingsCache(settings)
        # Back-pressure: while this many checks are under way (twice what the engine runs at
        # once: a queue is forming), nothing more is claimed; those sites stay due in the
        # database. Sites claimed ahead and waiting for their slot cost nothing and do not count:
        # capping them (the first version did) capped a process at ~16,000 sites.
        self.max_active = settings.check_concurrency * 2
        self._next_cleanup = next_cleanup_after(self.clock())
        self._next_maintenance = self.clock()  # at once: partitions and daily rollups are ready first

    def wake(self) -> None:
        self._wake.set()

    async def run(self) -> None:
        tick = self.settings.scheduler_tick
        while True:
            try:
                await self.tick()
            except Exception as exc:
                if is_database_unavailable(exc):
                    log.warning("scheduler tick skipped, database unavailable: %s", type(exc).__name__)
                else:
                    log.exception("scheduler tick failed")
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=tick)
            except TimeoutError:
                pass
            self._wake.clear()

    async def tick(self) -> int:
        """Claim what is due and start it; returns how many sites were claimed."""

        async def start(batches: list[list[Claim]]) -> None:
            for batch in batches:
                self._start_batch(batch)

        claimed = await claim_due_batches(
            self.db,
            clock=self.clock,
            horizon=timedelta(seconds=self.settings.scheduler_tick),
            batch_size=self.settings.check_batch_size,
            dispatch=start,
            counters=self.counters,
            keep_claiming=lambda: self.active.count < self.max_active,
        )
        now = self.clock()
        if now >= self._next_maintenance:
            self._next_maintenance = now + MAINTENANCE_EVERY
            self._spawn(hourly_maintenance(self.db, now=now))
        if now >= self._next_cleanup:
            self._next_cleanup = next_cleanup_after(now)
            self._spawn(self._cleanup())
        return claimed

    def _start_batch(self, batch: list[Claim]) -> None:
        async def run() -> None:
            try:
                await run_batch(
                    self.db,
                    self.engine,
                    batch,
                    reminder_interval=timedelta(seconds=self.settings.alert_reminder_interval),
                    clock=self.clock,
                    on_stored=self.on_stored,
                    notify=self.notify,
                    counters=self.counters,
                    active=self.active,
                    instance=self.instance,
                )
            except Exception:
                log.exception("check batch of %d sites failed", len(batch))

        self._spawn(run())

    async def _cleanup(self) -> None:
        removed = await apply_retention(
            self.db, now=self.clock(), check_retention_days=self.settings.check_retention_days
        )
        log.info("retention: %s", removed)

    def _spawn(self, coroutine) -> None:  # type: ignore[no-untyped-def]
        task = asyncio.ensure_future(coroutine)
        self._batches.add(task)
        task.add_done_callback(self._batches.discard)

    async def drain(self, timeout: float = 10) -> None:
        """Let running batches finish (used at shutdown and by tests)."""
        if self._batches:
            await asyncio.wait(set(self._batches), timeout=timeout)

    async def stop(self) -> None:
        for task in list(self._batches):
            task.cancel()
        await asyncio.gather(*self._batches, return_exceptions=True)
