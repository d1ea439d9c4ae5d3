"""Send alerts from the state_changes outbox: claim with a lease, deliver, record.

The outbox knows rows and deliveries, not what a message says: the caller passes `render`, which
turns a claimed alert into the notifier's text (for Telegram: `messages.render_alert`). A claimed
alert carries all that takes, its site owner's language included, from the one claiming query.

A row is claimed atomically (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite's single writer), so two
senders never take the same alert. A sender that dies after claiming leaves the row `sending` with
a lease that runs out; the next sweep takes it again. The one window left is a crash between
Telegram accepting a message and the row being marked sent: then that alert is sent twice,
never lost (at-least-once).
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from webmon.db import Database, dialect_name
from webmon.metrics.counters import Counters
from webmon.models import Notification, StateChange, User, Website
from webmon.notifiers.base import Notifier
from webmon.notifiers.delivery import DeliveryOutcome, deliver
from webmon.notifiers.ratelimit import RateLimiter

log = logging.getLogger("webmon.alerts")

LEASE = timedelta(minutes=2)  # longer than one delivery (3 attempts, Telegram's retry_after)
GIVE_UP_AFTER = timedelta(hours=24)  # an alert still unsent after a day is marked failed
CLAIM_LIMIT = 200


@dataclass(frozen=True, slots=True)
class PendingAlert:
    id: int
    website_id: int
    kind: str
    at: datetime
    outage_started_at: datetime | None
    reason: str | None
    detail: str | None
    status_code: int | None
    attempts: int
    site_name: str
    site_url: str
    chat_id: str | None
    locale: str  # the site owner's language, for the message


Render = Callable[[PendingAlert], str]
"""The text to send for a claimed alert."""


def retry_delay(attempts: int) -> timedelta:
    """Wait before the next sweep retries an alert Telegram could not take: 30 s, 1, 2, 4 ... 10 min."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 600))


async def claim_alerts(
    session: AsyncSession, *, now: datetime, limit: int = CLAIM_LIMIT, waiting: bool = False
) -> list[PendingAlert]:
    """Take undelivered alerts whose lease (or retry wait) is over, oldest first; never one whose
    site has an older alert still waiting, so "recovered" cannot overtake the "down" it follows.

    With ``waiting``, instead the one oldest alert still waiting out an earlier failure, its wait
    notwithstanding: the sweep's probe of whether Telegram is back."""
    older = aliased(StateChange)
    waiting_before = exists().where(
        older.website_id == StateChange.website_id,
        older.id < StateChange.id,
        older.delivery.in_(("pending", "sending")),
        older.lease_until > now,
    )
    if waiting:
        ready = [StateChange.delivery == "pending", StateChange.lease_until > now]
        limit = 1
    else:
        ready = [
            StateChange.delivery.in_(("pending", "sending")),
            or_(StateChange.lease_until.is_(None), StateChange.lease_until <= now),
        ]
    due = select(StateChange.id).where(*ready, ~waiting_before).order_by(StateChange.id).limit(limit)
    if dialect_name(session) == "postgresql":
        due = due.with_for_update(skip_locked=True)
    ids = list((await session.scalars(due)).all())
    if not ids:
        return []
    await session.execute(
        update(StateChange)
        .where(StateChange.id.in_(ids))
        .values(delivery="sending", lease_until=now + LEASE, attempts=StateChange.attempts + 1)
    )
    rows = await session.execute(
        select(
            StateChange.id,
            StateChange.website_id,
            StateChange.kind,
            StateChange.at,
            StateChange.outage_started_at,
            StateChange.reason,
            StateChange.detail,
            StateChange.status_code,
            StateChange.attempts,
            Website.name.label("site_name"),
            Website.url.label("site_url"),
            Website.telegram_chat_id.label("chat_id"),
            User.locale.label("locale"),
        )
        .join(Website, Website.id == StateChange.website_id)
        .join(User, User.id == Website.user_id)
        .where(StateChange.id.in_(ids))
        .order_by(StateChange.id)
    )
    return [PendingAlert(**row._mapping) for row in rows]


