"""Retention, daily at 02:00 server time: raw checks older than WEBMON_CHECK_RETENTION_DAYS go
(PostgreSQL drops whole daily partitions; SQLite deletes in chunks), hourly rollups after
HOURLY_ROLLUP_DAYS, daily rollups and alert history after HISTORY_DAYS.

A clock that jumps forward must not make it delete what it should keep: a jump past the
retention period would otherwise take every raw check. So a cleanup that would delete checks
across a stretch as long as the retention period with no checks at all (the checks it would
delete are all older than that stretch) deletes nothing and warns: the clock has jumped, or
nothing was checked for that long. Once the window has moved past the stretch (there are a
retention period's worth of checks since), the cleanup goes on."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Executable, bindparam, delete, exists, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.db import Database
from webmon.models import DailyRollup, HourlyRollup, Notification, StateChange, UTCDateTime, WebsiteCheck
from webmon.runner.partitions import drop_partitions_before, rebuild_partition_index

log = logging.getLogger("webmon.retention")

CLEANUP_AT = time(2, 0)  # server local time
DELETE_CHUNK = 5000
HOURLY_ROLLUP_DAYS = 90  # long enough for the 30-day window with room to spare
HISTORY_DAYS = 400  # daily rollups (the 1-year window) and alert history


_SQLITE_DELETE_CHUNK = text(
    "DELETE FROM website_checks WHERE rowid IN (SELECT rowid FROM website_checks WHERE checked_at < :cutoff LIMIT :chunk)"
).bindparams(bindparam("cutoff", type_=UTCDateTime))


@dataclass(frozen=True, slots=True)
class Removed:
    checks: int  # rows (SQLite) or days (PostgreSQL partitions)
    hourly_rollups: int
    old_history: int
    refused: bool = False  # nothing deleted: the clock looks to have jumped forward (see above)


async def delete_old_checks(db: Database, *, older_than: datetime, chunk_size: int = DELETE_CHUNK) -> int:
    """PostgreSQL: drop every daily partition entirely older than the cutoff (returns days).
    SQLite: delete in small transactions, so checks keep being written meanwhile (returns rows)."""
    if db.engine.dialect.name == "postgresql":
        async with db.engine.begin() as connection:
            # A day is dropped only when all of it is past the cutoff.
            return len(await drop_partitions_before(connection, cutoff=older_than.astimezone(UTC).date()))
    removed = 0
    while True:
        async with db.session_scope() as session:
            deleted = cast(
                "CursorResult[Any]",
                await session.execute(_SQLITE_DELETE_CHUNK, {"cutoff": older_than, "chunk": chunk_size}),
            ).rowcount
        removed += deleted or 0
        if (deleted or 0) < chunk_size:
            return removed
        await asyncio.sleep(0)  # let the checks' own writes in between chunks


async def jumped_over_a_gap(db: Database, *, cutoff: datetime, window: timedelta) -> bool:
    """Would deleting checks before `cutoff` delete across `window` of no checks at all? Two
    EXISTS probes (LIMIT 1; on PostgreSQL only the partitions in range are read)."""
    async with db.sessions() as session:
        older = await session.scalar(select(exists().where(WebsiteCheck.checked_at < cutoff)))
        if not older:
            return False
        just_before = exists().where(WebsiteCheck.checked_at >= cutoff - window, WebsiteCheck.checked_at < cutoff)
        return not await session.scalar(select(just_before))


async def apply_retention(db: Database, *, now: datetime, check_retention_days: int) -> Removed:
    window = timedelta(days=check_retention_days)
    if await jumped_over_a_gap(db, cutoff=now - window, window=window):
        log.warning(
            "retention: nothing deleted. No check was stored in the %d days before the cutoff %s, though "
            "older ones were: the clock has jumped forward (now reads %s), or nothing was checked for "
            "that long. The cleanup goes on once %d days of checks are stored since.",
            check_retention_days,
            (now - window).isoformat(timespec="seconds"),
            now.isoformat(timespec="seconds"),
            check_retention_days,
        )
        return Removed(checks=0, hourly_rollups=0, old_history=0, refused=True)
    checks = await delete_old_checks(db, older_than=now - window)
    if db.engine.dialect.name == "postgresql":
        await rebuild_partition_index(db.engine, day=(now.astimezone(UTC) - timedelta(days=1)).date())
    async with db.session_scope() as session:
        hourly = await _delete(
            session, delete(HourlyRollup).where(HourlyRollup.hour < now - timedelta(days=HOURLY_ROLLUP_DAYS))
        )
        history_cutoff = now - timedelta(days=HISTORY_DAYS)
        daily = await _delete(session, delete(DailyRollup).where(DailyRollup.day < history_cutoff))
        notifications = await _delete(session, delete(Notification).where(Notification.created_at < history_cutoff))
        changes = await _delete(
            session,
            delete(StateChange).where(
                StateChange.at < history_cutoff, StateChange.delivery.notin_(("pending", "sending"))
            ),
        )
    return Removed(checks=checks, hourly_rollups=hourly, old_history=daily + notifications + changes)


async def _delete(session: AsyncSession, statement: Executable) -> int:
    """Run a DELETE; how many rows it removed (a DML statement's result is a cursor result)."""
    result = cast("CursorResult[Any]", await session.execute(statement))
    return result.rowcount or 0


def next_cleanup_after(moment: datetime) -> datetime:
    """The next 02:00 in the server's local time zone after `moment` (an aware datetime)."""
    local = moment.astimezone()
    candidate = local.replace(hour=CLEANUP_AT.hour, minute=CLEANUP_AT.minute, second=0, microsecond=0)
    if candidate <= local:
        candidate = (candidate + timedelta(days=1)).replace(hour=CLEANUP_AT.hour, minute=CLEANUP_AT.minute)
    return candidate
