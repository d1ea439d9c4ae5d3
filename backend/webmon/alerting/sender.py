"""`webmon serve`'s alert sender: sweeps the outbox when woken and every half minute."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from functools import partial

from webmon.alerting.messages import render_alert
from webmon.alerting.outbox import CLAIM_LIMIT, send_due_alerts
from webmon.db import Database, is_database_unavailable
from webmon.metrics.counters import Counters
from webmon.notifiers.base import Notifier
from webmon.notifiers.ratelimit import RateLimiter

log = logging.getLogger("webmon.alerts")

SWEEP_EVERY_SECONDS = 30.0


class AlertSender:
    def __init__(
        self,
        db: Database,
        notifier: Notifier,
        rate_limiter: RateLimiter,
        *,
        public_url: str,
        clock: Callable[[], datetime],
        sweep_every: float = SWEEP_EVERY_SECONDS,
        counters: Counters | None = None,
    ) -> None:
        self.db = db
        self.notifier = notifier
        self.rate_limiter = rate_limiter
        self.public_url = public_url
        self.clock = clock
        self.sweep_every = sweep_every
        self.counters = counters
        self._wake = asyncio.Event()

    def wake(self) -> None:
        self._wake.set()

    async def sweep(self) -> int:
        """Send everything that is due now (looping while full claims keep coming)."""
        total = 0
        while True:
            sent = await send_due_alerts(
                self.db,
                self.notifier,
                self.rate_limiter,
                render=partial(render_alert, public_url=self.public_url),
                clock=self.clock,
                counters=self.counters,
            )
            total += sent
            if sent < CLAIM_LIMIT:
                return total

    async def run(self) -> None:
        while True:
            self._wake.clear()
            try:
                await self.sweep()
            except Exception as exc:
                if is_database_unavailable(exc):
                    log.warning("alert sweep skipped, database unavailable: %s", type(exc).__name__)
                else:
                    log.exception("alert sweep failed")
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=self.sweep_every)
            except TimeoutError:
                pass
