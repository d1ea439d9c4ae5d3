"""Stats, series, sparklines and the dashboard's counts for one owner's sites."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.models import DailyRollup, HourlyRollup, Website, WebsiteCheck
from webmon.models.rollup import HISTOGRAM_COLUMNS
from webmon.stats.windows import WINDOWS, Totals
from webmon.timeslots import day_start, hour_of
from webmon.vocabulary import PAUSED, SiteStatus

_SUMMED = ("checks", "failures", "up_ms", "down_ms", "rt_count", "rt_sum", *HISTOGRAM_COLUMNS)
SERIES_BUCKETS = {
    "1h": timedelta(minutes=1),
    "24h": timedelta(minutes=10),
    "7d": timedelta(hours=1),
    "30d": timedelta(hours=6),
    "90d": timedelta(days=1),
    "1y": timedelta(days=1),
}
SERIES_SPANS = WINDOWS | {"1h": timedelta(hours=1), "90d": timedelta(days=90)}
_RAW_SERIES = frozenset({"1h", "24h"})  # short ranges read raw checks; the rest read rollups
_DAILY_SERIES = frozenset({"90d", "1y"})  # by the day: the daily rollups before today


async def _summed(
    session: AsyncSession, website_id: int, *, since: datetime, until: datetime | None = None, daily: bool = False
) -> Totals:
    table = (DailyRollup if daily else HourlyRollup).__table__
    start = table.c.day if daily else table.c.hour
    conditions = [table.c.website_id == website_id, start >= since]
    if until is not None:
        conditions.append(start < until)
    sums = [func.sum(table.c[name]).label(name) for name in _SUMMED] + [func.max(table.c.rt_max).label("rt_max")]
    return Totals.from_row((await session.execute(select(*sums).where(*conditions))).one())


async def window_totals(session: AsyncSession, website: Website, *, window: str, now: datetime) -> Totals:
    """Hourly rollups for up to 30 days; a year is its days (daily rollups, before today) plus
    today's hours."""
    since = now - WINDOWS[window]
    if window == "1y":
        today = day_start(now)
        days = await _summed(session, website.id, since=day_start(since), until=today, daily=True)
        totals = days + await _summed(session, website.id, since=today)
    else:
        totals = await _summed(session, website.id, since=hour_of(since))
    totals.add_open_span(
        last_check=website.last_check,
        consecutive_failures=website.consecutive_failures,
        check_interval=website.check_interval,
        timeout=website.timeout,
        now=now,
    )
    return totals


def stats_body(window: str, totals: Totals) -> dict[str, Any]:
    return {
        "window": window,
        "uptime_percent": totals.uptime_percent,
        "checks": totals.checks,
        "failed_checks": totals.failures,
        "avg_response_time": totals.avg_response_time,
        "p95_response_time": totals.percentile(0.95),
        "downtime_seconds": round(totals.down_ms / 1000),
    }


async def series(session: AsyncSession, website_id: int, *, window: str, now: datetime) -> dict[str, Any]:
    bucket = SERIES_BUCKETS[window]
    start = _floor(now - SERIES_SPANS[window], bucket)
    points: dict[datetime, dict[str, Any]] = {}
    t = start
    while t <= now:
        points[t] = {
            "t": t,
            "avg_response_time": None,
            "max_response_time": None,
            "up": 0,
            "down": 0,
            "_sum": 0,
            "_n": 0,
        }
        t += bucket
    if window in _RAW_SERIES:
        rows = await session.execute(
            select(WebsiteCheck.checked_at, WebsiteCheck.status, WebsiteCheck.response_time).where(
                WebsiteCheck.website_id == website_id, WebsiteCheck.checked_at >= start
            )
        )
        for checked_at, status, response_time in rows:
            point = points.get(_floor(checked_at, bucket))
            if point is not None:
                _add(
                    point,
                    up=int(status == "up"),
                    down=int(status != "up"),
                    rt_sum=response_time or 0,
                    rt_n=int(response_time is not None),
                    rt_max=response_time,
                )
    else:
        # 90 days and a year read their days before today from the daily rollups, and today from the hours.
        today = day_start(now)
        spans: list[tuple[type[HourlyRollup] | type[DailyRollup], datetime, datetime | None]] = (
            [(DailyRollup, start, today), (HourlyRollup, today, None)]
            if window in _DAILY_SERIES
            else [(HourlyRollup, start, None)]
        )
        for model, since, until in spans:
            for moment, checks, failures, rt_sum, rt_count, rt_max in await _rollup_rows(
                session, model, website_id, since, until
            ):
                point = points.get(_floor(moment, bucket))
                if point is not None:
                    _add(
                        point,
                        up=checks - failures,
                        down=failures,
                        rt_sum=rt_sum,
                        rt_n=rt_count,
                        rt_max=rt_max if rt_count else None,
                    )
    return {
        "window": window,
        "bucket_seconds": int(bucket.total_seconds()),
        "points": [_finish(point) for point in points.values()],
    }


