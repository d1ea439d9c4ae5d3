"""Exact scheduler lags: every stored check against the slot it was due in."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile of sorted-or-not values (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


EARLY_TOLERANCE_MS = 1000  # a check that starts this much before its slot counts as on time (lag 0)


class SlotGrid:
    """Every site's slots are `offset + k * interval` (runner/scheduling.py). A stored check's
    `checked_at` is when it started, so its lag behind its slot is exact, to the millisecond,
    without storing the slot: (checked_at - offset) mod interval. A check that is not on its
    grid (a catch-up after an outage) shows up as a large lag, which is what "off schedule" is."""

    def __init__(self, interval_s: int) -> None:
        from webmon.runner.scheduling import phase_offset_ms

        self.period = interval_s * 1000
        self.interval = interval_s
        self._offset = phase_offset_ms
        self._cache: dict[int, int] = {}

    def offset(self, site_id: int) -> int:
        value = self._cache.get(site_id)
        if value is None:
            value = self._cache[site_id] = self._offset(site_id, self.interval)
        return value

    def slot_index_and_lag(self, site_id: int, checked_ms: int) -> tuple[int, int]:
        shifted = checked_ms - self.offset(site_id) + EARLY_TOLERANCE_MS
        k = shifted // self.period
        lag = shifted - k * self.period - EARLY_TOLERANCE_MS
        return k, max(0, lag)

    def slots_between(self, site_id: int, start_ms: int, end_ms: int) -> range:
        """Indices k of the site's slots with start <= slot < end."""
        off = self.offset(site_id)
        first = -((off - start_ms) // self.period)  # ceil((start - off) / period)
        last = -((off - end_ms) // self.period)
        return range(first, last)


@dataclass
class LagReport:
    checks: int
    p50_ms: float | None
    p90_ms: float | None
    p99_ms: float | None
    max_ms: float | None
    over_2s: int
    expected_slots: int
    missed_slots: int
    duplicate_slots: int

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def lag_report(
    grid: SlotGrid,
    checks: Iterable[tuple[int, int]],
    *,
    sites: Iterable[int],
    start_ms: int,
    end_ms: int,
    margin_ms: int,
) -> LagReport:
    """Lags of the checks (site id, checked_at ms) that started in [start, end), and how many of
    the slots in [start, end - margin) got no check (missed) or more than one (duplicates)."""
    lags = []
    seen: Counter[tuple[int, int]] = Counter()
    for site_id, checked_ms in checks:
        if not start_ms <= checked_ms < end_ms:
            continue
        k, lag = grid.slot_index_and_lag(site_id, checked_ms)
        lags.append(lag)
        seen[(site_id, k)] += 1
    expected = missed = 0
    # Slots in the first EARLY_TOLERANCE_MS of the window are not counted: their check may have
    # started a little before the slot, so before the window, and would look missed.
    for site_id in sites:
        for k in grid.slots_between(site_id, start_ms + EARLY_TOLERANCE_MS, end_ms - margin_ms):
            expected += 1
            if (site_id, k) not in seen:
                missed += 1
    lags.sort()
    return LagReport(
        checks=len(lags),
        p50_ms=percentile(lags, 50),
        p90_ms=percentile(lags, 90),
        p99_ms=percentile(lags, 99),
        max_ms=lags[-1] if lags else None,
        over_2s=sum(1 for lag in lags if lag > 2000),
        expected_slots=expected,
        missed_slots=missed,
        duplicate_slots=sum(n - 1 for n in seen.values() if n > 1),
    )


def histogram_quantile(buckets: list[tuple[float, float]], q: float) -> float | None:
    """Prometheus-style quantile from cumulative (upper bound, count) pairs; linear within a bucket."""
    if not buckets or buckets[-1][1] <= 0:
        return None
    total = buckets[-1][1]
    rank = q * total
    previous_bound, previous_count = 0.0, 0.0
    for bound, count in buckets:
        if count >= rank:
            if math.isinf(bound):
                return previous_bound
            if count == previous_count:
                return bound
            return previous_bound + (bound - previous_bound) * (rank - previous_count) / (count - previous_count)
        previous_bound, previous_count = bound, count
    return None


def parse_metrics(text: str) -> dict[str, Any]:
    from prometheus_client.parser import text_string_to_metric_families

    values: dict[str, Any] = {}
    buckets: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name.endswith("_bucket"):
                buckets[sample.name[: -len("_bucket")]].append((float(sample.labels["le"]), sample.value))
            else:
                key = sample.name + "".join(f"{{{k}={v}}}" for k, v in sorted(sample.labels.items()))
                values[key] = sample.value
    values["_buckets"] = {name: sorted(pairs) for name, pairs in buckets.items()}
    return values


def bucket_delta(before: list[tuple[float, float]], after: list[tuple[float, float]]) -> list[tuple[float, float]]:
    old = dict(before)
    return [(bound, count - old.get(bound, 0.0)) for bound, count in after]
