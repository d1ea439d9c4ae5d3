"""One action on many of a user's websites (`POST /websites/bulk`): all or nothing.

The ids are first read (and on PostgreSQL locked) in one query scoped by the user: if any is
missing or somebody else's, the whole request is NotFound before anything changes. Then the action
is one statement (a tag action is one per table: website_tags and its copy on the rows), never a
loop over sites; the request's one transaction commits it all or none of it.

"Check now" on many sites follows the single-site rule's purpose: a site is never checked on
request more often than once per `WEBMON_MIN_CHECK_INTERVAL`. A paused site, or one checked less
than that long ago, is skipped and reported (`skipped`), not a 429 for the whole request: the
rest of the selection is still queued.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy import select as select_
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.errors import InvalidField, NotFound
from webmon.models import Website
from webmon.vocabulary import MAX_TAGS_PER_SITE, TAG_ACTIONS
from webmon.websites import tags as site_tags

_WEBSITES = Website.__table__


@dataclass
class BulkResult:
    action: str
    affected: int
    skipped: list[dict[str, Any]] = field(default_factory=list)
    # True when the scheduler has sites due now (resumed or queued): the route nudges it once.
    due_now: bool = False


async def apply_bulk(
    session: AsyncSession,
    *,
    user_id: int,
    ids: list[int],
    action: str,
    tag: str | None,
    now: datetime,
    min_check_interval: int,
) -> BulkResult:
    if action in TAG_ACTIONS and tag is None:
        raise InvalidField("tag", f"is required for {action}", kind="missing")
    if action not in TAG_ACTIONS and tag is not None:
        raise InvalidField("tag", "is only for add_tag and remove_tag", kind="extra_forbidden")
    wanted = sorted(set(ids))
    rows = await _owned_rows(session, user_id=user_id, ids=wanted)
    if len(rows) != len(wanted):
        missing = sorted(set(wanted) - {row["id"] for row in rows})
        raise NotFound("Website not found: " + ", ".join(str(i) for i in missing[:20]))
    chosen = _WEBSITES.c.id.in_(wanted)

    if action == "pause":
        changed = await _update(session, chosen, _WEBSITES.c.is_active.is_(True), is_active=False, updated_at=now)
        return BulkResult(action, changed)
    if action == "resume":
        changed = await _update(
            session, chosen, _WEBSITES.c.is_active.is_(False), is_active=True, next_check_at=now, updated_at=now
        )
        return BulkResult(action, changed, due_now=changed > 0)
    if action == "delete":
        result = await session.execute(delete(_WEBSITES).where(_WEBSITES.c.user_id == user_id, chosen))
        return BulkResult(action, result.rowcount)  # type: ignore[attr-defined]
    if action == "check":
        return await _check(session, rows, now=now, min_check_interval=min_check_interval)
    assert tag is not None
    return await _tag(session, rows, action=action, tag=tag, now=now)


async def _owned_rows(session: AsyncSession, *, user_id: int, ids: list[int]) -> list[dict[str, Any]]:
    query = (
        select_(_WEBSITES.c.id, _WEBSITES.c.is_active, _WEBSITES.c.last_check, _WEBSITES.c.tags)
        .where(_WEBSITES.c.user_id == user_id, _WEBSITES.c.id.in_(ids))
        .with_for_update()  # PostgreSQL: nobody changes them until this commits (SQLite ignores it)
    )
    return [dict(row) for row in (await session.execute(query)).mappings()]


async def _update(session: AsyncSession, *conditions: Any, **values: Any) -> int:
    result = await session.execute(
        update(_WEBSITES).where(*conditions).values(**values).execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def _check(
    session: AsyncSession, rows: list[dict[str, Any]], *, now: datetime, min_check_interval: int
) -> BulkResult:
    recent = now - timedelta(seconds=min_check_interval)
    skipped: list[dict[str, Any]] = []
    due: list[int] = []
    for row in rows:
        if not row["is_active"]:
            skipped.append({"id": row["id"], "reason": "paused"})
        elif row["last_check"] is not None and row["last_check"] > recent:
            skipped.append({"id": row["id"], "reason": "checked_recently"})
        else:
            due.append(row["id"])
    if due:
        await _update(session, _WEBSITES.c.id.in_(due), next_check_at=now)
    return BulkResult("check", len(due), skipped=skipped, due_now=bool(due))


async def _tag(
    session: AsyncSession, rows: list[dict[str, Any]], *, action: str, tag: str, now: datetime
) -> BulkResult:
    having = {row["id"]: tag in site_tags.split_tags(row["tags"]) for row in rows}
    if action == "remove_tag":
        changed = [website_id for website_id, has in having.items() if has]
        if changed:
            await site_tags.remove_tag(session, website_ids=changed, tag=tag, now=now)
    else:
        changed = [website_id for website_id, has in having.items() if not has]
        full = [
            row["id"]
            for row in rows
            if row["id"] in changed and len(site_tags.split_tags(row["tags"])) >= MAX_TAGS_PER_SITE
        ]
        if full:
            raise InvalidField(
                "tag",
                f"{len(full)} of these websites already have {MAX_TAGS_PER_SITE} tags, the most a website may have",
                kind="too_long",
            )
        if changed:
            await site_tags.add_tag(session, website_ids=changed, tag=tag, now=now)
    return BulkResult(action, len(changed))
