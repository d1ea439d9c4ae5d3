"""Storing results: one check row per slot, the website's status by the policy, alerts as outbox rows."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from tests.clock import TODAY
from tests.factories import make_user, make_website
from webmon.engine import CheckKind, CheckResult
from webmon.models import StateChange, Website, WebsiteCheck
from webmon.runner.scheduling import Claim
from webmon.runner.store import store_results

T0 = TODAY + timedelta(hours=12)
HOUR = timedelta(hours=1)


def ok(site_id: int, at: datetime, ms: int = 42) -> CheckResult:
    return CheckResult(site_id, True, None, None, 200, ms, at, at + timedelta(milliseconds=ms), 1, None)


def failed(site_id: int, at: datetime, code: int = 503) -> CheckResult:
    return CheckResult(
        site_id, False, CheckKind.HTTP_STATUS, f"HTTP {code} Service Unavailable", code, 12, at, at, 4, None
    )


async def store(db, *pairs, now=None):
    async with db.session_scope() as session:
        return await store_results(session, list(pairs), now=now or T0, reminder_interval=HOUR)


async def site_and_checks(db, site_id):
    async with db.session_scope() as session:
        site = await session.get(Website, site_id)
        checks = (await session.scalars(select(WebsiteCheck).where(WebsiteCheck.website_id == site_id))).all()
        changes = (await session.scalars(select(StateChange).where(StateChange.website_id == site_id))).all()
        return site, checks, changes


async def make_site(db, **overrides):
    async with db.session_scope() as session:
        return await make_website(session, await make_user(session), **overrides)


async def test_a_good_check_is_stored_and_a_new_site_goes_up_without_an_alert(db):
    site = await make_site(db)

    outcome = await store(db, (Claim(site.id, T0), ok(site.id, T0, ms=87)))

    stored, checks, changes = await site_and_checks(db, site.id)
    assert outcome.stored == 1
    assert (stored.status, stored.response_time, stored.total_checks, stored.failed_checks) == ("up", 87, 1, 0)
    assert stored.last_check == T0
    assert [(c.status, c.status_code, c.response_time, c.error_kind) for c in checks] == [("up", 200, 87, None)]
    assert changes == []


async def test_a_site_goes_down_after_threshold_failures_with_one_outbox_row(db):
    site = await make_site(db, failure_threshold=2, status="up", telegram_chat_id="12345")

    await store(db, (Claim(site.id, T0), failed(site.id, T0)))
    after_one, _, no_change = await site_and_checks(db, site.id)
    await store(db, (Claim(site.id, T0 + timedelta(minutes=1)), failed(site.id, T0 + timedelta(minutes=1))))
    after_two, checks, changes = await site_and_checks(db, site.id)

    assert (after_one.status, after_one.consecutive_failures, no_change) == ("up", 1, [])
    assert (after_two.status, after_two.consecutive_failures, after_two.failed_checks) == ("down", 2, 2)
    assert after_two.error_kind == "HTTP_STATUS"
    assert after_two.error_message == "HTTP 503 Service Unavailable"
    assert [c.error_kind for c in checks] == ["HTTP_STATUS", "HTTP_STATUS"]
    [change] = changes
    assert (change.kind, change.from_status, change.to_status) == ("down", "up", "down")
    assert change.outage_started_at == T0  # the first failure, not the one that crossed the threshold
    assert (change.reason, change.status_code, change.delivery) == ("HTTP_STATUS", 503, "pending")


async def test_a_recovery_writes_a_recovered_row_with_the_outage_start(db):
    site = await make_site(db, failure_threshold=1, status="up")
    await store(db, (Claim(site.id, T0), failed(site.id, T0)))

    await store(db, (Claim(site.id, T0 + HOUR), ok(site.id, T0 + HOUR)))

    stored, _, changes = await site_and_checks(db, site.id)
    assert stored.status == "up"
    assert stored.status_changed_at == T0 + HOUR
    assert [(c.kind, c.outage_started_at) for c in changes] == [("down", T0), ("recovered", T0)]


async def test_without_a_telegram_chat_alerts_are_kept_but_never_sent(db):
    site = await make_site(db, failure_threshold=1, telegram_chat_id=None)

    outcome = await store(db, (Claim(site.id, T0), failed(site.id, T0)))

    _, _, [change] = await site_and_checks(db, site.id)
    assert change.delivery == "skipped"
    assert (outcome.state_changes, outcome.deliverable) == (1, 0)


async def test_storing_the_same_slot_twice_writes_it_once(db):
    site = await make_site(db, failure_threshold=1)
    pair = (Claim(site.id, T0), failed(site.id, T0))

    first = await store(db, pair)
    second = await store(db, pair)

    stored, checks, changes = await site_and_checks(db, site.id)
    assert (first.stored, second.stored, second.duplicates) == (1, 0, 1)
    assert len(checks) == 1
    assert len(changes) == 1
    assert stored.total_checks == 1


async def test_an_older_slot_arriving_late_is_not_stored(db):
    site = await make_site(db)
    await store(db, (Claim(site.id, T0 + HOUR), ok(site.id, T0 + HOUR)))

    late = await store(db, (Claim(site.id, T0), failed(site.id, T0)))

    stored, checks, _ = await site_and_checks(db, site.id)
    assert late.duplicates == 1
    assert stored.status == "up"
    assert len(checks) == 1


async def test_a_site_deleted_while_being_checked_is_skipped(db):
    site = await make_site(db)
    async with db.session_scope() as session:
        await session.delete(await session.get(Website, site.id))

    outcome = await store(db, (Claim(site.id, T0), ok(site.id, T0)))

    assert outcome.stored == 0
    async with db.session_scope() as session:
        assert await session.scalar(select(func.count()).select_from(WebsiteCheck)) == 0


async def test_a_batch_of_many_sites_is_stored_in_one_go(db):
    async with db.session_scope() as session:
        user = await make_user(session)
        sites = [await make_website(session, user) for _ in range(50)]

    outcome = await store(db, *[(Claim(s.id, T0), ok(s.id, T0)) for s in sites])

    assert outcome.stored == 50
    async with db.session_scope() as session:
        statuses = (await session.scalars(select(Website.status))).all()
    assert set(statuses) == {"up"}
