from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Query, Request, Response, status

from webmon.api.deps import ClockDep, CurrentUser, OwnedWebsite, SessionDep, SettingsDep, TelegramDep
from webmon.api.responses import OrjsonResponse
from webmon.api.state import request_state
from webmon.instance.settings import load_instance_settings
from webmon.telegram.service import verify_chat
from webmon.vocabulary import MAX_TAG_FILTERS, ShownStatusName
from webmon.websites import service
from webmon.websites.check_now import allow_check_now
from webmon.websites.schemas import (
    CheckQueued,
    SearchText,
    Tag,
    WebsiteCreate,
    WebsiteListItem,
    WebsiteOut,
    WebsiteUpdate,
)

router = APIRouter(prefix="/websites", tags=["websites"])

_TOTAL_HEADER = {"X-Total-Count": {"description": "sites matching the filters", "schema": {"type": "integer"}}}


@router.get(
    "", response_model=list[WebsiteListItem], response_class=OrjsonResponse, responses={200: {"headers": _TOTAL_HEADER}}
)
async def list_websites(
    session: SessionDep,
    user: CurrentUser,
    clock: ClockDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    status_filter: Annotated[
        ShownStatusName | None,
        Query(alias="status", description="paused = is_active false; the others count active sites only"),
    ] = None,
    q: Annotated[SearchText | None, Query(max_length=200, description="search in name and URL")] = None,
    tag: Annotated[
        list[Tag] | None,
        Query(max_length=MAX_TAG_FILTERS, description="only sites with this tag; repeated: with all of them"),
    ] = None,
) -> Response:
    rows, total = await service.list_websites(
        session,
        user_id=user.id,
        limit=limit,
        offset=offset,
        status=status_filter,
        search=q,
        tags=tuple(sorted(set(tag or ()))),
        now=clock(),
        site_count=user.website_count,
    )
    return OrjsonResponse(rows, headers={"X-Total-Count": str(total)})


@router.post("", status_code=status.HTTP_201_CREATED, response_model=WebsiteOut)
async def create_website(
    body: WebsiteCreate,
    session: SessionDep,
    user: CurrentUser,
    settings: SettingsDep,
    telegram: TelegramDep,
    clock: ClockDep,
    request: Request,
    background: BackgroundTasks,
) -> dict[str, Any]:
    values = body.model_dump()
    if values["telegram_chat_id"] is not None:
        values["telegram_chat_id"] = await verify_chat(
            telegram, values["telegram_chat_id"], session=session, user_id=user.id
        )
    website = await service.create_website(
        session,
        user_id=user.id,
        values=values,
        settings=settings,
        instance=await load_instance_settings(session, settings),
        now=clock(),
    )
    # After the response (so after the commit): the new site is claimed at once, not next tick.
    background.add_task(request_state(request).nudge)
    return service.website_to_dict(website)


@router.get("/{website_id}", response_model=WebsiteOut)
async def get_website(website: OwnedWebsite) -> dict[str, Any]:
    return service.website_to_dict(website)


@router.patch("/{website_id}", response_model=WebsiteOut)
async def update_website(
    website: OwnedWebsite,
    body: WebsiteUpdate,
    session: SessionDep,
    settings: SettingsDep,
    telegram: TelegramDep,
    clock: ClockDep,
    request: Request,
    background: BackgroundTasks,
) -> dict[str, Any]:
    changes = body.model_dump(exclude_unset=True)
    chat_id = changes.get("telegram_chat_id")
    if chat_id is not None and chat_id != website.telegram_chat_id:
        changes["telegram_chat_id"] = await verify_chat(telegram, chat_id, session=session, user_id=website.user_id)
    website = await service.update_website(
        session,
        website=website,
        changes=changes,
        settings=settings,
        instance=await load_instance_settings(session, settings),
        now=clock(),
    )
    if website.next_check_at <= clock():
        background.add_task(request_state(request).nudge)
    return service.website_to_dict(website)


@router.delete("/{website_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_website(website: OwnedWebsite, session: SessionDep) -> Response:
    await service.delete_website(session, website=website)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


_CHECK_NOW_LIMITED: dict[int | str, dict[str, Any]] = {
    429: {
        "description": "checked on request too recently (per site, or too often from this account)",
        "headers": {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}},
    }
}


@router.post(
    "/{website_id}/check",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=CheckQueued,
    responses=_CHECK_NOW_LIMITED,
)
async def check_now(
    website: OwnedWebsite,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
    request: Request,
    background: BackgroundTasks,
) -> CheckQueued:
    """Check the site as soon as possible: at most once per minimum interval per site, and
    `WEBMON_CHECK_NOW_PER_MINUTE` times a minute per account (429 with Retry-After)."""
    now = clock()
    website = await service.request_check(session, website=website, now=now)  # a paused site: 409
    # Counted in this request's transaction: a refusal rolls back the request with its count.
    await allow_check_now(
        session,
        website_id=website.id,
        user_id=user.id,
        min_interval=settings.min_check_interval,
        per_minute=settings.check_now_per_minute,
        now=now,
    )
    background.add_task(request_state(request).nudge)
    return CheckQueued(detail="Check queued", website_id=website.id, next_check_at=website.next_check_at)
