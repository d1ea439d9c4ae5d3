"""Websites of one owner. Every query is scoped by `user_id`: another user's site is simply not
found. Services flush but never commit; the request does."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import BindParameter, Integer, Select, bindparam, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.config import Settings
from webmon.engine.ssrf import blocked_reason_for_url
from webmon.errors import Conflict, InvalidField
from webmon.instance.settings import InstanceSettings
from webmon.models import User, UTCDateTime, Website, WebsiteTag
from webmon.uptime import UPTIME_BASE, uptime_24h, uptime_24h_columns, uptime_24h_since
from webmon.vocabulary import PAUSED
from webmon.websites.tags import set_tags, split_tags

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
    Website.error_kind,
    Website.status_changed_at,
    Website.tls_expires_at,
    Website.telegram_error,
    Website.tags,
    Website.created_at,
    Website.updated_at,
)
WEBSITE_OUT_FIELDS = tuple(column.key for column in WEBSITE_OUT_COLUMNS)
_WEBSITES = Website.__table__
_LIST_COLUMNS = tuple(_WEBSITES.c[name] for name in WEBSITE_OUT_FIELDS)
# Changing any of these changes what a check does, so the site is checked again right away.
_RECHECK_FIELDS = frozenset({"url", "valid_word", "timeout"})


class WebsiteLimitReached(Conflict):
    """The owner already has as many sites as the server allows (`WEBMON_MAX_WEBSITES_PER_USER`)."""


def website_to_dict(website: Website) -> dict[str, Any]:
    shown = {field: getattr(website, field) for field in WEBSITE_OUT_FIELDS}
    shown["tags"] = split_tags(website.tags)
    return shown


def default_name(url: str) -> str:
    return (urlsplit(url).hostname or url)[:200]


# Where the private-address refusal sends people: how to monitor a home or office network.
PRIVATE_NETWORKS_DOCS = "docs/monitoring-your-lan.md"


def private_address_message(reason: str, instance: InstanceSettings) -> str:
    """The refusal, and exactly what would lift it on this server."""
    if "allow_private_targets" in instance.locked:
        how = (
            "This server's operator has turned private networks off "
            "(WEBMON_ALLOW_PRIVATE_TARGETS=false in its environment)"
        )
    else:
        how = "An administrator can allow private networks in Settings (or set WEBMON_ALLOW_PRIVATE_TARGETS=true)"
    return f"cannot be monitored: {reason}. {how}; see {PRIVATE_NETWORKS_DOCS}"


def check_rules(settings: Settings, values: dict[str, Any], instance: InstanceSettings) -> None:
    """Rules that depend on settings, as 422s naming the field."""
    url = values.get("url")
    if url is not None and not instance.allow_private_targets:
        # Webmon is multi-user: nobody may point it at the server's own network. The engine
        # checks the address it really dials too (DNS names, redirects); this is the early "no".
        reason = blocked_reason_for_url(url)
        if reason is not None:
            raise InvalidField("url", private_address_message(reason, instance), kind="url_blocked")
    interval = values.get("check_interval")
    if interval is not None and interval < settings.min_check_interval:
        raise InvalidField(
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
    tags: tuple[str, ...] = (),
    now: datetime,
    site_count: int | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """One page of a user's sites as plain dicts, each with its 24 h uptime, and how many match.

    This is the hottest read: one query (the uptimes, and the total when filtering, are
    subqueries of it), run as Core on the session's connection (no ORM result machinery), rows
    turned into dicts directly. Unfiltered, the total is the user's `site_count` (kept by
    triggers): counting thousands of rows on every refresh was most of the query's time. Each
    row's tags come from its own `tags` column; `tags` filters to the sites with every one of them."""
    status_filter = None if status is None else (PAUSED if status == PAUSED else "status")
    counted = status_filter is not None or bool(search) or bool(tags) or site_count is None
    params: dict[str, Any] = {
        "user_id": user_id,
        "status": status,
        "pattern": _like_pattern(search) if search else None,
        "window_start": uptime_24h_since(now),
        "site_count": site_count,
        "limit": limit,
        "offset": offset,
    } | {f"tag_{i}": tag for i, tag in enumerate(tags)}
    connection = await session.connection()
    result = await connection.execute(_list_statement(status_filter, bool(search), len(tags), counted), params)
    keys = tuple(result.keys())
    rows = [dict(zip(keys, row, strict=True)) for row in result]
    if not rows:  # past the last page: the total still has to be told
        if not counted:
            return [], int(site_count or 0)
        count_query = (
            select(func.count()).select_from(_WEBSITES).where(*_conditions(status_filter, bool(search), len(tags)))
        )
        return [], int(await connection.scalar(count_query, params) or 0)
    count = int(rows[0]["_total"])
    for row in rows:
        del row["_total"]
        row["tags"] = split_tags(row["tags"])
        row["uptime_24h"] = uptime_24h(row, now=now)
    return rows, count


