"""Celery configuration. Beat only ticks; workers claim, check and store through the same pipeline
functions `webmon serve` uses."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from celery import Celery
from celery.schedules import crontab

from webmon.config import Settings
from webmon.runner.retention import CLEANUP_AT

CHECKS_QUEUE = "checks"
NOTIFICATIONS_QUEUE = "notifications"
MAINTENANCE_QUEUE = "maintenance"


def local_timezone_name() -> str:
    """The server's IANA time zone (for the 02:00 cleanup), read from /etc/localtime."""
    try:
        target = Path("/etc/localtime").resolve()
    except OSError:
        return "UTC"
    parts = target.parts
    if "zoneinfo" in parts:
        return "/".join(parts[parts.index("zoneinfo") + 1 :]) or "UTC"
    return "UTC"


def create_celery(settings: Settings) -> Celery:
    app = Celery("webmon", broker=settings.redis_url, include=["webmon.worker.tasks"])
    app.conf.update(
        task_serializer="json",
        accept_content=["json"],
        task_ignore_result=True,  # nothing reads task results; the database is the record
        # A task is acknowledged when it has finished, and given back if its worker dies, so a
        # crash loses nothing; storing is idempotent per slot, so running it twice is harmless.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        # Batches run on the process's one event loop; the threads only wait for them.
        worker_pool="threads",
        worker_concurrency=16,
        task_default_queue=CHECKS_QUEUE,
        task_routes={
            "webmon.deliver_notifications": {"queue": NOTIFICATIONS_QUEUE},
            "webmon.cleanup_old_checks": {"queue": MAINTENANCE_QUEUE},
            "webmon.hourly_maintenance": {"queue": MAINTENANCE_QUEUE},
        },
        # Redis gives an unacknowledged task to another worker after this long; longer than any
        # batch can take (4 attempts x 120 s timeout at the most).
        broker_transport_options={"visibility_timeout": 900},
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,
        worker_hijack_root_logger=False,
        worker_send_task_events=False,
        timezone=local_timezone_name(),
        beat_schedule_filename=str(settings.data_dir / "celerybeat-schedule"),
        beat_schedule={
            "tick": {
                "task": "webmon.tick",
                "schedule": timedelta(seconds=settings.scheduler_tick),
                # A tick nobody picked up within one tick is stale: the next one replaces it.
                "options": {"expires": settings.scheduler_tick},
            },
            "deliver-notifications": {
                "task": "webmon.deliver_notifications",
                # The sweep: retries alerts Telegram could not take, and any a crash left behind.
                "schedule": timedelta(seconds=30),
                "options": {"expires": 30},
            },
            "hourly-maintenance": {
                "task": "webmon.hourly_maintenance",
                "schedule": crontab(minute=5),
            },
            "cleanup-old-checks": {
                "task": "webmon.cleanup_old_checks",
                "schedule": crontab(hour=CLEANUP_AT.hour, minute=CLEANUP_AT.minute),
            },
        },
    )
    return app
