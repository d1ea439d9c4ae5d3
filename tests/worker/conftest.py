from __future__ import annotations

import pytest

from tests.services import REDIS_URL, service_missing


@pytest.fixture
def redis_url() -> str:
    """The shared Redis, database 14, emptied: the workers' broker in these tests."""
    import redis

    url = REDIS_URL.rsplit("/", 1)[0] + "/14"
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        client.flushdb()
        client.close()
    except redis.RedisError as exc:
        service_missing(f"Redis at {url}", exc)
    return url
