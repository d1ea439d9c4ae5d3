"""Seeding a database with an account and N sites, fast (COPY on PostgreSQL, executemany on SQLite)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .common import EMAIL, PASSWORD, SECRET, WORD


async def hash_password(password: str = PASSWORD) -> str:
    from webmon.auth.passwords import PasswordHasher

    return await PasswordHasher(4).hash(password)


def site_rows(count: int, first_id: int, interval: int, target: str, now: datetime) -> Iterator[tuple[Any, ...]]:
    from webmon.runner.scheduling import next_slot

    base = target.rstrip("/")
    for site_id in range(first_id, first_id + count):
        yield (site_id, f"{base}/site/{site_id}", f"site {site_id}", next_slot(site_id, interval, now))


async def seed_postgres(dsn: str, *, sites: int, interval: int, target: str, active: bool = True) -> dict[str, Any]:
    """One user and `sites` websites, each due at its own next slot (spread over the interval)."""
    import asyncpg

    started = time.perf_counter()
    hashed = await hash_password()
    connection = await asyncpg.connect(dsn)
    try:
        user_id = await connection.fetchval(
            "INSERT INTO users (email, username, hashed_password) VALUES ($1, 'bench', $2) RETURNING id", EMAIL, hashed
        )
        now = datetime.now(UTC)
        records = [
            (site_id, user_id, url, name, WORD, slot, interval, active)
            for site_id, url, name, slot in site_rows(sites, 1, interval, target, now)
        ]
        await connection.copy_records_to_table(
            "websites",
            records=records,
            columns=["id", "user_id", "url", "name", "valid_word", "next_check_at", "check_interval", "is_active"],
        )
        await connection.execute("SELECT setval(pg_get_serial_sequence('websites', 'id'), $1)", sites)
        await connection.execute("ANALYZE")
    finally:
        await connection.close()
    return {"user_id": user_id, "sites": sites, "seconds": round(time.perf_counter() - started, 2)}


async def add_sites_sqlite(
    path: Path, *, first_id: int, count: int, interval: int, target: str, user_id: int | None
) -> int:
    """Insert sites straight into a SQLite file (the same text format SQLAlchemy writes)."""
    import sqlite3

    if user_id is None:
        hashed = await hash_password()
    connection = sqlite3.connect(path, timeout=30)
    try:
        if user_id is None:
            now_text = _sqlite_time(datetime.now(UTC))
            user_id = connection.execute(
                "INSERT INTO users (email, username, hashed_password, balance, is_active, token_version, created_at) "
                "VALUES (?, 'bench', ?, 0, 1, 0, ?)",
                (EMAIL, hashed, now_text),
            ).lastrowid
        now = datetime.now(UTC)
        now_text = _sqlite_time(now)
        connection.executemany(
            "INSERT INTO websites (id, user_id, url, name, valid_word, timeout, check_interval, is_active, "
            "failure_threshold, next_check_at, status, total_checks, failed_checks, consecutive_failures, created_at) "
            "VALUES (?, ?, ?, ?, ?, 30, ?, 1, 2, ?, 'pending', 0, 0, 0, ?)",
            (
                (site_id, user_id, url, name, WORD, interval, _sqlite_time(slot), now_text)
                for site_id, url, name, slot in site_rows(count, first_id, interval, target, now)
            ),
        )
        connection.commit()
    finally:
        connection.close()
    return int(user_id)  # type: ignore[arg-type]


def _sqlite_time(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


async def open_session_postgres(dsn: str, user_id: int, minutes: int = 120) -> str:
    """A bearer token's session row (auth_sessions), as a login makes it; returns its id."""
    import secrets
    from datetime import timedelta

    import asyncpg

    session_id = secrets.token_hex(32)
    now = datetime.now(UTC)
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(
            "INSERT INTO auth_sessions (id, user_id, kind, created_at, last_seen_at, expires_at) "
            "VALUES ($1, $2, 'token', $3, $3, $4)",
            session_id,
            user_id,
            now,
            now + timedelta(minutes=minutes),
        )
    finally:
        await connection.close()
    return session_id


def bearer_token(user_id: int, session_id: str, minutes: int = 120) -> str:
    from datetime import timedelta

    from webmon.auth.tokens import create_access_token

    return create_access_token(
        user_id=user_id,
        token_version=0,
        session_id=session_id,
        secret=SECRET,
        lifetime=timedelta(minutes=minutes),
        now=datetime.now(UTC),
    )
