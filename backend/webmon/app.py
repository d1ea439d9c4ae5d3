"""The FastAPI application. `webmon api` runs it alone; `webmon serve` adds the scheduler and the
dashboard around the same app."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime

from fastapi import FastAPI

from webmon import __version__
from webmon.api.errors import install_error_handlers
from webmon.api.health import router as health_router
from webmon.api.limits import RequestSizeLimit
from webmon.api.router import api_router
from webmon.auth.passwords import PasswordHasher
from webmon.config import Settings, get_settings
from webmon.db import Database
from webmon.models import utcnow

DESCRIPTION = """Webmon checks your websites on schedule, keeps every check, and alerts Telegram when
a site goes down and when it recovers. Authorize with your email and password (the form's
*username* is your email)."""


def create_app(
    settings: Settings | None = None,
    *,
    database: Database | None = None,
    clock: Callable[[], datetime] = utcnow,
) -> FastAPI:
    settings = settings or get_settings()
    settings.require_secret_key()  # refuse to start rather than sign tokens with nothing

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = getattr(app.state, "db", None) is None
        if owned:
            app.state.db = Database(settings)
        try:
            yield
        finally:
            if owned:
                await app.state.db.dispose()
                app.state.db = None

    app = FastAPI(
        title="Webmon",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.db = database
    app.state.passwords = PasswordHasher(settings.bcrypt_rounds)
    app.state.clock = clock
    install_error_handlers(app)
    app.include_router(api_router)
    app.include_router(health_router)
    app.add_middleware(RequestSizeLimit, max_bytes=settings.max_request_bytes)
    return app
