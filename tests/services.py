"""Where the tests find PostgreSQL and Redis, and what happens when they are missing.

Under CI=true a missing service fails the run; on a developer machine those tests are skipped
with the reason printed.
"""

from __future__ import annotations

import os
import uuid

import pytest

POSTGRES_ADMIN_URL = os.environ.get("WEBMON_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("WEBMON_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def service_missing(what: str, error: BaseException) -> None:
    message = f"{what} is not reachable ({type(error).__name__}: {error})"
    if IN_CI:
        pytest.fail(f"{message}; CI=true requires it", pytrace=False)
    pytest.skip(f"{message}; start it to run these tests")


def scratch_name(prefix: str) -> str:
    return f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"


async def create_scratch_database(prefix: str = "webmon_test") -> str:
    """A fresh, empty PostgreSQL database; returns its SQLAlchemy URL."""
    import asyncpg

    name = scratch_name(prefix)
    try:
        connection = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=5)
    except (OSError, asyncpg.PostgresError) as exc:
        service_missing("PostgreSQL at " + POSTGRES_ADMIN_URL, exc)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    return f"{base.replace('postgresql://', 'postgresql+asyncpg://', 1)}/{name}"


async def drop_scratch_database(url: str) -> None:
    import asyncpg

    name = url.rsplit("/", 1)[1]
    connection = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=5)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await connection.close()
