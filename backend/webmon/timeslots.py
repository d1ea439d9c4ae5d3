"""Time arithmetic that both the write side (`runner/`: rollups, daily upkeep) and the read side
(`stats/`, the websites list) need: hour and day boundaries, and when a gap between two checks
stops counting."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

HOUR = timedelta(hours=1)


def hour_of(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def day_start(moment: datetime) -> datetime:
    return datetime.combine(moment.astimezone(UTC).date(), time(), UTC)


def max_gap(check_interval: int, timeout: int) -> timedelta:
    """Longer than this between two checks, and the time between them counts as unknown."""
    return timedelta(seconds=2 * check_interval + timeout)
