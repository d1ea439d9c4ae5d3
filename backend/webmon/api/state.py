"""What the app holds for its requests, in one typed object stored once on `app.state.webmon`.

`create_app` builds it; the lifespan fills in what needs the event loop (the database when none
was given, the Telegram client, the in-process services). The dependencies of `api/deps.py` read
it; tests may replace a field (a clock, settings) on a running app."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from starlette.requests import Request

if TYPE_CHECKING:
    from fastapi import FastAPI

    from webmon.auth.limits import LoginLimiter
    from webmon.auth.passwords import PasswordHasher
    from webmon.config import Settings
    from webmon.db import Database
    from webmon.metrics.counters import Counters
    from webmon.serve import InProcessServices
    from webmon.telegram.client import TelegramClient
    from webmon.worker.connections import WorkerConnections


@dataclass(slots=True)
class AppState:
    settings: Settings
    passwords: PasswordHasher
    clock: Callable[[], datetime]
    # Shared through Redis in the multi-service mode; this process's own otherwise.
    counters: Counters
    # Login and registration limits: in Redis with workers (shared by every API process), else here.
    login_limiter: LoginLimiter
    # Wakes the scheduler after a site was added or "check now" pressed (a no-op for the API alone).
    nudge: Callable[[], None]
    db: Database | None = None
    workers: WorkerConnections | None = None
    telegram: TelegramClient | None = None
    services: InProcessServices | None = None
    # Called after the administrator changed an instance setting: `webmon serve` drops its
    # checks' cached copy (instance/cache.py); other processes re-read it within seconds.
    instance_settings_changed: Callable[[], None] = lambda: None

    @property
    def database(self) -> Database:
        """The database, once the lifespan has opened it."""
        assert self.db is not None, "the app's lifespan has not started"
        return self.db


def state_of(app: FastAPI) -> AppState:
    state: AppState = app.state.webmon
    return state


def request_state(request: Request) -> AppState:
    """The app's state from a route, without a dependency (no await per request)."""
    state: AppState = request.app.state.webmon
    return state
