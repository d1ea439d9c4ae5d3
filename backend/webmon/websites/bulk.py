"""One action on many of a user's websites (`POST /websites/bulk`): all or nothing.

The ids are first read (and on PostgreSQL locked) in one query scoped by the user: if any is
missing or somebody else's, the whole request is NotFound before anything changes. Then the action
is one statement (a tag action is one per table: website_tags and its copy on the rows), never a
loop over sites; the request's one transaction commits it all or none of it.

"Check now" on many sites counts in the same limits as on one (websites/check_now.py): once per
minimum interval per site, `WEBMON_CHECK_NOW_PER_MINUTE` per account. A site over its limit (or
paused) is skipped and reported (`skipped`: `checked_recently`, `account_limit`, `paused`), not
a 429 for the whole request: the rest of the selection is still queued.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, update
from sqlalchemy import select as select_
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.errors import InvalidField, NotFound
from webmon.models import Website
from webmon.vocabulary import MAX_TAGS_PER_SITE, TAG_ACTIONS
from webmon.websites import tags as site_tags
from webmon.websites.check_now import take_bulk_check_now

_WEBSITES = Website.__table__


@dataclass(frozen=True)
class CheckNowLimits:
    min_interval: int  # seconds between checks on request of one site
    per_minute: int  # checks on request per account per minute


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
    limits: CheckNowLimits,
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
        result = await session.execute(
            delete(Website).where(Website.user_id == user_id, chosen).execution_options(synchronize_session=False)
        )
        return BulkResult(action, result.rowcount)  # type: ignore[attr-defined]
    if action == "check":
        return await _check(session, rows, user_id=user_id, now=now, limits=limits)
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
        update(Website).where(*conditions).values(**values).execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def _check(
    session: AsyncSession, rows: list[dict[str, Any]], *, user_id: int, now: datetime, limits: CheckNowLimits
) -> BulkResult:
    paused = [{"id": row["id"], "reason": "paused"} for row in rows if not row["is_active"]]
    active = [row["id"] for row in rows if row["is_active"]]
    due, limited = await take_bulk_check_now(
        session,
        website_ids=active,
        user_id=user_id,
        min_interval=limits.min_interval,
        per_minute=limits.per_minute,
        now=now,
    )
    if due:
        await _update(session, _WEBSITES.c.id.in_(due), next_check_at=now)
    return BulkResult("check", len(due), skipped=paused + limited, due_now=bool(due))


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
