"""When is each website due, and claiming the due ones so that nobody else checks them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.db import dialect_name
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


# A check this late is still made (a slow tick, a busy moment); later than that, Webmon was not
# running at its due time, and the slot is missed rather than made up in a burst...
LATE_GRACE = timedelta(seconds=30)
# ...unless the site's next slot is further away than this (long intervals): then it is checked
# once now, so a daily check is not put off for a day by a restart.
CATCH_UP_BEYOND = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class ClaimBatch:
    claims: list[Claim]  # checks to make, in due order
    taken: int  # rows taken (claimed or rescheduled): a full `limit` means there may be more
    missed: int  # overdue slots not made up: each of those sites waits for its next slot


async def claim_due_websites(session: AsyncSession, *, now: datetime, horizon: timedelta, limit: int) -> ClaimBatch:
    """Take the active sites due before `now + horizon` and move each one's `next_check_at` to its
    next slot, atomically: two Beats, two ticks or two processes never get the same slot.

    On PostgreSQL the rows are locked with FOR UPDATE SKIP LOCKED, so concurrent claimers take
    disjoint sets without waiting; SQLite serialises writers (every transaction begins IMMEDIATE).
    Claiming ahead by `horizon` (one tick) lets workers start each check on its due time instead of
    up to a tick late. After an outage, overdue sites go straight back to their own slots (see
    LATE_GRACE): every site is on schedule again after one tick, with no stampede of missed slots.
    """
    due = (
        select(Website.id, Website.next_check_at, Website.check_interval)
        .where(Website.is_active, Website.next_check_at <= now + horizon)
        .order_by(Website.next_check_at)
        .limit(limit)
    )
    if dialect_name(session) == "postgresql":
        due = due.with_for_update(skip_locked=True)
    rows = (await session.execute(due)).all()
    claims: list[Claim] = []
    moves: list[tuple[int, datetime]] = []
    missed = 0
    for site_id, slot, interval in rows:
        if slot >= now - LATE_GRACE:
            claims.append(Claim(site_id, slot))
            moves.append((site_id, next_slot(site_id, interval, max(slot, now))))
            continue
        upcoming = next_slot(site_id, interval, now)
        if upcoming - now > CATCH_UP_BEYOND:
            claims.append(Claim(site_id, now))
            moves.append((site_id, upcoming))
        elif upcoming <= now + horizon:
            claims.append(Claim(site_id, upcoming))
            moves.append((site_id, next_slot(site_id, interval, upcoming)))
        else:
            missed += 1
            moves.append((site_id, upcoming))
    await _move_next_checks(session, moves)
    claims.sort(key=lambda claim: claim.slot)
    return ClaimBatch(claims=claims, taken=len(rows), missed=missed)


async def _move_next_checks(session: AsyncSession, moves: list[tuple[int, datetime]]) -> None:
    if not moves:
        return
    if dialect_name(session) == "postgresql":
        # One statement for the whole claim (tens of thousands of rows after an outage).
        await session.execute(
            _MOVE_POSTGRESQL, {"ids": [site for site, _ in moves], "slots": [slot for _, slot in moves]}
        )
    else:
        await session.execute(update(Website), [{"id": site, "next_check_at": slot} for site, slot in moves])


_MOVE_POSTGRESQL = text(
    "UPDATE websites AS w SET next_check_at = v.next_check_at "
    "FROM unnest(CAST(:ids AS integer[]), CAST(:slots AS timestamptz[])) AS v(id, next_check_at) "
    "WHERE w.id = v.id"
)


def split_into_batches(claims: list[Claim], size: int) -> list[list[Claim]]:
    """Claims come in due order, so each batch covers a narrow stretch of time."""
    return [claims[start : start + size] for start in range(0, len(claims), size)]
