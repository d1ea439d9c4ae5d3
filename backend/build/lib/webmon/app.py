"""The FastAPI application. `webmon api` runs it alone; `webmon serve` adds the scheduler and the
dashboard around the same app."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import FastAPI

from webmon import __version__
from webmon.api.errors import install_error_handlers
from webmon.api.headers import SecurityHeaders
from webmon.api.limits import RequestSizeLimit
from webmon.api.operations import router as operations_router
from webmon.api.router import api_router
from webmon.auth.limits import login_limiter_for
from webmon.auth.passwords import PasswordHasher
from webmon.config import Settings, get_settings
from webmon.db import Database
from webmon.metrics.counters import MemoryCounters
from webmon.models import utcnow
from webmon.runner.serve import run_in_process_services
from webmon.telegram.client import telegram_client
from webmon.web.spa import mount_dashboard

if TYPE_CHECKING:
    from webmon.worker.connections import WorkerConnections

DESCRIPTION = """Webmon checks your websites on schedule, keeps every check, and alerts Telegram when
a site goes down and when it recovers. Authorize with your email and password (the form's
*username* is your email)."""


def create_app(
    settings: Settings | None = None,
    *,
    database: Database | None = None,
    clock: Callable[[], datetime] = utcnow,
    scheduler: bool = False,
    workers: WorkerConnections | None = None,
    dashboard: Path | None = None,
) -> FastAPI:
    """Three shapes of one app:

    - `scheduler=True`: `webmon serve`, the check pipeline and alerts run in this process;
    - `workers=...`: the multi-service API, which wakes Celery workers when a site is added or
      "check now" is pressed, and reports Redis, the workers and shared counters;
    - neither: the API alone (tests).

    `dashboard` is the folder of the built SPA to serve at `/`.
    """
    settings = settings or get_settings()
    settings.require_secret_key()  # refuse to start rather than sign tokens with nothing

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with AsyncExitStack() as stack:
            if app.state.db is None:
                app.state.db = Database(settings)
                stack.push_async_callback(_dispose, app)
            app.state.telegram = await stack.enter_async_context(telegram_client(settings))
            if workers is not None:
                stack.push_async_callback(workers.close)
            if scheduler:
                services = await stack.enter_async_context(
                    run_in_process_services(app.state.db, settings, clock, app.state.telegram, app.state.counters)
                )
                app.state.services = services
                app.state.nudge = services.scheduler.wake
            yield

    app = FastAPI(
        title="Webmon",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        redoc_url=None,
        # No OpenTelemetry here; asking "is it configured?" on every request costs time.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    app.state.db = database
    app.state.passwords = PasswordHasher(settings.bcrypt_rounds)
    app.state.clock = clock
    app.state.telegram = None
    app.state.services = None
    app.state.workers = workers
    app.state.nudge = workers.nudge if workers is not None else (lambda: None)
    # Shared through Redis in the multi-service mode; this process's own otherwise.
    app.state.counters = workers.counters if workers is not None else MemoryCounters()
    # Login and registration limits: in Redis with workers (shared by every API process), else here.
    app.state.login_limiter = login_limiter_for(settings, workers)
    install_error_handlers(app)
    app.include_router(api_router)
    app.include_router(operations_router)
    if dashboard is not None:
        mount_dashboard(app, dashboard)  # last: its catch-all route must not shadow the API
    app.add_middleware(RequestSizeLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(SecurityHeaders)
    return app


async def _dispose(app: FastAPI) -> None:
    await app.state.db.dispose()
    app.state.db = None


def create_api_app() -> FastAPI:
    """The uvicorn factory of `webmon api`: the multi-service API."""
    from webmon.worker.connections import WorkerConnections

    settings = get_settings()
    return create_app(settings, workers=WorkerConnections(settings))
