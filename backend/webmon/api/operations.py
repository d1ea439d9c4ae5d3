"""`/health`: 200 when every component this process depends on answers, else 503 naming it."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text

from webmon.api.state import AppState, request_state
from webmon.db import Database
from webmon.metrics.exposition import render

router = APIRouter(tags=["operations"])

HEALTH_TIMEOUT_SECONDS = 3.0


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
    return {"status": "ok" if healthy else "error", "components": components}


@router.get("/health", summary="Health of the API and what it depends on")
async def health(request: Request) -> JSONResponse:
    """The database; in the multi-service mode also Redis and the Celery workers."""
    report = await health_report(request_state(request))
    healthy = report["status"] == "ok"
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
