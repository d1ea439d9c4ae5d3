"""Hourly rollups, kept as checks are stored.

Each stored check adds to its hour: one check (maybe a failure), its response time (sum, max,
histogram), and the time since the previous check, counted as up or down by the previous
check's result — a result holds until the next check. Gaps longer than `max_gap` (the site was
paused, or Webmon itself was not running) are counted as neither.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Insert, case
from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.db import dialect_name
from webmon.models.rollup import HISTOGRAM_COLUMNS, RESPONSE_TIME_BUCKETS_MS, HourlyRollup
from webmon.runner.bulk import upsert_rollups_statement, upsert_rows
from webmon.timeslots import HOUR, hour_of

COUNTER_COLUMNS = ("checks", "failures", "up_ms", "down_ms", "rt_count", "rt_sum", *HISTOGRAM_COLUMNS)


def histogram_column(response_time_ms: int) -> str:
    return HISTOGRAM_COLUMNS[bisect_left(RESPONSE_TIME_BUCKETS_MS, response_time_ms)]


class RollupDeltas:
    """What one batch adds to the hourly rollups, merged per (site, hour) before writing."""

    def __init__(self) -> None:
        self._rows: dict[tuple[int, datetime], dict[str, int]] = defaultdict(lambda: defaultdict(int))

    def add_check(
        self,
        website_id: int,
        *,
        at: datetime,
        ok: bool,
        response_time_ms: int | None,
        previous_at: datetime | None,
        previous_ok: bool,
        gap_limit: timedelta,
    ) -> None:
        row = self._rows[(website_id, hour_of(at))]
        row["checks"] += 1
        row["failures"] += 0 if ok else 1
        if response_time_ms is not None:
            row["rt_count"] += 1
            row["rt_sum"] += response_time_ms
            row["rt_max"] = max(row["rt_max"], response_time_ms)
            row[histogram_column(response_time_ms)] += 1
        if previous_at is not None and timedelta(0) < at - previous_at <= gap_limit:
            self.add_span(website_id, previous_at, at, up=previous_ok)

    def add_span(self, website_id: int, start: datetime, end: datetime, *, up: bool) -> None:
        column = "up_ms" if up else "down_ms"
        while start < end:
            boundary = min(hour_of(start) + HOUR, end)
            self._rows[(website_id, hour_of(start))][column] += int((boundary - start).total_seconds() * 1000)
            start = boundary

    def rows(self) -> list[dict[str, Any]]:
        """One row per (site, hour), in key order (one lock order for concurrent writers)."""
        return [
            {"website_id": site, "hour": hour, "rt_max": 0, **{c: 0 for c in COUNTER_COLUMNS}, **values}
            for (site, hour), values in sorted(self._rows.items())
        ]


def _sqlite_upsert() -> Insert:
    statement = sqlite.insert(HourlyRollup)
    table = HourlyRollup.__table__
    current_max = table.c.rt_max
    new_max = statement.excluded.rt_max
    updates: dict[str, Any] = {name: table.c[name] + statement.excluded[name] for name in COUNTER_COLUMNS}
    updates["rt_max"] = case((new_max > current_max, new_max), else_=current_max)
    return statement.on_conflict_do_update(index_elements=["website_id", "hour"], set_=updates)


_ROLLUP_COLUMNS = (
    ("website_id", "integer"),
    ("hour", "timestamptz"),
    *((name, "bigint" if name in {"up_ms", "down_ms", "rt_sum"} else "integer") for name in COUNTER_COLUMNS),
    ("rt_max", "integer"),
)
_UPSERT_POSTGRESQL = upsert_rollups_statement(
    _ROLLUP_COLUMNS, HourlyRollup.__tablename__, ("website_id", "hour"), COUNTER_COLUMNS
)


async def write_rollups(session: AsyncSession, deltas: RollupDeltas) -> None:
    rows = deltas.rows()
    if not rows:
        return
    if dialect_name(session) == "postgresql":
        await upsert_rows(session, _UPSERT_POSTGRESQL, _ROLLUP_COLUMNS, rows)
    else:
        await session.execute(_sqlite_upsert(), rows)
