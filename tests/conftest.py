"""Shared fixtures: each API test runs against a real SQLite file and a real PostgreSQL database,
both built by the Alembic migrations; tables are emptied after every test."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import text

from tests.fakes.telegram_api import FakeTelegram
from tests.services import create_scratch_database, drop_scratch_database
from webmon.app import create_app
from webmon.config import Settings
from webmon.db import Database
from webmon.migrations import upgrade_connection_to_head
from webmon.models import Base

TEST_SECRET = "test-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"


def make_settings(database_url: str = "sqlite+aiosqlite:///:memory:", **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "secret_key": TEST_SECRET,
        # Tests hash many passwords; production's 12 rounds are asserted in test_passwords.
        "bcrypt_rounds": 4,
        "allow_private_targets": True,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("sqlite") / "webmon.db"
        yield f"sqlite+aiosqlite:///{path}"
        return
    url = await create_scratch_database()
    try:
        yield url
    finally:
        await drop_scratch_database(url)


@pytest.fixture(scope="session")
async def database(database_url: str) -> AsyncIterator[Database]:
    db = Database(make_settings(database_url))
    async with db.engine.begin() as connection:
        await connection.run_sync(upgrade_connection_to_head)
    try:
        yield db
    finally:
        await db.dispose()


@pytest.fixture
async def db(database: Database) -> AsyncIterator[Database]:
    """The migrated database, emptied after the test."""
    yield database
    await empty_tables(database)


async def empty_tables(database: Database) -> None:
    tables = [table.name for table in reversed(Base.metadata.sorted_tables)]
    async with database.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            await connection.execute(text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                await connection.execute(text(f"DELETE FROM {table}"))


@pytest.fixture
def settings(database: Database) -> Settings:
    return database.settings


@pytest.fixture
async def app(db: Database, settings: Settings):  # type: ignore[no-untyped-def]
    return create_app(settings, database=db)


@pytest.fixture
async def client(app) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    """An HTTP client talking to the app in-process, with the app's lifespan running."""
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://webmon.test") as http:
            yield http


TELEGRAM_TOKEN = "7000000001:AAH-s3cret_Token-value-1234567890abc"


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    """A fake Telegram Bot API on 127.0.0.1 (tests never talk to the real one)."""
    async with FakeTelegram(token=TELEGRAM_TOKEN) as fake:
        yield fake


def with_telegram(settings: Settings, fake: FakeTelegram) -> Settings:
    return settings.model_copy(update={"telegram_bot_token": SecretStr(fake.token), "telegram_api_url": fake.api_url})
