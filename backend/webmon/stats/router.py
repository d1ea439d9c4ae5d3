from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from webmon.api.deps import ClockDep, CurrentUser, OwnedWebsite, SessionDep
from webmon.api.responses import OrjsonResponse
from webmon.errors import InvalidField
from webmon.stats import service
from webmon.stats.heartbeats import MAX_HEARTBEATS, heartbeats

# Registered before the websites router: "/websites/summary" must not be read as a website id.
router = APIRouter(prefix="/websites", tags=["stats"])

Window = Annotated[Literal["24h", "7d", "30d", "1y"], Query(description="how far back")]
SeriesWindow = Annotated[
    Literal["1h", "24h", "7d", "30d", "90d", "1y"],
    Query(description="how far back: 1h and 24h from raw checks, longer ranges from the rollups"),
]
MAX_IDS = 200
Ids = Annotated[str, Query(max_length=2000, description="comma-separated website ids", examples=["1,2,3"])]


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


class Heartbeat(BaseModel):
    t: datetime = Field(description="when the check started")
    status: Literal["up", "down"]
    code: int | None = Field(description="the HTTP status code, if there was an answer")
    ms: int | None = Field(description="response time in milliseconds")
    kind: str | None = Field(description="why it failed: DNS, CONNECT, TLS, TIMEOUT, HTTP_STATUS, KEYWORD_MISSING, ...")
    error: str | None = Field(description="what went wrong, in words")


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
    ids: Ids,
) -> Response:
    wanted = _site_ids(ids)
    return OrjsonResponse(await service.sparklines(session, user_id=user.id, ids=wanted, now=clock()))


@router.get(
    "/heartbeats",
    response_model=dict[str, list[Heartbeat]],
    response_class=OrjsonResponse,
    summary="The latest checks of several sites, oldest first (the dashboard's heartbeat bars)",
    description=(
        'For a page of sites: `{"<id>": [{t, status, code, ms, kind, error}, ...]}`, each site\'s last '
        "`limit` checks, oldest first, read in one query. A site never checked has an empty list; "
        "ids that are not the caller's are left out, exactly like ids that do not exist."
    ),
)
async def list_heartbeats(
    session: SessionDep,
    user: CurrentUser,
    ids: Ids,
    limit: Annotated[int, Query(ge=1, le=MAX_HEARTBEATS, description="checks per site")] = 50,
) -> Response:
    return OrjsonResponse(await heartbeats(session, user_id=user.id, ids=_site_ids(ids), limit=limit))


def _site_ids(ids: str) -> list[int]:
    try:
        wanted = sorted({int(part) for part in ids.split(",") if part.strip()})
    except ValueError:
        raise InvalidField("ids", "must be website ids separated by commas", location="query") from None
    if len(wanted) > MAX_IDS or any(not 1 <= n <= 2_147_483_647 for n in wanted):
        raise InvalidField("ids", f"at most {MAX_IDS} valid website ids", location="query")
    return wanted


@router.get("/{website_id}/stats", response_model=StatsOut, summary="Uptime and response times over a window")
async def stats(website: OwnedWebsite, session: SessionDep, clock: ClockDep, window: Window = "24h") -> dict[str, Any]:
    totals = await service.window_totals(session, website, window=window, now=clock())
    return service.stats_body(window, totals)


@router.get(
    "/{website_id}/series",
    response_model=SeriesOut,
    response_class=OrjsonResponse,
    summary="Response times and uptime for a chart",
    description=(
        "Evenly spaced buckets covering `window`, oldest first; a bucket with no checks has "
        "`avg_response_time: null` and `up`/`down` 0. Ranges and their buckets: `1h` by the minute and "
        "`24h` by 10 minutes, both from raw checks; `7d` by the hour and `30d` by 6 hours from the hourly "
        "rollups; `90d` and `1y` by the day from the daily rollups (today from its hours). A bucket's "
        "uptime is `up / (up + down)` of its checks."
    ),
)
async def series(website: OwnedWebsite, session: SessionDep, clock: ClockDep, window: SeriesWindow = "24h") -> Response:
    return OrjsonResponse(await service.series(session, website.id, window=window, now=clock()))
