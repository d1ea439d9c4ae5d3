"""A website's tags. Each is a `website_tags` row (what `?tag=` filters and the counts read) and a
part of `websites.tags`, the comma-joined copy the list shows; only this module writes them, and
always both in the same transaction."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import String, delete, func, insert, literal, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.models import Website, WebsiteTag
from webmon.vocabulary import TAG_SEPARATOR

_WEBSITES = Website.__table__
_TAGS = WebsiteTag.__table__


def split_tags(joined: str | None) -> list[str]:
    """`websites.tags` as the API shows it: a sorted list."""
    return sorted(joined.split(TAG_SEPARATOR)) if joined else []


def join_tags(tags: Collection[str]) -> str:
    return TAG_SEPARATOR.join(sorted(tags))


async def set_tags(session: AsyncSession, *, website: Website, tags: list[str]) -> None:
    """Replace the site's tags with `tags` (already normalized: lower case, unique)."""
    await session.execute(delete(WebsiteTag).where(WebsiteTag.website_id == website.id))
    if tags:
        await session.execute(insert(WebsiteTag), [{"website_id": website.id, "tag": tag} for tag in tags])
    website.tags = join_tags(tags)


async def add_tag(session: AsyncSession, *, website_ids: list[int], tag: str, now: datetime) -> None:
    """Give `tag` to each of these sites (none of which has it yet): one INSERT ... SELECT."""
    chosen = select(Website.id, literal(tag, String()).label("tag")).where(Website.id.in_(website_ids))
    await session.execute(insert(WebsiteTag).from_select(["website_id", "tag"], chosen))
    await _copy_to_rows(session, website_ids, now)


async def remove_tag(session: AsyncSession, *, website_ids: list[int], tag: str, now: datetime) -> None:
    await session.execute(
        delete(WebsiteTag)
        .where(WebsiteTag.tag == tag, WebsiteTag.website_id.in_(website_ids))
        .execution_options(synchronize_session=False)
    )
    await _copy_to_rows(session, website_ids, now)


async def _copy_to_rows(session: AsyncSession, website_ids: list[int], now: datetime) -> None:
    """Rewrite `websites.tags` of these sites from their rows, in one UPDATE. (The aggregate's
    order is not defined on SQLite before 3.44: split_tags sorts.)"""
    joined = (
        select(func.aggregate_strings(_TAGS.c.tag, TAG_SEPARATOR))
        .where(_TAGS.c.website_id == _WEBSITES.c.id)
        .scalar_subquery()
    )
    await session.execute(
        update(Website)
        .where(Website.id.in_(website_ids))
        .values(tags=func.coalesce(joined, ""), updated_at=now)
        .execution_options(synchronize_session=False)
    )


async def account_tags(session: AsyncSession, *, user_id: int) -> list[dict[str, Any]]:
    """Every tag of the user's sites with how many sites have it, by name."""
    query = (
        select(_TAGS.c.tag, func.count().label("count"))
        .join(_WEBSITES, _WEBSITES.c.id == _TAGS.c.website_id)
        .where(_WEBSITES.c.user_id == user_id)
        .group_by(_TAGS.c.tag)
        .order_by(_TAGS.c.tag)
    )
    return [{"tag": tag, "count": count} for tag, count in (await session.execute(query)).all()]
