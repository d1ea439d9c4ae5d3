"""Store a batch of check results in one transaction and decide alerts with the pure policy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Result, Row, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.alerting.policy import SiteState, SiteStatus, Thresholds, decide
from webmon.db import dialect_name
from webmon.engine import CheckResult
from webmon.models import StateChange, Website, WebsiteCheck
from webmon.runner.bulk import update_sites
from webmon.runner.rollups import RollupDeltas, write_rollups
from webmon.runner.scheduling import Claim
from webmon.timeslots import max_gap

MAX_CHECK_MESSAGE = 500
MAX_SITE_MESSAGE = 1000

_SITE_STATE_COLUMNS = (
    Website.id,
    Website.status,
    Website.consecutive_failures,
    Website.failing_since,
    Website.last_notification_sent,
    Website.failure_threshold,
    Website.last_slot_at,
    Website.telegram_chat_id,
    Website.status_changed_at,
    Website.total_checks,
    Website.failed_checks,
    Website.last_check,
    Website.check_interval,
    Website.timeout,
)


@dataclass(frozen=True, slots=True)
class StoreOutcome:
    stored: int  # check rows written
    duplicates: int  # results for a slot already stored (a batch that ran twice)
    state_changes: int  # alerts written to the outbox
    deliverable: int  # of those, how many have a chat to go to


async def store_results(
    session: AsyncSession,
    results: Sequence[tuple[Claim, CheckResult]],
    *,
    now: datetime,
    reminder_interval: timedelta | None,
    notify: bool = True,
) -> StoreOutcome:
    """Write the checks, update each website, and write alerts as outbox rows.

    The websites' rows are locked (PostgreSQL) and a result is applied only if its slot is newer
    than the last one stored for that site: storing is idempotent, so a batch task that runs twice
    writes nothing the second time. A site deleted meanwhile is skipped. With `notify` off
    (Telegram not configured) alerts are still recorded, as already "skipped".
    """
    latest: dict[int, tuple[Claim, CheckResult]] = {}
    for claim, result in results:
        kept = latest.get(claim.website_id)
        if kept is None or claim.slot > kept[0].slot:
            latest[claim.website_id] = (claim, result)
    duplicates = len(results) - len(latest)
    sites = await _lock_sites(session, sorted(latest))

    site_updates: list[dict[str, Any]] = []
    check_rows: list[dict[str, Any]] = []
    changes: list[dict[str, Any]] = []
    rollups = RollupDeltas()
    for site_id, (claim, result) in latest.items():
        site = sites.get(site_id)
        if site is None:
            continue
        if site.last_slot_at is not None and claim.slot <= site.last_slot_at:
            duplicates += 1
            continue
        site_update, change = _apply(site, claim, result, now=now, reminder_interval=reminder_interval, notify=notify)
        site_updates.append(site_update)
        check_rows.append(_check_row(site_id, result))
        rollups.add_check(
            site_id,
            at=result.started_at,
            ok=result.ok,
            response_time_ms=result.response_time_ms,
            previous_at=site.last_check,
            previous_ok=site.consecutive_failures == 0,
            gap_limit=max_gap(site.check_interval, site.timeout),
        )
        if change is not None:
            changes.append(change)

    if site_updates:
        if dialect_name(session) == "postgresql":
            await update_sites(session, site_updates)
        else:
            await session.execute(update(Website), site_updates)
        await insert_checks(session, check_rows)
        await write_rollups(session, rollups)
    if changes:
        await session.execute(insert(StateChange), changes)
    return StoreOutcome(
        stored=len(check_rows),
        duplicates=duplicates,
        state_changes=len(changes),
        deliverable=sum(1 for change in changes if change["delivery"] == "pending"),
    )


async def _lock_sites(session: AsyncSession, ids: list[int]) -> dict[int, Row[Any]]:
    if not ids:
        return {}
    # One lock order (by id) for every batch, so concurrent batches cannot deadlock.
    query = select(*_SITE_STATE_COLUMNS).where(Website.id.in_(ids)).order_by(Website.id)
    if dialect_name(session) == "postgresql":
        query = query.with_for_update()
    result: Result[Any] = await session.execute(query)
    return {row.id: row for row in result.all()}


def _apply(
    site: Row[Any],
    claim: Claim,
    result: CheckResult,
    *,
    now: datetime,
    reminder_interval: timedelta | None,
    notify: bool,
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The website's new row values, and the outbox row if the policy decided an alert."""
    state = SiteState(
        status=SiteStatus(site.status),
        consecutive_failures=site.consecutive_failures,
        failing_since=site.failing_since,
        last_alert_at=site.last_notification_sent,
    )
    decision = decide(
        state,
        check_ok=result.ok,
        checked_at=result.started_at,
        thresholds=Thresholds(failure_threshold=site.failure_threshold, reminder_interval=reminder_interval),
        now=now,
    )
    kind = result.kind.value if result.kind else None
    site_update = {
        "id": site.id,
        "status": decision.status.value,
        "consecutive_failures": decision.consecutive_failures,
        "failing_since": decision.failing_since,
        "last_notification_sent": decision.last_alert_at,
        "status_changed_at": result.started_at if decision.status != state.status else site.status_changed_at,
        "last_check": result.started_at,
        "last_slot_at": claim.slot,
        "response_time": result.response_time_ms,
        "error_kind": kind,
        "error_message": _clip(result.message, MAX_SITE_MESSAGE),
        "tls_expires_at": result.tls_expires_at,
        # Exact: the row is locked (or SQLite's writer lock is held) from read to write.
        "total_checks": site.total_checks + 1,
        "failed_checks": site.failed_checks + (0 if result.ok else 1),
    }
    if decision.alert is None:
        return site_update, None
    change = {
        "website_id": site.id,
        "kind": decision.alert.value,
        "from_status": state.status.value,
        "to_status": decision.status.value,
        "at": result.started_at,
        "outage_started_at": decision.outage_started_at,
        "reason": kind,
        "detail": _clip(result.message, MAX_CHECK_MESSAGE),
        "status_code": result.status_code,
        # Nowhere to send it: kept as history, never picked up by the sender.
        "delivery": "pending" if notify and site.telegram_chat_id else "skipped",
    }
    return site_update, change


_CHECK_COLUMNS = ("checked_at", "website_id", "response_time", "status_code", "status", "error_kind", "error_message")


async def insert_checks(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """COPY on PostgreSQL (the cheapest way in, and it routes rows to their daily partition);
    a multi-row INSERT elsewhere."""
    if dialect_name(session) != "postgresql":
        await session.execute(insert(WebsiteCheck), rows)
        return
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    driver = raw.driver_connection
    assert driver is not None, "a pooled connection always has its asyncpg connection"
    await driver.copy_records_to_table(
        WebsiteCheck.__tablename__,
        records=[tuple(row[name] for name in _CHECK_COLUMNS) for row in rows],
        columns=_CHECK_COLUMNS,
    )


def _check_row(site_id: int, result: CheckResult) -> dict[str, Any]:
    return {
        "website_id": site_id,
        "checked_at": result.started_at,
        "status": "up" if result.ok else "down",
        "status_code": result.status_code,
        "response_time": result.response_time_ms,
        "error_kind": result.kind.value if result.kind else None,
        "error_message": _clip(result.message, MAX_CHECK_MESSAGE),
    }


def _clip(text: str | None, limit: int) -> str | None:
    if text is None or len(text) <= limit:
        return text
    return text[: limit - 1] + "…"
