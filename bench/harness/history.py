"""History: hourly rollups as if the sites had been checked for a while, and the upkeep that sums them."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .common import SECRET
from .seeding import _sqlite_time

_ROLLUP_VALUES = {
    "checks": "60",
    "failures": "0",
    "up_ms": "3600000",
    "down_ms": "0",
    "rt_count": "60",
    "rt_sum": "60 * (5 + s % 40)",
    "rt_max": "90",
    "h0": "58",
    "h1": "2",
}


async def seed_rollups_postgres(dsn: str, *, sites: int, hours: int) -> float:
    """`hours` full hours of hourly rollups per site before the current hour (what the list's
    24 h uptime and the sparklines read). Columns not named above are 0."""
    import asyncpg

    started = time.perf_counter()
    connection = await asyncpg.connect(dsn)
    try:
        columns = [
            r["column_name"]
            for r in await connection.fetch(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'check_rollups_hourly' ORDER BY ordinal_position"
            )
        ]
        values = []
        for column in columns:
            if column == "website_id":
                values.append("s")
            elif column == "hour":
                values.append("date_trunc('hour', now()) - make_interval(hours => k)")
            else:
                values.append(_ROLLUP_VALUES.get(column, "0"))
        await connection.execute(
            f"INSERT INTO check_rollups_hourly ({', '.join(columns)}) SELECT {', '.join(values)} "
            f"FROM generate_series(1, {int(sites)}) s, generate_series(1, {int(hours)}) k"
        )
        await connection.execute("ANALYZE check_rollups_hourly")
    finally:
        await connection.close()
    return time.perf_counter() - started


def seed_rollups_sqlite(path: Path, *, sites: int, hours: int) -> float:
    import sqlite3
    from datetime import timedelta

    started = time.perf_counter()
    connection = sqlite3.connect(path, timeout=30)
    try:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(check_rollups_hourly)")]
        this_hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        hour_texts = [_sqlite_time(this_hour - timedelta(hours=k)) for k in range(1, hours + 1)]

        def value(column: str, site: int, hour: str) -> Any:
            if column == "website_id":
                return site
            if column == "hour":
                return hour
            if column == "rt_sum":
                return 60 * (5 + site % 40)
            return int(_ROLLUP_VALUES.get(column, "0")) if column != "rt_sum" else 0

        placeholders = ", ".join("?" for _ in columns)
        connection.executemany(
            f"INSERT INTO check_rollups_hourly ({', '.join(columns)}) VALUES ({placeholders})",
            ([value(c, s, hour) for c in columns] for s in range(1, sites + 1) for hour in hour_texts),
        )
        connection.commit()
    finally:
        connection.close()
    return time.perf_counter() - started


def seed_checks_sqlite(path: Path, *, sites: int, per_site: int, interval: int = 60) -> float:
    """`per_site` raw checks for each site, one every `interval` seconds up to a minute ago (what the
    heartbeat bars read): mostly up with the odd failure, like a real account. Returns seconds."""
    import sqlite3
    from datetime import timedelta

    started = time.perf_counter()
    newest = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=1)
    times = [_sqlite_time(newest - timedelta(seconds=interval * k)) for k in range(per_site)]

    def rows() -> Any:
        for site in range(1, sites + 1):
            for k, at in enumerate(times):
                if (site + k) % 37 == 0:
                    yield (at, site, None, 503, "down", "HTTP_STATUS", "HTTP 503 Service Unavailable")
                else:
                    yield (at, site, 40 + (site * 7 + k * 13) % 160, 200, "up", None, None)

    connection = sqlite3.connect(path, timeout=30)
    try:
        connection.executemany(
            "INSERT INTO website_checks (checked_at, website_id, response_time, status_code, status, error_kind,"
            " error_message) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows(),
        )
        connection.commit()
    finally:
        connection.close()
    return time.perf_counter() - started


async def run_hourly_upkeep(database_url: str) -> str:
    """Run the product's hourly upkeep once (what an hour of running leaves behind: daily rollups,
    the 24 h uptime base...), in this process. Returns what happened, for the results."""
    try:
        from webmon.config import load_settings
        from webmon.db import Database
        from webmon.runner.maintenance import hourly_maintenance
    except ImportError as exc:
        return f"not available: {exc}"
    db = Database(load_settings(database_url=database_url, secret_key=SECRET))
    try:
        started = time.perf_counter()
        await hourly_maintenance(db, now=datetime.now(UTC))
        return f"ran in {time.perf_counter() - started:.1f} s"
    except Exception as exc:  # the upkeep is measured as a bonus: if it fails, the benchmark goes on
        return f"failed: {type(exc).__name__}: {exc}"
    finally:
        await db.dispose()
