"""Everything `webmon serve` runs beside the API, in its one process: the scheduler and checks,
the alert sender, and the Telegram bot."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from webmon.alerting.sender import AlertSender
from webmon.config import Settings
from webmon.db import Database
from webmon.engine import CheckEngine
from webmon.metrics.counters import Counters
from webmon.notifiers.ratelimit import MemoryRateLimiter
from webmon.runner.engine_config import engine_config
from webmon.runner.scheduler import InProcessScheduler
from webmon.runner.store import StoreOutcome
from webmon.telegram.client import TelegramClient

log = logging.getLogger("webmon.serve")


@dataclass
class InProcessServices:
    scheduler: InProcessScheduler
    sender: AlertSender | None


@contextlib.asynccontextmanager
async def run_in_process_services(
    db: Database,
    settings: Settings,
    clock: Callable[[], datetime],
    telegram: TelegramClient | None,
    counters: Counters,
) -> AsyncIterator[InProcessServices]:
    sender = (
        AlertSender(
            db,
            telegram.notifier,
            MemoryRateLimiter(),
            public_url=str(settings.public_url).rstrip("/"),
            clock=clock,
            counters=counters,
        )
        if telegram is not None
        else None
    )

    def after_store(outcome: StoreOutcome) -> None:
        if sender is not None and outcome.deliverable:
            sender.wake()

    engine = CheckEngine(engine_config(settings))
    await engine.start()
    scheduler = InProcessScheduler(
        db, engine, settings, clock=clock, on_stored=after_store, counters=counters, notify=sender is not None
    )
    tasks = [_start(scheduler.run(), "webmon-scheduler")]
    if sender is not None:
        tasks.append(_start(sender.run(), "webmon-alerts"))
        tasks.append(_start(_run_bot(db, settings, clock), "webmon-bot"))
    try:
        yield InProcessServices(scheduler=scheduler, sender=sender)
    finally:
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        await scheduler.stop()
        await engine.close()


def _start(coroutine: Coroutine[Any, Any, None], name: str) -> asyncio.Task[None]:
    return asyncio.create_task(coroutine, name=name)


async def _run_bot(db: Database, settings: Settings, clock: Callable[[], datetime]) -> None:
    from webmon.bot.service import build_bot_application, run_bot

    try:
        await run_bot(build_bot_application(db, settings, clock))
    except Exception:
        # The bot is a helper for setting up chats; alerts go out without it.
        log.exception("the Telegram bot stopped")
