"""Routes on many websites at once: the account's tags, and bulk actions. Registered before the
websites router: "/websites/tags" must not be read as a website id."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Request

from webmon.api.deps import ClockDep, CurrentUser, SessionDep, SettingsDep
from webmon.api.state import request_state
from webmon.websites import tags
from webmon.websites.bulk import CheckNowLimits, apply_bulk
from webmon.websites.schemas import BulkIn, BulkOut, TagCount

router = APIRouter(prefix="/websites", tags=["websites"])


@router.get("/tags", response_model=list[TagCount], summary="The account's tags, each with how many sites have it")
async def list_tags(session: SessionDep, user: CurrentUser) -> list[dict[str, object]]:
    return await tags.account_tags(session, user_id=user.id)


@router.post(
    "/bulk",
    response_model=BulkOut,
    summary="One action on many websites, all or nothing",
    responses={404: {"description": "an id is missing or another user's: nothing was changed"}},
)
async def bulk_action(
    body: BulkIn,
    session: SessionDep,
    user: CurrentUser,
    settings: SettingsDep,
    clock: ClockDep,
    request: Request,
    background: BackgroundTasks,
) -> BulkOut:
    """`pause`, `resume`, `delete`, `check` (check now) or `add_tag` / `remove_tag` (with `tag`) on
    up to 1,000 of your websites, in one transaction. An id that is missing or another user's is a
    404 and nothing changes. `check` counts in the check-now limits (once per minimum interval per
    site, `WEBMON_CHECK_NOW_PER_MINUTE` per account): it queues the sites within them and lists
    the others in `skipped` (`checked_recently`, `account_limit`, `paused`) rather than refusing
    the request."""
    result = await apply_bulk(
        session,
        user_id=user.id,
        ids=body.ids,
        action=body.action,
        tag=body.tag,
        now=clock(),
        limits=CheckNowLimits(min_interval=settings.min_check_interval, per_minute=settings.check_now_per_minute),
    )
    if result.due_now:  # after the response, so after the commit: one nudge for all of them
        background.add_task(request_state(request).nudge)
    return BulkOut.model_validate({"action": result.action, "affected": result.affected, "skipped": result.skipped})
