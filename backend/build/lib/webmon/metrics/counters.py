from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Protocol

from redis.asyncio import Redis

DURATION_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)
LAG_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 60.0)
REDIS_KEY = "webmon:metrics"


def _bucket(buckets: tuple[float, ...], value: float) -> str:
    index = bisect_left(buckets, value)
    return str(buckets[index]) if index < len(buckets) else "+Inf"


def check_counts(checks: Iterable[tuple[bool, float, float]]) -> Counter[str]:
    """(ok, duration s, lag s) per check -> counter fields. Histograms keep per-bucket counts;
    the exposition makes them cumulative."""
    counts: Counter[str] = Counter()
    for ok, duration, lag in checks:
        counts["checks"] += 1
        counts["checks_failed"] += 0 if ok else 1
        counts[f"duration:{_bucket(DURATION_BUCKETS, duration)}"] += 1
        counts["duration_sum_ms"] += int(duration * 1000)
        counts[f"lag:{_bucket(LAG_BUCKETS, lag)}"] += 1
        counts["lag_sum_ms"] += int(lag * 1000)
    return counts


class Counters(Protocol):
    async def add(self, counts: Mapping[str, int]) -> None: ...
    async def read(self) -> dict[str, int]: ...


class MemoryCounters:
    """One process's counters (`webmon serve`)."""

    def __init__(self) -> None:
        self._values: Counter[str] = Counter()

    async def add(self, counts: Mapping[str, int]) -> None:
        self._values.update(counts)

    async def read(self) -> dict[str, int]:
        return dict(self._values)


class RedisCounters:
    """Counters every worker adds to and every API process reads (the multi-service mode)."""

    def __init__(self, redis: Redis, key: str = REDIS_KEY) -> None:
        self._redis = redis
        self._key = key

    async def add(self, counts: Mapping[str, int]) -> None:
        if not counts:
            return
        async with self._redis.pipeline(transaction=False) as pipe:
            for field, amount in counts.items():
                pipe.hincrby(self._key, field, amount)
            await pipe.execute()

    async def read(self) -> dict[str, int]:
        raw = await self._redis.hgetall(self._key)
        return {(k.decode() if isinstance(k, bytes) else k): int(v) for k, v in raw.items()}
