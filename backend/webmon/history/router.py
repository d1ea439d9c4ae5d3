from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from webmon.api.dates import UtcDatetime
from webmon.api.deps import OwnedWebsite, SessionDep
from webmon.api.responses import OrjsonResponse
from webmon.history import service
from webmon.history.schemas import CheckOut, NotificationOut, StateChangeOut

router = APIRouter(prefix="/websites/{website_id}", tags=["history"])

Limit = Annotated[int, Query(ge=1, le=500)]
Before = Annotated[
    UtcDatetime | None,
    Query(description="only entries strictly older than this time (page with the last row's time)"),
]


@router.get("/checks", response_model=list[CheckOut], response_class=OrjsonResponse, summary="Checks, newest first")
async def list_checks(website: OwnedWebsite, session: SessionDep, limit: Limit = 50, before: Before = None) -> Response:
    return OrjsonResponse(await service.list_checks(session, website_id=website.id, limit=limit, before=before))


@router.get(
    "/state-changes",
    response_model=list[StateChangeOut],
    response_class=OrjsonResponse,
    summary="Went down, recovered, reminders: newest first, with how each alert was delivered",
)
async def list_state_changes(
    website: OwnedWebsite, session: SessionDep, limit: Limit = 50, before: Before = None
) -> Response:
    return OrjsonResponse(await service.list_state_changes(session, website_id=website.id, limit=limit, before=before))


@router.get(
    "/notifications",
    response_model=list[NotificationOut],
    response_class=OrjsonResponse,
    summary="Alerts sent or attempted for this site, newest first",
)
async def list_notifications(website: OwnedWebsite, session: SessionDep, limit: Limit = 50) -> Response:
    return OrjsonResponse(await service.list_notifications(session, website_id=website.id, limit=limit))
