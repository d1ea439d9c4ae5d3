"""Apps for the instance tests: settings as an installation that did not pin what the test
suite pins (`allow_private_targets`), a clock the test moves, and a second API process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import httpx

from tests.conftest import TEST_SECRET
from webmon.app import create_app
from webmon.config import Settings
from webmon.db import Database
from webmon.models import utcnow


def instance_settings(database: Database, **overrides: object) -> Settings:
    """The test database, and only what is given here set "in the environment"."""
    values: dict[str, object] = {
        "database_url": database.settings.database_url,
        "secret_key": TEST_SECRET,
        "bcrypt_rounds": 4,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@dataclass
class Clock:
    now: datetime = field(default_factory=utcnow)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@asynccontextmanager
async def api_client(
    settings: Settings, *, database: Database | None = None, clock=utcnow
) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    """An API process of its own: its own app and, without `database`, its own connection pool."""
    app = create_app(settings, database=database, clock=clock)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://webmon.test") as http:
            yield http


async def register_as(
    client: httpx.AsyncClient, name: str, *, invitation: str | None = None, password: str = "correct horse battery"
) -> httpx.Response:
    body = {"email": f"{name}@example.com", "username": name, "password": password}
    if invitation is not None:
        body["invitation"] = invitation
    return await client.post("/api/v1/auth/register", json=body)
