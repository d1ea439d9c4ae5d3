"""Time-weighted uptime, shared by the stats read side and the websites list: the time since a
site's last check, the percentage, and the list query's 24 h columns over `uptime_24h_base`."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from webmon.models import HourlyRollup, UptimeBase, Website
from webmon.timeslots import hour_of, max_gap

UPTIME_BASE = UptimeBase.__table__
DAY = timedelta(hours=24)


def open_span_ms(last_check: datetime | None, check_interval: int, timeout: int, now: datetime) -> int:
    """Milliseconds since the last check that still count (a gap past max_gap is unknown time)."""
    if last_check is None:
        return 0
    elapsed = now - last_check
    if timedelta(0) < elapsed <= max_gap(check_interval, timeout):
        return int(elapsed.total_seconds() * 1000)
    return 0


def uptime_percent(up_ms: int, down_ms: int) -> float | None:
    observed = up_ms + down_ms
    return round(100 * up_ms / observed, 3) if observed else None


def uptime_24h_since(now: datetime) -> datetime:
    """The start of the 24 h window, for `uptime_24h_columns`' `window_start` parameter."""
    return hour_of(now - DAY)


def uptime_24h_columns(window_start: Any) -> tuple[Any, Any]:
    """A list row's 24 h up and down milliseconds, for the list query (joined to UPTIME_BASE):
    the sums the hourly upkeep keeps in `uptime_24h_base`, plus the hours since (normally just the
    current one). A site without a base row is summed from `window_start`. One round trip
    returns the page with its uptimes."""
    hourly = HourlyRollup.__table__
    since = func.coalesce(UPTIME_BASE.c.until, window_start)

    def summed(column: str) -> Any:
        recent = (
            select(func.coalesce(func.sum(hourly.c[column]), 0))
            .where(hourly.c.website_id == Website.__table__.c.id, hourly.c.hour >= since)
            .scalar_subquery()
        )
        return (func.coalesce(UPTIME_BASE.c[column], 0) + recent).label(f"_{column}")

    return summed("up_ms"), summed("down_ms")


def uptime_24h(row: dict[str, Any], *, now: datetime) -> float | None:
    """Finish a list row's 24 h uptime: the rollups' sums plus the time since its last check."""
    up, down = int(row.pop("_up_ms")), int(row.pop("_down_ms"))
    span = open_span_ms(row["last_check"], row["check_interval"], row["timeout"], now)
    if row["consecutive_failures"] == 0:
        up += span
    else:
        down += span
    return uptime_percent(up, down)
