"""Fixed-window counters in the database: one limit shared by every process of an installation.

`webmon serve` has no Redis and the multi-service API runs several processes, but both have the
database. One statement per hit, atomic on PostgreSQL and SQLite alike: an upsert that starts a
new window when the old one has passed, counts the hit while under the limit, and changes nothing
(returns no row) when the limit is reached. Two requests at once cannot both take the last hit:
the second waits for the first's row lock and then sees its count.

A refused hit changes nothing, and a hit made in a transaction that rolls back (the request
failed) is taken back with it.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import case, delete, literal, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.models import RateWindow, UTCDateTime


async def take_hit(
    session: AsyncSession, key: str, *, limit: int, window_seconds: float, now: datetime
) -> float | None:
    """Count one hit of `key`; None when it was under `limit` in the current window, else the
    seconds until the window ends (when a hit will be counted again)."""
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    table = RateWindow.__table__
    now_value = literal(now, UTCDateTime())
    expired = table.c.started_at <= literal(now - timedelta(seconds=window_seconds), UTCDateTime())
    values = insert(RateWindow).values(key=key, started_at=now, hits=1)
    statement = values.on_conflict_do_update(
        index_elements=[table.c.key],
        set_={
            "hits": case((expired, 1), else_=table.c.hits + 1),
            "started_at": case((expired, now_value), else_=table.c.started_at),
        },
        where=expired | (table.c.hits < limit),
    ).returning(table.c.hits)
    if (await session.execute(statement)).first() is not None:
        return None
    started = await session.scalar(select(RateWindow.started_at).where(RateWindow.key == key))
    if started is None:  # deleted meanwhile: the next hit starts a window
        return 1.0
    return max(1.0, math.ceil((started + timedelta(seconds=window_seconds) - now).total_seconds()))


async def forget_old_windows(session: AsyncSession, *, older_than: datetime) -> int:
    """Upkeep: counters whose window started before `older_than` count nothing any more."""
    result = await session.execute(delete(RateWindow).where(RateWindow.started_at < older_than))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
