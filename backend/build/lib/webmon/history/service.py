from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.models import Notification, StateChange, WebsiteCheck

CHECK_COLUMNS = (
    WebsiteCheck.status,
    WebsiteCheck.status_code,
    WebsiteCheck.response_time,
    WebsiteCheck.error_kind,
    WebsiteCheck.error_message,
    WebsiteCheck.checked_at,
)
STATE_CHANGE_COLUMNS = (
    StateChange.id,
    StateChange.kind,
    StateChange.from_status,
    StateChange.to_status,
    StateChange.at,
    StateChange.outage_started_at,
    StateChange.reason,
    StateChange.detail,
    StateChange.status_code,
    StateChange.delivery,
    StateChange.sent_at,
)
NOTIFICATION_COLUMNS = (
    Notification.id,
    Notification.kind,
    Notification.chat_id,
    Notification.status,
    Notification.error,
    Notification.attempts,
    Notification.created_at,
    Notification.sent_at,
)


async def list_checks(
    session: AsyncSession, *, website_id: int, limit: int, before: datetime | None = None
) -> list[dict[str, Any]]:
    query = select(*CHECK_COLUMNS).where(WebsiteCheck.website_id == website_id)
    if before is not None:
        query = query.where(WebsiteCheck.checked_at < before)
    query = query.order_by(WebsiteCheck.checked_at.desc()).limit(limit)
    return [{"id": check_id(row["checked_at"]), **row} for row in (await session.execute(query)).mappings()]


def check_id(checked_at: datetime) -> int:
    """A check has no surrogate key (see models/check.py): within its site it is named by its
    time, in microseconds since the epoch."""
    return int(checked_at.timestamp() * 1_000_000)


async def list_state_changes(
    session: AsyncSession, *, website_id: int, limit: int, before: datetime | None = None
) -> list[dict[str, Any]]:
    query = select(*STATE_CHANGE_COLUMNS).where(StateChange.website_id == website_id)
    if before is not None:
        query = query.where(StateChange.at < before)
    query = query.order_by(StateChange.at.desc(), StateChange.id.desc()).limit(limit)
    return [dict(row) for row in (await session.execute(query)).mappings()]


async def list_notifications(session: AsyncSession, *, website_id: int, limit: int) -> list[dict[str, Any]]:
    query = (
        select(*NOTIFICATION_COLUMNS)
        .where(Notification.website_id == website_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    )
    return [dict(row) for row in (await session.execute(query)).mappings()]
