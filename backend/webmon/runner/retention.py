"""Retention: raw check rows older than WEBMON_CHECK_RETENTION_DAYS are removed daily at 02:00."""

from __future__ import annotations

import asyncio
from datetime import datetime, time, timedelta

from sqlalchemy import delete, select

from webmon.db import Database
from webmon.models import WebsiteCheck

CLEANUP_AT = time(2, 0)  # server local time, as the contract says
DELETE_CHUNK = 5000


async def delete_old_checks(db: Database, *, older_than: datetime, chunk_size: int = DELETE_CHUNK) -> int:
    """Delete in small transactions, so neither PostgreSQL nor SQLite holds a long lock while
    checks keep being written. Returns how many rows went."""
    removed = 0
    while True:
        async with db.session_scope() as session:
            oldest = (
                select(WebsiteCheck.id).where(WebsiteCheck.checked_at < older_than).limit(chunk_size).scalar_subquery()
            )
            result = await session.execute(delete(WebsiteCheck).where(WebsiteCheck.id.in_(oldest)))
        removed += result.rowcount or 0
        if (result.rowcount or 0) < chunk_size:
            return removed
        await asyncio.sleep(0)  # let the checks' own writes in between chunks


def next_cleanup_after(moment: datetime) -> datetime:
    """The next 02:00 in the server's local time zone after `moment` (an aware datetime)."""
    local = moment.astimezone()
    candidate = local.replace(hour=CLEANUP_AT.hour, minute=CLEANUP_AT.minute, second=0, microsecond=0)
    if candidate <= local:
        candidate = (candidate + timedelta(days=1)).replace(hour=CLEANUP_AT.hour, minute=CLEANUP_AT.minute)
    return candidate
