"""Daily partitions of `website_checks` on PostgreSQL.

Each UTC day is its own table, `website_checks_pYYYYMMDD`. Partitions are made a week ahead (by
`webmon migrate`, at worker and `serve` start, and hourly), so a check always has somewhere to go;
retention drops whole days, which costs nothing compared with deleting millions of rows.

A check whose day has no partition (upkeep stopped for over a week, a clock step) lands in the
DEFAULT partition, `website_checks_default`, rather than failing its whole batch. Making that
day's partition later moves those rows into it (PostgreSQL refuses to create a partition whose
rows sit in DEFAULT), and `/health` says degraded while rows are there (`partition_problems`).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

PARENT = "website_checks"
DEFAULT = f"{PARENT}_default"
DAYS_AHEAD = 7
_NAME = re.compile(rf"^{PARENT}_p(\d{{8}})$")


def partition_name(day: date) -> str:
    return f"{PARENT}_p{day:%Y%m%d}"


def _bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(), UTC)
    return start, start + timedelta(days=1)


def create_partition_sql(day: date) -> str:
    start, end = _bounds(day)
    return (
        f'CREATE TABLE IF NOT EXISTS "{partition_name(day)}" PARTITION OF {PARENT} '
        f"FOR VALUES FROM ('{start.isoformat()}') TO ('{end.isoformat()}')"
    )


async def _has_default(connection: AsyncConnection) -> bool:
    found = await connection.execute(text("SELECT to_regclass(:name) IS NOT NULL"), {"name": DEFAULT})
    return bool(found.scalar_one())


async def create_partition(connection: AsyncConnection, day: date) -> int:
    """Make `day`'s partition, first moving that day's rows out of DEFAULT (returns how many).
    DEFAULT is locked against new rows meanwhile, so none can slip in between."""
    start, end = _bounds(day)
    if not await _has_default(connection):
        await connection.execute(text(create_partition_sql(day)))
        return 0
    await connection.execute(text(f"LOCK TABLE {DEFAULT} IN SHARE ROW EXCLUSIVE MODE"))
    waiting = (
        await connection.execute(
            text(f"SELECT EXISTS (SELECT 1 FROM {DEFAULT} WHERE checked_at >= :start AND checked_at < :end)"),
            {"start": start, "end": end},
        )
    ).scalar_one()
    if not waiting:
        await connection.execute(text(create_partition_sql(day)))
        return 0
    await connection.execute(text(f"CREATE TEMPORARY TABLE _webmon_moving (LIKE {PARENT}) ON COMMIT DROP"))
    await connection.execute(
        text(
            f"WITH moved AS (DELETE FROM {DEFAULT} WHERE checked_at >= :start AND checked_at < :end RETURNING *) "
            "INSERT INTO _webmon_moving SELECT * FROM moved"
        ),
        {"start": start, "end": end},
    )
    await connection.execute(text(create_partition_sql(day)))
    moved = await connection.execute(text(f"INSERT INTO {PARENT} SELECT * FROM _webmon_moving"))
    await connection.execute(text("DROP TABLE _webmon_moving"))
    return moved.rowcount or 0


async def partition_problems(connection: AsyncConnection, *, today: date) -> list[str]:
    """Why checks are not going where they should, for `/health` (empty when all is well)."""
    problems = []
    if today not in await existing_partitions(connection):
        problems.append(f"today's partition of {PARENT} ({partition_name(today)}) is missing")
    if await _has_default(connection):
        if (await connection.execute(text(f"SELECT EXISTS (SELECT 1 FROM {DEFAULT})"))).scalar_one():
            problems.append(f"checks are landing in {DEFAULT}: upkeep will move them when it makes their day")
    else:
        problems.append(f"{DEFAULT} is missing: run `webmon migrate`")
    return problems


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
    """Create the partitions from `today` to `today + days_ahead` that are missing, and those of
    earlier days that have rows waiting in DEFAULT (a clock that stepped back, upkeep that
    stopped): each day gets its rows back."""
    have = await existing_partitions(connection)
    days = {today + timedelta(days=offset) for offset in range(days_ahead + 1)}
    if await _has_default(connection):
        rows = await connection.execute(
            text(f"SELECT DISTINCT CAST(timezone('UTC', checked_at) AS date) FROM {DEFAULT}")
        )
        days.update(day for (day,) in rows)
    made = []
    for day in sorted(days - set(have)):
        await create_partition(connection, day)
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
    """Drop every day strictly before `cutoff` (all its checks are past retention), and delete
    such checks from DEFAULT too."""
    if await _has_default(connection):
        cutoff_at = datetime.combine(cutoff, time(), UTC)
        await connection.execute(text(f"DELETE FROM {DEFAULT} WHERE checked_at < :cutoff"), {"cutoff": cutoff_at})
    dropped = []
    for day, name in sorted((await existing_partitions(connection)).items()):
        if day < cutoff:
            await connection.execute(text(f'DROP TABLE IF EXISTS "{name}"'))
            dropped.append(name)
    return dropped
