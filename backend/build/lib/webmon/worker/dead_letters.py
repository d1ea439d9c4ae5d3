"""Tasks that failed for good (after their retries) are kept in Redis to be looked at:
`webmon dead-letters` lists them, /metrics counts them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from redis import Redis

KEY = "webmon:dead_letters"
KEEP = 1000  # the newest; a flood of failures must not fill Redis (it never evicts)


def record(redis: Redis, *, task: str, task_id: str | None, args: Any, error: BaseException) -> None:
    entry = {
        "task": task,
        "id": task_id,
        "args": args,
        "error": f"{type(error).__name__}: {error}"[:1000],
        "failed_at": datetime.now(UTC).isoformat(),
    }
    with redis.pipeline() as pipe:
        pipe.lpush(KEY, json.dumps(entry, default=str))
        pipe.ltrim(KEY, 0, KEEP - 1)
        pipe.execute()


def read(redis: Redis, limit: int = 100) -> list[dict[str, Any]]:
    return [json.loads(raw) for raw in redis.lrange(KEY, 0, limit - 1)]


def clear(redis: Redis) -> int:
    count = redis.llen(KEY)
    redis.delete(KEY)
    return int(count)