def _like_pattern(search: str) -> str:
    return "%" + search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _conditions(status_filter: str | None, searching: bool, tag_count: int = 0) -> list[Any]:
    table = _WEBSITES
    conditions = [table.c.user_id == bindparam("user_id")]
    if status_filter == PAUSED:
        conditions.append(table.c.is_active.is_(False))
    elif status_filter == "status":
        # The status of a paused site is frozen at its last check; the dashboard counts it as paused.
        conditions += [table.c.status == bindparam("status"), table.c.is_active.is_(True)]
    if searching:
        pattern: BindParameter[str] = bindparam("pattern")
        conditions.append(or_(table.c.name.ilike(pattern, escape="\\"), table.c.url.ilike(pattern, escape="\\")))
    for i in range(tag_count):  # each one an index range of website_tags (tag, website_id)
        tagged = select(WebsiteTag.website_id).where(WebsiteTag.tag == bindparam(f"tag_{i}"))
        conditions.append(table.c.id.in_(tagged))
    return conditions


@lru_cache(maxsize=64)
def _list_statement(status_filter: str | None, searching: bool, tag_count: int, counted: bool) -> Select[Any]:
    """The list query for one combination of filters, built once with bound parameters: building
    and hashing a 30-column statement on every request was a good part of the endpoint's time."""
    table = _WEBSITES
    conditions = _conditions(status_filter, searching, tag_count)
    total = (
        select(func.count()).select_from(table).where(*conditions).scalar_subquery()
        if counted
        else bindparam("site_count", type_=Integer)
    ).label("_total")
    return (
        select(*_LIST_COLUMNS, *uptime_24h_columns(bindparam("window_start", type_=UTCDateTime)), total)
        .select_from(table.outerjoin(UPTIME_BASE, UPTIME_BASE.c.website_id == table.c.id))
        .where(*conditions)
        .order_by(table.c.id)
        .limit(bindparam("limit", type_=Integer))
        .offset(bindparam("offset", type_=Integer))
    )


async def get_website(session: AsyncSession, *, user_id: int, website_id: int) -> Website | None:
    return await session.scalar(select(Website).where(Website.id == website_id, Website.user_id == user_id))


async def create_website(
    session: AsyncSession,
    *,
    user_id: int,
    values: dict[str, Any],
    settings: Settings,
    instance: InstanceSettings,
    now: datetime,
) -> Website:
    check_rules(settings, values, instance)
    # Lock the owner's row so two concurrent creates cannot both slip under the cap.
    count = await session.scalar(select(User.website_count).where(User.id == user_id).with_for_update())
    if (count or 0) >= settings.max_websites_per_user:
        raise WebsiteLimitReached(
            f"You already monitor {count} websites, the most this server allows per user "
            f"(WEBMON_MAX_WEBSITES_PER_USER={settings.max_websites_per_user})"
        )
    if not values.get("name"):
        values["name"] = default_name(values["url"])
    tags = values.pop("tags", None) or []
    # Due at once: the scheduler checks a new site on its next tick.
    website = Website(user_id=user_id, next_check_at=now, **values)
    session.add(website)
    await session.flush()
    if tags:
        await set_tags(session, website=website, tags=tags)
        await session.flush()
    return website


async def update_website(
    session: AsyncSession,
    *,
    website: Website,
    changes: dict[str, Any],
    settings: Settings,
    instance: InstanceSettings,
    now: datetime,
) -> Website:
    check_rules(settings, changes, instance)
    if "name" in changes and not changes["name"]:
        changes["name"] = default_name(changes.get("url") or website.url)
    recheck = any(field in changes and changes[field] != getattr(website, field) for field in _RECHECK_FIELDS)
    resumed = changes.get("is_active") is True and not website.is_active
    tags = changes.pop("tags", None)
    if tags is not None and tags != split_tags(website.tags):
        await set_tags(session, website=website, tags=tags)
    if "telegram_chat_id" in changes and changes["telegram_chat_id"] != website.telegram_chat_id:
        website.telegram_error = None  # a new chat: the old one's problem is not its problem
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
    if not website.is_active:
        raise Conflict("This website is paused; resume it to check it")
    website.next_check_at = now
    await session.flush()
    return website
