"""`/health`: 200 when every component this process depends on answers, else 503 naming it.

`status` is "ok", "error" (503), or "degraded" (still 200: the API serves, but checks are not
stored where they should be; `components.storage.reason` says why): the pipeline's last store
failed (a full disk...), or on PostgreSQL today's partition of the checks is missing or checks
are landing in the DEFAULT partition."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text

from webmon.api.state import AppState, request_state
from webmon.db import Database
from webmon.metrics.counters import STORE_FAILING, Counters
from webmon.metrics.exposition import render
from webmon.runner.partitions import partition_problems

router = APIRouter(tags=["operations"])

HEALTH_TIMEOUT_SECONDS = 3.0
# A store failure older than this, never followed by a success in the process that had it (it
# stopped, or stores no more), no longer makes the instance degraded.
STORE_FAILURE_FRESH_SECONDS = 15 * 60


async def storage_health(db: Database, counters: Counters, *, now: datetime) -> dict[str, Any]:
    """Whether checks are being stored where they should be."""
    reasons = []
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT_SECONDS):
            failing = (await counters.marks()).get(STORE_FAILING)
            if db.engine.dialect.name == "postgresql":
                async with db.engine.connect() as connection:
                    reasons += await partition_problems(connection, today=now.astimezone(UTC).date())
    except Exception as exc:  # the database's or Redis' own component says what is wrong with them
        return {"status": "unknown", "error": type(exc).__name__}
    if failing:
        at, _, error = failing.partition(" ")
        if now.timestamp() - int(at) < STORE_FAILURE_FRESH_SECONDS:
            when = datetime.fromtimestamp(int(at), UTC).isoformat().replace("+00:00", "Z")
            reasons.insert(0, f"storing check results failed at {when} ({error}); see the logs")
    if reasons:
        return {"status": "degraded", "reason": "; ".join(reasons)}
    return {"status": "ok"}


async def database_health(db: Database) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT_SECONDS):
            async with db.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
    except Exception as exc:  # any failure means "not healthy"; the reason is the type, not the message
        return {"status": "error", "error": type(exc).__name__}
    return {"status": "ok", "latency_ms": round((time.perf_counter() - started) * 1000, 1)}


async def health_report(state: AppState) -> dict[str, Any]:
    """`{status, components}` of this process: the database; in the multi-service mode also Redis
    and the Celery workers. (`/health` and the administrator's `/admin/health` both show it.)"""
    components = {"database": await database_health(state.database)}
    connections = state.workers
    if connections is not None:
        components["redis"], components["workers"] = await asyncio.gather(
            connections.redis_health(), connections.workers_health()
        )
    healthy = all(component["status"] == "ok" for component in components.values())
    status = "ok" if healthy else "error"
    if healthy:  # else its database or Redis is away, and that is the news
        storage = await storage_health(state.database, state.counters, now=state.clock())
        if storage["status"] != "unknown":
            components["storage"] = storage
            status = "degraded" if storage["status"] == "degraded" else status
    return {"status": status, "components": components}


@router.get("/health", summary="Health of the API and what it depends on")
async def health(request: Request) -> JSONResponse:
    """The database; in the multi-service mode also Redis and the Celery workers; where checks
    are stored ("degraded", still 200, says why they are not stored where they should be)."""
    report = await health_report(request_state(request))
    healthy = report["status"] != "error"
    return JSONResponse(
        report,
        status_code=200 if healthy else 503,
        headers=None if healthy else {"Retry-After": "5"},
    )


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
async def metrics(request: Request) -> Response:
    state = request_state(request)
    body = await render(state.database, state.counters, state.workers)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
