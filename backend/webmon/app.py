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
from webmon.api.hosts import HostCheck, HostPolicy
from webmon.api.limits import RequestSizeLimit
from webmon.api.operations import router as operations_router
from webmon.api.router import api_router
from webmon.api.state import AppState, state_of
from webmon.auth.limits import login_limiter_for
from webmon.auth.passwords import PasswordHasher
from webmon.config import Settings, get_settings
from webmon.db import Database
from webmon.metrics.counters import MemoryCounters
from webmon.models import utcnow
from webmon.serve import run_in_process_services
from webmon.telegram.client import telegram_client
from webmon.web.docs import install_docs
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
        state = state_of(app)
        async with AsyncExitStack() as stack:
            if state.db is None:
                state.db = Database(settings)
                stack.push_async_callback(_dispose, state)
            state.telegram = await stack.enter_async_context(telegram_client(settings))
            if workers is not None:
                stack.push_async_callback(workers.close)
            if scheduler:
                services = await stack.enter_async_context(
                    run_in_process_services(state.db, settings, clock, state.telegram, state.counters)
                )
                state.services = services
                state.nudge = services.scheduler.wake
                # A setting changed in this process reaches this process's checks at once.
                state.instance_settings_changed = services.scheduler.instance.invalidate
            yield

    app = FastAPI(
        title="Webmon",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        # /docs and /redoc are web/docs.py's: FastAPI's own load Swagger UI and ReDoc from a CDN.
        docs_url=None,
        redoc_url=None,
        # No OpenTelemetry here; asking "is it configured?" on every request costs time.
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.webmon = AppState(
        settings=settings,
        db=database,
        passwords=PasswordHasher(settings.bcrypt_rounds),
        clock=clock,
        workers=workers,
        nudge=workers.nudge if workers is not None else (lambda: None),
        counters=workers.counters if workers is not None else MemoryCounters(),
        login_limiter=login_limiter_for(settings, workers.redis if workers is not None else None),
    )
    install_error_handlers(app)
    app.include_router(api_router)
    app.include_router(operations_router)
    install_docs(app)
    if dashboard is not None:
        mount_dashboard(app, dashboard)  # last: its catch-all route must not shadow the API
    app.add_middleware(RequestSizeLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(HostCheck, policy=HostPolicy(settings.allowed_hosts, settings.public_url.host))
    app.add_middleware(SecurityHeaders)
    return app


async def _dispose(state: AppState) -> None:
    if state.db is not None:
        await state.db.dispose()
    state.db = None


def create_api_app() -> FastAPI:
    """The uvicorn factory of `webmon api`: the multi-service API."""
    from webmon.worker.connections import WorkerConnections

    settings = get_settings()
    return create_app(settings, workers=WorkerConnections(settings))
