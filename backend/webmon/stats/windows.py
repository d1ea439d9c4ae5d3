"""Pure arithmetic over rollup totals: time-weighted uptime and p95 from the histogram."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from webmon.models.rollup import HISTOGRAM_COLUMNS, RESPONSE_TIME_BUCKETS_MS
from webmon.uptime import open_span_ms, uptime_percent

WindowName = Literal["24h", "7d", "30d", "1y"]
WINDOWS: dict[str, timedelta] = {
    "24h": timedelta(hours=24),
    "7d": timedelta(days=7),
    "30d": timedelta(days=30),
    "1y": timedelta(days=365),
}


@dataclass
class Totals:
    checks: int = 0
    failures: int = 0
    up_ms: int = 0
    down_ms: int = 0
    rt_count: int = 0
    rt_sum: int = 0
    rt_max: int = 0
    histogram: list[int] = field(default_factory=lambda: [0] * len(HISTOGRAM_COLUMNS))

    @classmethod
    def from_row(cls, row: Any) -> Totals:
        mapping = row._mapping
        return cls(
            checks=int(mapping["checks"] or 0),
            failures=int(mapping["failures"] or 0),
            up_ms=int(mapping["up_ms"] or 0),
            down_ms=int(mapping["down_ms"] or 0),
            rt_count=int(mapping["rt_count"] or 0),
            rt_sum=int(mapping["rt_sum"] or 0),
            rt_max=int(mapping["rt_max"] or 0),
            histogram=[int(mapping[name] or 0) for name in HISTOGRAM_COLUMNS],
        )

    def __add__(self, other: Totals) -> Totals:
        return Totals(
            checks=self.checks + other.checks,
            failures=self.failures + other.failures,
            up_ms=self.up_ms + other.up_ms,
            down_ms=self.down_ms + other.down_ms,
            rt_count=self.rt_count + other.rt_count,
            rt_sum=self.rt_sum + other.rt_sum,
            rt_max=max(self.rt_max, other.rt_max),
            histogram=[a + b for a, b in zip(self.histogram, other.histogram, strict=True)],
        )

    def add_open_span(
        self,
        *,
        last_check: datetime | None,
        consecutive_failures: int,
        check_interval: int,
        timeout: int,
        now: datetime,
    ) -> None:
        """The time since the site's last check counts by that check's result (if recent)."""
        span = open_span_ms(last_check, check_interval, timeout, now)
        if consecutive_failures == 0:
            self.up_ms += span
        else:
            self.down_ms += span

    @property
    def uptime_percent(self) -> float | None:
        return uptime_percent(self.up_ms, self.down_ms)

    @property
    def avg_response_time(self) -> float | None:
        return round(self.rt_sum / self.rt_count, 1) if self.rt_count else None

    def percentile(self, fraction: float) -> float | None:
        """From the histogram, interpolating inside the bucket; never above the largest seen."""
        if not self.rt_count:
            return None
        rank = fraction * self.rt_count
        seen = 0
        for index, count in enumerate(self.histogram):
            if count and seen + count >= rank:
                lower = RESPONSE_TIME_BUCKETS_MS[index - 1] if index else 0
                upper = RESPONSE_TIME_BUCKETS_MS[index] if index < len(RESPONSE_TIME_BUCKETS_MS) else self.rt_max
                value = lower + (upper - lower) * (rank - seen) / count
                return round(min(value, self.rt_max), 1)
            seen += count
        return float(self.rt_max)
