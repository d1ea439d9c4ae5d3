"""Celery tasks: thin shells around the pipeline functions `webmon serve` calls too."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Any

from celery import Task, shared_task
from celery.signals import task_failure, worker_process_init, worker_process_shutdown, worker_shutdown
from redis import Redis

from webmon.alerting.sender import AlertSender
from webmon.config import Settings
from webmon.models import utcnow
from webmon.runner.maintenance import hourly_maintenance
from webmon.runner.pipeline import run_batch
from webmon.runner.retention import apply_retention
from webmon.runner.scheduling import Claim
from webmon.runner.store import StoreOutcome
from webmon.runner.tick import claim_due_batches
from webmon.worker import dead_letters
from webmon.worker.runtime import close_runtime, get_runtime

log = logging.getLogger("webmon.worker")


def claims_to_payload(claims: list[Claim]) -> list[list[object]]:
    return [[claim.website_id, claim.slot.isoformat()] for claim in claims]


def claims_from_payload(payload: list[list[Any]]) -> list[Claim]:
    # JSON from the broker: [[website_id, slot in ISO 8601], ...]
    return [Claim(website_id=int(site_id), slot=datetime.fromisoformat(slot)) for site_id, slot in payload]


@shared_task(name="webmon.tick", acks_late=False)
def tick() -> int:
    """Claim the sites due within the next tick and queue them in batches (runner/tick.py). Two
    Beats or two ticks at once are harmless: the claim is atomic, so each slot goes to one batch."""
    runtime = get_runtime()
    settings = runtime.settings
    # The task bound to this thread's app (shared_task is a proxy to the current app, and the
    # executor's threads may have none).
    batch_task = run_check_batch._get_current_object()

    async def queue(batches: list[list[Claim]]) -> None:
        # Publishing blocks on the broker: off the loop, which runs this process's checks.
        await asyncio.get_running_loop().run_in_executor(None, _queue_batches, batch_task, batches, settings)

    return runtime.run(
        claim_due_batches(
            runtime.db,
            clock=runtime.clock,
            horizon=timedelta(seconds=settings.scheduler_tick),
            batch_size=settings.check_batch_size,
            dispatch=queue,
            counters=runtime.counters,
        )
    )


def _queue_batches(batch_task: Task, batches: list[list[Claim]], settings: Settings) -> None:
    for batch in batches:
        # A batch still queued one minimum interval after its last slot is dropped: the sites'
        # next slots are already scheduled, so a backlog is not stampeded.
        latest = max(max(claim.slot for claim in batch), utcnow())
        expires = latest + timedelta(seconds=max(settings.min_check_interval, settings.scheduler_tick))
        batch_task.apply_async(args=[claims_to_payload(batch)], expires=expires)


# A batch or a cleanup that fails (the database away longer than the store's own retries) is
# retried 3 times with backoff, then kept as a dead letter. Ticks and sweeps just come again.
RETRIED = {"autoretry_for": (Exception,), "max_retries": 3, "retry_backoff": 5, "retry_jitter": True}


@shared_task(name="webmon.run_check_batch", **RETRIED)
def run_check_batch(payload: list[list[object]]) -> int:
    """Check a batch of claimed sites at their slots and store the results (idempotent per slot)."""
    runtime = get_runtime()

    def after_store(outcome: StoreOutcome) -> None:
        # Alerts were written: have them sent now rather than at the next sweep. Publishing
        # blocks briefly, so it happens off the event loop.
        if outcome.deliverable:
            asyncio.get_running_loop().run_in_executor(None, _queue_delivery)

    report = runtime.run(
        run_batch(
            runtime.db,
            runtime.engine,
            claims_from_payload(payload),
            reminder_interval=timedelta(seconds=runtime.settings.alert_reminder_interval),
            notify=runtime.telegram is not None,
            clock=runtime.clock,
            on_stored=after_store,
            counters=runtime.counters,
            instance=runtime.instance,
        )
    )
    return report.stored


def _queue_delivery() -> None:
    try:
        deliver_notifications.apply_async(retry=False)
    except Exception as exc:  # the Beat sweep sends it a little later anyway
        log.warning("could not queue alert delivery: %s", type(exc).__name__)


@shared_task(name="webmon.deliver_notifications", acks_late=False)
def deliver_notifications() -> int:
    """Send the alerts waiting in the outbox. Safe to run anywhere, any number of times at once:
    each alert is claimed by one sender."""
    runtime = get_runtime()
    if runtime.telegram is None:
        return 0
    sender = AlertSender(
        runtime.db,
        runtime.telegram.notifier,
        runtime.rate_limiter,
        public_url=str(runtime.settings.public_url).rstrip("/"),
        clock=utcnow,
        counters=runtime.counters,
    )
    return runtime.run(sender.sweep())


@shared_task(name="webmon.cleanup_old_checks", **RETRIED)
def cleanup_old_checks() -> int:
    """Retention: old raw checks (whole partitions on PostgreSQL), old rollups and history."""
    runtime = get_runtime()
    removed = runtime.run(
        apply_retention(runtime.db, now=utcnow(), check_retention_days=runtime.settings.check_retention_days)
    )
    log.info("retention: %s", removed)
    return removed.checks


@shared_task(name="webmon.hourly_maintenance", **RETRIED)
def maintenance() -> None:
    """Daily rollups from the hours, and a week of check partitions ready ahead."""
    runtime = get_runtime()
    runtime.run(hourly_maintenance(runtime.db, now=utcnow()))


@task_failure.connect
def _keep_dead_letter(sender=None, task_id=None, exception=None, args=None, **_: object) -> None:  # type: ignore[no-untyped-def]
    """Called once a task has failed for good (retries are not failures)."""
    if sender is None or sender.name not in {run_check_batch.name, cleanup_old_checks.name, maintenance.name}:
        return
    try:
        with Redis.from_url(get_runtime().settings.redis_url) as redis:
            dead_letters.record(redis, task=sender.name, task_id=task_id, args=args, error=exception)
    except Exception:
        log.exception("could not keep a dead letter for %s %s", sender.name, task_id)
    log.error("task %s %s failed for good: %s", sender.name, task_id, exception)


@worker_process_init.connect
def _start_runtime(**_: object) -> None:
    # A prefork child: start its loop, database pool and HTTP session before the first task.
    # (With the default threads pool the runtime starts with the first task.)
    get_runtime()


@worker_shutdown.connect
@worker_process_shutdown.connect
def _stop_runtime(**_: object) -> None:
    close_runtime()
