"""Websites of one owner. Every query is scoped by `user_id`: another user's site is simply not
found. Services flush but never commit; the request does."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.api.errors import field_error
from webmon.config import Settings
from webmon.models import User, Website, WebsiteCheck
from webmon.websites.schemas import WebsiteCreate

# What the API shows of a website, in order; list rows are selected as exactly these columns.
WEBSITE_OUT_COLUMNS = (
    Website.id,
    Website.url,
    Website.name,
    Website.valid_word,
    Website.timeout,
    Website.check_interval,
    Website.telegram_chat_id,
    Website.is_active,
    Website.failure_threshold,
    Website.status,
    Website.last_check,
    Website.next_check_at,
    Website.response_time,
    Website.error_message,
    Website.total_checks,
    Website.failed_checks,
    Website.consecutive_failures,
    Website.last_notification_sent,
    Website.created_at,
    Website.updated_at,
)
WEBSITE_OUT_FIELDS = tuple(column.key for column in WEBSITE_OUT_COLUMNS)
CHECK_OUT_COLUMNS = (
    WebsiteCheck.id,
    WebsiteCheck.status,
    WebsiteCheck.status_code,
    WebsiteCheck.response_time,
    WebsiteCheck.error_kind,
    WebsiteCheck.error_message,
    WebsiteCheck.checked_at,
)

# Changing any of these changes what a check does, so the site is checked again right away.
_RECHECK_FIELDS = frozenset({"url", "valid_word", "timeout"})


class WebsiteLimitReached(Exception):
    pass


def website_to_dict(website: Website) -> dict[str, Any]:
    return {field: getattr(website, field) for field in WEBSITE_OUT_FIELDS}


def default_name(url: str) -> str:
    return (urlsplit(url).hostname or url)[:200]


def check_rules(settings: Settings, values: dict[str, Any]) -> None:
    """Rules that depend on settings, as 422s naming the field."""
    interval = values.get("check_interval")
    if interval is not None and interval < settings.min_check_interval:
        raise field_error(
            "check_interval",
            f"must be at least {settings.min_check_interval} seconds on this server",
            kind="greater_than_equal",
        )


async def list_websites(
    session: AsyncSession,
    *,
    user_id: int,
    limit: int,
    offset: int,
    status: str | None = None,
    search: str | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """One page of a user's sites as plain dicts (no ORM objects: this is the hottest read)."""
    conditions = [Website.user_id == user_id]
    if status is not None:
        conditions.append(Website.status == status)
    if search:
        pattern = "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            or_(Website.name.ilike(pattern, escape="\\"), Website.url.ilike(pattern, escape="\\"))
        )
    total = await session.scalar(select(func.count()).select_from(Website).where(*conditions))
    result = await session.execute(
        select(*WEBSITE_OUT_COLUMNS).where(*conditions).order_by(Website.id).limit(limit).offset(offset)
    )
    return [dict(row) for row in result.mappings()], int(total or 0)


async def get_website(session: AsyncSession, *, user_id: int, website_id: int) -> Website | None:
    return await session.scalar(select(Website).where(Website.id == website_id, Website.user_id == user_id))


async def create_website(
    session: AsyncSession, *, user: User, data: WebsiteCreate, settings: Settings, now: datetime
) -> Website:
    values = data.model_dump()
    check_rules(settings, values)
    # Lock the owner's row so two concurrent creates cannot both slip under the cap.
    await session.execute(select(User.id).where(User.id == user.id).with_for_update())
    count = await session.scalar(select(func.count()).select_from(Website).where(Website.user_id == user.id))
    if (count or 0) >= settings.max_websites_per_user:
        raise WebsiteLimitReached(
            f"You already monitor {count} websites, the most this server allows per user "
            f"(WEBMON_MAX_WEBSITES_PER_USER={settings.max_websites_per_user})"
        )
    if not values.get("name"):
        values["name"] = default_name(values["url"])
    # Due at once: the scheduler checks a new site on its next tick.
    website = Website(user_id=user.id, next_check_at=now, **values)
    session.add(website)
    await session.flush()
    return website


async def update_website(
    session: AsyncSession, *, website: Website, changes: dict[str, Any], settings: Settings, now: datetime
) -> Website:
    check_rules(settings, changes)
    if "name" in changes and not changes["name"]:
        changes["name"] = default_name(changes.get("url") or website.url)
    recheck = any(field in changes and changes[field] != getattr(website, field) for field in _RECHECK_FIELDS)
    resumed = changes.get("is_active") is True and not website.is_active
    for field, value in changes.items():
        setattr(website, field, value)
    if recheck or resumed:
        website.next_check_at = now
    elif "check_interval" in changes and website.last_check is not None:
        # A shorter interval takes effect now rather than after the old, longer wait.
        due = website.last_check + timedelta(seconds=website.check_interval)
        website.next_check_at = min(website.next_check_at, max(now, due))
    website.updated_at = now
    await session.flush()
    return website


async def delete_website(session: AsyncSession, *, website: Website) -> None:
    await session.delete(website)
    await session.flush()


async def request_check(session: AsyncSession, *, website: Website, now: datetime) -> Website:
    website.next_check_at = now
    await session.flush()
    return website


async def list_checks(
    session: AsyncSession, *, website_id: int, limit: int, before: datetime | None = None
) -> list[dict[str, Any]]:
    query = select(*CHECK_OUT_COLUMNS).where(WebsiteCheck.website_id == website_id)
    if before is not None:
        query = query.where(WebsiteCheck.checked_at < before)
    query = query.order_by(WebsiteCheck.checked_at.desc(), WebsiteCheck.id.desc()).limit(limit)
    result = await session.execute(query)
    return [dict(row) for row in result.mappings()]