async def _rollup_rows(
    session: AsyncSession,
    model: type[HourlyRollup] | type[DailyRollup],
    website_id: int,
    since: datetime,
    until: datetime | None,
) -> list[Any]:
    table = model.__table__
    start = table.c.day if model is DailyRollup else table.c.hour
    conditions = [table.c.website_id == website_id, start >= since]
    if until is not None:
        conditions.append(start < until)
    query = select(start, table.c.checks, table.c.failures, table.c.rt_sum, table.c.rt_count, table.c.rt_max)
    return list(await session.execute(query.where(*conditions)))


async def sparklines(
    session: AsyncSession, *, user_id: int, ids: Sequence[int], now: datetime
) -> dict[str, list[dict[str, Any]]]:
    """The last 24 hours of each of these sites (the caller's only), one point per hour."""
    start = hour_of(now - timedelta(hours=23))
    hours = [start + timedelta(hours=n) for n in range(24)]
    rows = await session.execute(
        select(
            HourlyRollup.website_id,
            HourlyRollup.hour,
            HourlyRollup.checks,
            HourlyRollup.failures,
            HourlyRollup.rt_sum,
            HourlyRollup.rt_count,
        )
        .join(Website, and_(Website.id == HourlyRollup.website_id, Website.user_id == user_id))
        .where(HourlyRollup.website_id.in_(ids), HourlyRollup.hour >= start)
    )
    owned = await session.scalars(select(Website.id).where(Website.id.in_(ids), Website.user_id == user_id))
    lines = {site_id: {hour: _empty_hour(hour) for hour in hours} for site_id in owned}
    for site_id, hour, checks, failures, rt_sum, rt_count in rows:
        point = lines[site_id].get(hour)
        if point is not None:
            point.update(
                up=checks - failures, down=failures, avg_response_time=round(rt_sum / rt_count, 1) if rt_count else None
            )
    return {str(site_id): list(points.values()) for site_id, points in lines.items()}


async def summary(session: AsyncSession, *, user_id: int) -> dict[str, int]:
    rows = await session.execute(
        select(Website.status, Website.is_active, func.count())
        .where(Website.user_id == user_id)
        .group_by(Website.status, Website.is_active)
    )
    counts = {"total": 0} | {status.value: 0 for status in SiteStatus} | {PAUSED: 0}
    for status, active, count in rows:
        counts["total"] += count
        counts[status if active else PAUSED] += count
    return counts


def _empty_hour(hour: datetime) -> dict[str, Any]:
    return {"t": hour, "avg_response_time": None, "up": 0, "down": 0}


def _floor(moment: datetime, bucket: timedelta) -> datetime:
    seconds = int(bucket.total_seconds())
    epoch = int(moment.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=moment.tzinfo)


def _add(point: dict[str, Any], *, up: int, down: int, rt_sum: int, rt_n: int, rt_max: int | None) -> None:
    point["up"] += up
    point["down"] += down
    point["_sum"] += rt_sum
    point["_n"] += rt_n
    if rt_max is not None and (point["max_response_time"] is None or rt_max > point["max_response_time"]):
        point["max_response_time"] = rt_max


def _finish(point: dict[str, Any]) -> dict[str, Any]:
    total, count = point.pop("_sum"), point.pop("_n")
    point["avg_response_time"] = round(total / count, 1) if count else None
    return point
