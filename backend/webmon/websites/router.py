from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Response, status
from pydantic import AwareDatetime

from webmon.api.deps import ClockDep, CurrentUser, SessionDep, SettingsDep
from webmon.api.responses import OrjsonResponse
from webmon.models import Website
from webmon.websites import service
from webmon.websites.schemas import (
    CheckOut,
    CheckQueued,
    WebsiteCreate,
    WebsiteOut,
    WebsiteStatusName,
    WebsiteUpdate,
)

router = APIRouter(prefix="/websites", tags=["websites"])

WebsiteId = Annotated[int, Path(ge=1, le=2_147_483_647)]


async def _owned_website(session: SessionDep, user: CurrentUser, website_id: int) -> Website:
    website = await service.get_website(session, user_id=user.id, website_id=website_id)
    if website is None:
        # The same answer for "missing" and "someone else's": ids reveal nothing.
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="Website not found")
    return website


@router.get(
    "",
    response_model=list[WebsiteOut],
    response_class=OrjsonResponse,
    responses={200: {"headers": {"X-Total-Count": {"description": "sites matching the filters", "schema": {"type": "integer"}}}}},
)
async def list_websites(
    session: SessionDep,
    user: CurrentUser,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    status_filter: Annotated[WebsiteStatusName | None, Query(alias="status")] = None,
    q: Annotated[str | None, Query(max_length=200, description="search in name and URL")] = None,
) -> Response:
    rows, total = await service.list_websites(
        session, user_id=user.id, limit=limit, offset=offset, status=status_filter, search=q
    )
    return OrjsonResponse(rows, headers={"X-Total-Count": str(total)})


@router.post("", status_code=status.HTTP_201_CREATED, response_model=WebsiteOut)
async def create_website(
    body: WebsiteCreate, session: SessionDep, user: CurrentUser, settings: SettingsDep, clock: ClockDep
) -> dict:
    try:
        website = await service.create_website(session, user=user, data=body, settings=settings, now=clock())
    except service.WebsiteLimitReached as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, detail=str(exc)) from None
    return service.website_to_dict(website)


@router.get("/{website_id}", response_model=WebsiteOut)
async def get_website(website_id: WebsiteId, session: SessionDep, user: CurrentUser) -> dict:
    return service.website_to_dict(await _owned_website(session, user, website_id))


@router.patch("/{website_id}", response_model=WebsiteOut)
async def update_website(
    website_id: WebsiteId,
    body: WebsiteUpdate,
    session: SessionDep,
    user: CurrentUser,
    settings: SettingsDep,
    clock: ClockDep,
) -> dict:
    website = await _owned_website(session, user, website_id)
    changes = body.model_dump(exclude_unset=True)
    website = await service.update_website(
        session, website=website, changes=changes, settings=settings, now=clock()
    )
    return service.website_to_dict(website)


@router.delete("/{website_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_website(website_id: WebsiteId, session: SessionDep, user: CurrentUser) -> Response:
    await service.delete_website(session, website=await _owned_website(session, user, website_id))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{website_id}/check", status_code=status.HTTP_202_ACCEPTED, response_model=CheckQueued)
async def check_now(website_id: WebsiteId, session: SessionDep, user: CurrentUser, clock: ClockDep) -> CheckQueued:
    website = await _owned_website(session, user, website_id)
    if not website.is_active:
        raise HTTPException(status.HTTP_409_CONFLICT, detail="This website is paused; resume it to check it")
    website = await service.request_check(session, website=website, now=clock())
    return CheckQueued(detail="Check queued", website_id=website.id, next_check_at=website.next_check_at)


@router.get("/{website_id}/checks", response_model=list[CheckOut], response_class=OrjsonResponse)
async def list_checks(
    website_id: WebsiteId,
    session: SessionDep,
    user: CurrentUser,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    before: Annotated[
        AwareDatetime | None,
        Query(description="only checks strictly older than this time (page with the last checked_at)"),
    ] = None,
) -> Response:
    await _owned_website(session, user, website_id)
    rows = await service.list_checks(session, website_id=website_id, limit=limit, before=before)
    return OrjsonResponse(rows)
