"""Daily partitions of `website_checks` on PostgreSQL.

Each UTC day is its own table, `website_checks_pYYYYMMDD`. Partitions are made a week ahead (by
`webmon migrate`, at worker and `serve` start, and hourly), so a check always has somewhere to go;
retention drops whole days, which costs nothing compared with deleting millions of rows.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

PARENT = "website_checks"
DAYS_AHEAD = 7
_NAME = re.compile(rf"^{PARENT}_p(\d{{8}})$")


def partition_name(day: date) -> str:
    return f"{PARENT}_p{day:%Y%m%d}"


def create_partition_sql(day: date) -> str:
    start = datetime.combine(day, time(), UTC)
    end = start + timedelta(days=1)
    return (
        f'CREATE TABLE IF NOT EXISTS "{partition_name(day)}" PARTITION OF {PARENT} '
        f"FOR VALUES FROM ('{start.isoformat()}') TO ('{end.isoformat()}')"
    )


async def existing_partitions(connection: AsyncConnection) -> dict[date, str]:
    rows = await connection.execute(
        text(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = CAST(:parent AS regclass)"
        ),
        {"parent": PARENT},
    )
    found: dict[date, str] = {}
    for (name,) in rows:
        match = _NAME.match(name)
        if match:
            found[datetime.strptime(match.group(1), "%Y%m%d").date()] = name
    return found


async def ensure_partitions(connection: AsyncConnection, *, today: date, days_ahead: int = DAYS_AHEAD) -> list[str]:
    """Create the partitions from `today` to `today + days_ahead` that are missing."""
    have = await existing_partitions(connection)
    made = []
    for offset in range(days_ahead + 1):
        day = today + timedelta(days=offset)
        if day not in have:
            await connection.execute(text(create_partition_sql(day)))
            made.append(partition_name(day))
    return made


async def rebuild_partition_index(engine: AsyncEngine, *, day: date) -> bool:
    """Rebuild a finished day's index. Written in the order checks arrive (every site at once),
    the index ends up with half-empty pages; rebuilt it takes about 7 instead of 11.5 bytes a
    check (bench/README.md, storage). CONCURRENTLY: the day stays readable meanwhile, which also
    means it cannot run inside a transaction."""
    async with engine.connect() as connection:
        autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
        if day not in await existing_partitions(autocommit):
            return False
        await autocommit.execute(text(f'REINDEX TABLE CONCURRENTLY "{partition_name(day)}"'))
    return True


async def drop_partitions_before(connection: AsyncConnection, *, cutoff: date) -> list[str]:
    """Drop every day strictly before `cutoff` (all its checks are past retention)."""
    dropped = []
    for day, name in sorted((await existing_partitions(connection)).items()):
        if day < cutoff:
            await connection.execute(text(f'DROP TABLE IF EXISTS "{name}"'))
            dropped.append(name)
    return dropped
