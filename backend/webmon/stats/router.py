from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from webmon.api.deps import ClockDep, CurrentUser, OwnedWebsite, SessionDep
from webmon.api.responses import OrjsonResponse
from webmon.errors import InvalidField
from webmon.stats import service

# Registered before the websites router: "/websites/summary" must not be read as a website id.
router = APIRouter(prefix="/websites", tags=["stats"])

Window = Annotated[Literal["24h", "7d", "30d", "1y"], Query(description="how far back")]
MAX_SPARKLINES = 200


class StatsOut(BaseModel):
    window: str
    uptime_percent: float | None = Field(description="time-weighted: the share of the window the site was seen up")
    checks: int
    failed_checks: int
    avg_response_time: float | None = Field(description="milliseconds")
    p95_response_time: float | None = Field(description="milliseconds")
    downtime_seconds: int


class SeriesPoint(BaseModel):
    t: datetime
    avg_response_time: float | None
    max_response_time: int | None
    up: int
    down: int


class SeriesOut(BaseModel):
    window: str
    bucket_seconds: int
    points: list[SeriesPoint]


class SparkPoint(BaseModel):
    t: datetime
    avg_response_time: float | None
    up: int
    down: int


class SummaryOut(BaseModel):
    total: int
    up: int
    down: int
    pending: int
    paused: int


@router.get("/summary", response_model=SummaryOut, summary="How many of my sites are up, down, pending, paused")
async def summary(session: SessionDep, user: CurrentUser) -> dict[str, int]:
    return await service.summary(session, user_id=user.id)


@router.get(
    "/sparklines",
    response_model=dict[str, list[SparkPoint]],
    response_class=OrjsonResponse,
    summary="The last 24 hours of several sites, hour by hour (for the dashboard's list)",
)
async def sparklines(
    session: SessionDep,
    user: CurrentUser,
    clock: ClockDep,
    ids: Annotated[str, Query(max_length=2000, description="comma-separated website ids", examples=["1,2,3"])],
) -> Response:
    try:
        wanted = sorted({int(part) for part in ids.split(",") if part.strip()})
    except ValueError:
        raise InvalidField("ids", "must be website ids separated by commas", location="query") from None
    if len(wanted) > MAX_SPARKLINES or any(not 1 <= n <= 2_147_483_647 for n in wanted):
        raise InvalidField("ids", f"at most {MAX_SPARKLINES} valid website ids", location="query")
    return OrjsonResponse(await service.sparklines(session, user_id=user.id, ids=wanted, now=clock()))


@router.get("/{website_id}/stats", response_model=StatsOut, summary="Uptime and response times over a window")
async def stats(website: OwnedWebsite, session: SessionDep, clock: ClockDep, window: Window = "24h") -> dict[str, Any]:
    totals = await service.window_totals(session, website, window=window, now=clock())
    return service.stats_body(window, totals)


@router.get(
    "/{website_id}/series",
    response_model=SeriesOut,
    response_class=OrjsonResponse,
    summary="Response times for a chart",
)
async def series(website: OwnedWebsite, session: SessionDep, clock: ClockDep, window: Window = "24h") -> Response:
    return OrjsonResponse(await service.series(session, website.id, window=window, now=clock()))
