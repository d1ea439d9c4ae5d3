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
    """Counts that only grow, and a few named flags (`mark`): a flag is set with its reason and
    cleared with None; `/health` reports the flags (e.g. STORE_FAILING, set by the pipeline while
    its stores fail)."""

    async def add(self, counts: Mapping[str, int]) -> None: ...
    async def read(self) -> dict[str, int]: ...
    async def mark(self, name: str, reason: str | None) -> None: ...
    async def marks(self) -> dict[str, str]: ...


# The pipeline's last store failed (a full disk, a missing partition...): "<unix time> <reason>".
STORE_FAILING = "store_failing"


class MemoryCounters:
    """One process's counters (`webmon serve`)."""

    def __init__(self) -> None:
        self._values: Counter[str] = Counter()
        self._marks: dict[str, str] = {}

    async def add(self, counts: Mapping[str, int]) -> None:
        self._values.update(counts)

    async def read(self) -> dict[str, int]:
        return dict(self._values)

    async def mark(self, name: str, reason: str | None) -> None:
        if reason is None:
            self._marks.pop(name, None)
        else:
            self._marks[name] = reason

    async def marks(self) -> dict[str, str]:
        return dict(self._marks)


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

    async def mark(self, name: str, reason: str | None) -> None:
        if reason is None:
            await self._redis.hdel(f"{self._key}:marks", name)
        else:
            await self._redis.hset(f"{self._key}:marks", name, reason)

    async def marks(self) -> dict[str, str]:
        raw = await self._redis.hgetall(f"{self._key}:marks")
        return {
            (k.decode() if isinstance(k, bytes) else k): (v.decode() if isinstance(v, bytes) else v)
            for k, v in raw.items()
        }
