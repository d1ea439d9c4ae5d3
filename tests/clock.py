"""Fixed moments for tests that store checks. They fall on the day the tests run, because on
PostgreSQL checks live in daily partitions made from today on (see runner/partitions.py)."""

from datetime import UTC, datetime, time

TODAY = datetime.combine(datetime.now(UTC).date(), time(), UTC)
