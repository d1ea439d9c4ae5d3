"""The backup the compose `backup` service makes (deploy/backup.sh) restores into an empty
database with every row: a restore that has been tried, not hoped for."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from tests.processes import clean_env, run_webmon
from tests.stack.private_services import PrivatePostgres

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def postgres():
    server = PrivatePostgres()
    server.start()
    yield server
    server.destroy()


async def _count(url: str, table: str) -> int:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return (await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
    finally:
        await engine.dispose()


async def test_a_backup_restores_into_an_empty_database(postgres, tmp_path):
    env = clean_env(WEBMON_DATABASE_URL=postgres.url)
    assert run_webmon("migrate", env=env, cwd=tmp_path).returncode == 0
    engine = create_async_engine(postgres.url)
    async with engine.begin() as connection:
        await connection.execute(
            text("INSERT INTO users (email, username, hashed_password) VALUES ('a@example.com', 'a', 'x')")
        )
        await connection.execute(
            text(
                "INSERT INTO websites (user_id, url, name, valid_word) SELECT id, 'https://example.com/', 'Example', 'Example' FROM users"
            )
        )
    await engine.dispose()
    backups = tmp_path / "backups"
    backups.mkdir()
    pg_env = os.environ | {
        "PGHOST": "127.0.0.1",
        "PGPORT": str(postgres.port),
        "PGUSER": "postgres",
        "PGDATABASE": "postgres",
        "BACKUP_DIR": str(backups),
    }

    made = subprocess.run(
        ["sh", str(REPO / "deploy" / "backup.sh"), "--once"], env=pg_env, capture_output=True, text=True
    )
    [dump] = backups.glob("webmon-*.dump")
    subprocess.run(["createdb", "restored"], env=pg_env, check=True)
    restored = subprocess.run(
        ["pg_restore", "--no-owner", "-d", "restored", str(dump)], env=pg_env, capture_output=True, text=True
    )

    assert made.returncode == 0, made.stderr
    assert restored.returncode == 0, restored.stderr
    restored_url = postgres.url.rsplit("/", 1)[0] + "/restored"
    assert await _count(restored_url, "users") == 1
    assert await _count(restored_url, "websites") == 1
    assert await _count(restored_url, "alembic_version") == 1