async def record_delivery(
    session: AsyncSession, alert: PendingAlert, outcome: DeliveryOutcome, *, now: datetime
) -> None:
    """Store how a delivery ended: the outbox row, the notifications log, the website's chat."""
    chat_id = outcome.new_chat_id or alert.chat_id or ""
    if outcome.status == "sent":
        values = {"delivery": "sent", "sent_at": now, "error": None, "lease_until": None}
    elif outcome.status == "broken" or now - alert.at >= GIVE_UP_AFTER:
        values = {"delivery": "failed", "error": outcome.error, "lease_until": None}
    else:  # Telegram may take it later: back to pending, retried after a growing wait
        wait = max(retry_delay(alert.attempts), timedelta(seconds=outcome.retry_after or 0))
        values = {"delivery": "pending", "error": outcome.error, "lease_until": now + wait}
    await session.execute(update(StateChange).where(StateChange.id == alert.id).values(**values))
    session.add(
        Notification(
            website_id=alert.website_id,
            state_change_id=alert.id,
            kind=alert.kind,
            chat_id=chat_id,
            status=outcome.status,
            error=outcome.error,
            attempts=outcome.attempts,
            created_at=now,
            sent_at=now if outcome.ok else None,
        )
    )
    site = Website.id == alert.website_id
    same_chat = Website.telegram_chat_id == alert.chat_id
    if outcome.new_chat_id:
        # The group became a supergroup: follow it, unless the user changed the chat meanwhile.
        await session.execute(update(Website).where(site, same_chat).values(telegram_chat_id=outcome.new_chat_id))
        same_chat = Website.telegram_chat_id == outcome.new_chat_id
    if outcome.status == "broken":
        await session.execute(update(Website).where(site, same_chat).values(telegram_error=outcome.error))
    elif outcome.ok:
        await session.execute(update(Website).where(site, same_chat).values(telegram_error=None))


async def _release(session: AsyncSession, alerts: list[PendingAlert], *, until: datetime) -> None:
    """Give claimed alerts back untried: pending again, this claim not counted as an attempt."""
    if alerts:
        await session.execute(
            update(StateChange)
            .where(StateChange.id.in_([alert.id for alert in alerts]))
            .values(delivery="pending", lease_until=until, attempts=StateChange.attempts - 1)
        )


async def _skip(session: AsyncSession, alert: PendingAlert) -> None:
    await session.execute(
        update(StateChange).where(StateChange.id == alert.id).values(delivery="skipped", lease_until=None)
    )


async def end_waits(session: AsyncSession, *, now: datetime) -> int:
    """Telegram took a message: alerts waiting out an earlier failure (or held behind one) are due
    now, rather than after their growing pause (up to 10 minutes)."""
    result = await session.execute(
        update(StateChange)
        .where(StateChange.delivery == "pending", StateChange.lease_until > now)
        .values(lease_until=now)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def send_due_alerts(
    db: Database,
    notifier: Notifier,
    rate_limiter: RateLimiter,
    *,
    render: Render,
    clock: Callable[[], datetime],
    counters: Counters | None = None,
) -> int:
    """One sweep: claim what is due and deliver it. Alerts of one site go out in order, one after
    another; different sites in parallel. Returns how many alerts were handled.

    When nothing is due but alerts are waiting out a failure (Telegram was down), the oldest one
    is tried anyway, whatever its pause; once a message gets through, every waiting alert goes out
    in this same sweep. So alerts follow Telegram's return within one sweep (30 s), at the cost of
    one message per sweep while it is away."""
    async with db.session_scope() as session:
        alerts = await claim_alerts(session, now=clock())
        if not alerts:
            alerts = await claim_alerts(session, now=clock(), waiting=True)
    if not alerts:
        return 0
    handled, delivered = (
        len(alerts),
        await _deliver_claimed(db, notifier, rate_limiter, alerts, render=render, clock=clock, counters=counters),
    )
    if delivered:
        async with db.session_scope() as session:
            released = await end_waits(session, now=clock())
            more = await claim_alerts(session, now=clock()) if released else []
        if more:
            handled += len(more)
            await _deliver_claimed(db, notifier, rate_limiter, more, render=render, clock=clock, counters=counters)
    return handled


async def _deliver_claimed(
    db: Database,
    notifier: Notifier,
    rate_limiter: RateLimiter,
    alerts: list[PendingAlert],
    *,
    render: Render,
    clock: Callable[[], datetime],
    counters: Counters | None,
) -> bool:
    """Deliver claimed alerts; True if Telegram took at least one."""
    delivered = False
    by_site: dict[int, list[PendingAlert]] = defaultdict(list)
    for alert in alerts:
        by_site[alert.website_id].append(alert)

    async def send_in_order(site_alerts: list[PendingAlert]) -> None:
        nonlocal delivered
        for index, alert in enumerate(site_alerts):
            if not alert.chat_id:  # the user removed the chat after the alert was decided
                async with db.session_scope() as session:
                    await _skip(session, alert)
                continue
            outcome = await deliver(notifier, alert.chat_id, render(alert), rate_limiter=rate_limiter)
            delivered = delivered or outcome.ok
            async with db.session_scope() as session:
                await record_delivery(session, alert, outcome, now=clock())
                if outcome.status == "failed":
                    # Keep the order: "recovered" must not arrive before the "down" it follows.
                    await _release(session, site_alerts[index + 1 :], until=clock() + retry_delay(alert.attempts))
            if counters is not None:
                await counters.add({f"notifications:{outcome.status}": 1})
            if outcome.status == "failed":
                return

    results = await asyncio.gather(*(send_in_order(group) for group in by_site.values()), return_exceptions=True)
    for result in results:
        if isinstance(result, Exception):
            log.error("sending alerts failed: %s", result)
    return delivered
