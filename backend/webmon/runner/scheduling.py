"""When is each website due, and claiming the due ones so that nobody else checks them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.models import Website

# A Weyl sequence: the fractional parts of id * (golden ratio - 1) are spread evenly over [0, 1),
# so consecutive ids land far apart within any interval.
_GOLDEN_FRACTION = 0.6180339887498949


@dataclass(frozen=True, slots=True)
class Claim:
    website_id: int
    slot: datetime  # when this check is due (the worker starts it then, not before)


def phase_offset_ms(website_id: int, interval_seconds: int) -> int:
    """Where in each interval a site's checks fall: fixed per site, spread evenly across sites, so
    10,000 sites added in one second are not all checked in the same second afterwards."""
    return int(((website_id * _GOLDEN_FRACTION) % 1.0) * interval_seconds * 1000)


def next_slot(website_id: int, interval_seconds: int, after: datetime) -> datetime:
    """The first of the site's slots strictly after `after`."""
    period = interval_seconds * 1000
    offset = phase_offset_ms(website_id, interval_seconds)
    now_ms = int(after.timestamp() * 1000)
    slot_ms = ((now_ms - offset) // period + 1) * period + offset
    return datetime.fromtimestamp(slot_ms / 1000, tz=UTC)


async def claim_due_websites(
    session: AsyncSession, *, now: datetime, horizon: timedelta, limit: int
) -> list[Claim]:
    """Take the active sites due before `now + horizon` and move each one's `next_check_at` to its
    next slot, atomically: two Beats, two ticks or two processes never get the same slot.

    On PostgreSQL the rows are locked with FOR UPDATE SKIP LOCKED, so concurrent claimers take
    disjoint sets without waiting; SQLite serialises writers (every transaction begins IMMEDIATE).
    Claiming ahead by `horizon` (one tick) lets workers start each check on its due time instead of
    up to a tick late. A site overdue after an outage gets one check now and then returns to its
    own rhythm: no stampede of missed slots.
    """
    due = (
        select(Website.id, Website.next_check_at, Website.check_interval)
        .where(Website.is_active, Website.next_check_at <= now + horizon)
        .order_by(Website.next_check_at)
        .limit(limit)
    )
    if session.bind.dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    rows = (await session.execute(due)).all()
    if not rows:
        return []
    await session.execute(
        update(Website),
        [
            {"id": site_id, "next_check_at": next_slot(site_id, interval, max(slot, now))}
            for site_id, slot, interval in rows
        ],
    )
    return [Claim(website_id=site_id, slot=slot) for site_id, slot, _ in rows]


def split_into_batches(claims: list[Claim], size: int) -> list[list[Claim]]:
    """Claims come in due order, so each batch covers a narrow stretch of time."""
    return [claims[start : start + size] for start in range(0, len(claims), size)]
