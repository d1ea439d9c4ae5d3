"""Clocks for tests. TODAY: a fixed moment for tests that store checks; it falls on the day the
tests run, because on PostgreSQL checks live in daily partitions made from today on (see
runner/partitions.py). SteppingClock: the wall clock, stepped at will."""

from datetime import UTC, datetime, time, timedelta

TODAY = datetime.combine(datetime.now(UTC).date(), time(), UTC)


class SteppingClock:
    """The real wall clock, which a test can step forward or back (as NTP or an admin would)."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def step(self, by: timedelta) -> None:
        self.offset += by
