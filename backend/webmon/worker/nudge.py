"""The API's way to say "something is due now" in the multi-service mode: queue a tick."""

from __future__ import annotations

import logging
from collections.abc import Callable

from webmon.config import Settings
from webmon.worker.celery_app import create_celery

log = logging.getLogger("webmon.api")


def celery_nudge(settings: Settings) -> Callable[[], None]:
    celery = create_celery(settings)

    def nudge() -> None:
        # Runs after the response is sent; if Redis is away, the next Beat tick claims the site.
        try:
            celery.send_task("webmon.tick", retry=False, expires=settings.scheduler_tick)
        except Exception as exc:  # broker errors must never reach the user
            log.warning("could not queue an immediate tick: %s", type(exc).__name__)

    return nudge
