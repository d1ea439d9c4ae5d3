"""The bare handler api_bench.py compares Webmon's list endpoint with: a minimal ASGI app (no
framework, no ORM) that does what any such endpoint must do and nothing else.

    GET /api/v1/websites?limit=100[&offset=0] with `Authorization: Bearer <JWT>`
    -> verify the JWT (PyJWT, HS256, the same secret), ONE asyncpg query for the same columns of
       the same user's sites in the same order, orjson of the rows.

Not: the 24 h uptime per row, the total count, the user lookup, the security headers. Those are
what the product adds over the floor; the ratio says what they and the framework cost.

    BENCH_DSN=postgresql://... BENCH_SECRET=... uvicorn bare_api:app --workers 2 --loop uvloop
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import parse_qs

import asyncpg
import jwt
import orjson

COLUMNS = (
    "id, url, name, valid_word, timeout, check_interval, telegram_chat_id, is_active, failure_threshold, status, "
    "last_check, next_check_at, response_time, error_message, total_checks, failed_checks, consecutive_failures, "
    "last_notification_sent, error_kind, status_changed_at, tls_expires_at, telegram_error, created_at, updated_at"
)
QUERY = f"SELECT {COLUMNS} FROM websites WHERE user_id = $1 ORDER BY id LIMIT $2 OFFSET $3"
SECRET = os.environ.get("BENCH_SECRET", "")
_pool: asyncpg.Pool | None = None


async def _send(send: Any, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    global _pool
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                _pool = await asyncpg.create_pool(os.environ["BENCH_DSN"], min_size=2, max_size=10)
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if _pool is not None:
                    await _pool.close()
                await send({"type": "lifespan.shutdown.complete"})
                return
    if scope["type"] != "http":
        return
    if scope["path"] != "/api/v1/websites":
        await _send(send, 404, b'{"detail":"Not Found"}')
        return
    token = b""
    for name, value in scope["headers"]:
        if name == b"authorization" and value[:7].lower() == b"bearer ":
            token = value[7:]
    try:
        claims = jwt.decode(token, SECRET, algorithms=["HS256"], options={"require": ["exp", "sub"]})
        user_id = int(claims["sub"])
    except (jwt.PyJWTError, KeyError, ValueError):
        await _send(send, 401, b'{"detail":"Not authenticated"}')
        return
    query = parse_qs(scope["query_string"].decode())
    limit = min(1000, int(query.get("limit", ["100"])[0]))
    offset = int(query.get("offset", ["0"])[0])
    assert _pool is not None
    async with _pool.acquire() as connection:
        rows = await connection.fetch(QUERY, user_id, limit, offset)
    await _send(send, 200, orjson.dumps([dict(row) for row in rows]))
