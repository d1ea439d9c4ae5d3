"""Scheduling: every site has its slots, and a claim hands each slot to exactly one claimer."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.factories import make_user, make_website
from webmon.models import Website
from webmon.runner.scheduling import claim_due_websites, next_slot, phase_offset_ms

NOW = datetime(2026, 11, 28, 12, 0, 0, tzinfo=UTC)
TICK = timedelta(seconds=5)


def test_the_next_slot_is_strictly_after_the_given_time_and_one_interval_on_from_a_slot():
    first = next_slot(7, 60, NOW)
    second = next_slot(7, 60, first)

    assert NOW < first <= NOW + timedelta(seconds=60)
    assert second - first == timedelta(seconds=60)


def test_sites_added_together_are_spread_across_the_interval():
    offsets = sorted(phase_offset_ms(site_id, 60) for site_id in range(1, 10_001))

    per_second = [0] * 60
    for offset in offsets:
        per_second[offset // 1000] += 1
    assert max(per_second) < 10_000 / 60 * 1.2  # within 20% of a perfectly even spread


async def test_a_claim_takes_due_active_sites_and_moves_them_to_their_next_slot(db):
    async with db.session_scope() as session:
        user = await make_user(session)
        due = await make_website(session, user, next_check_at=NOW - timedelta(seconds=1), check_interval=60)
        soon = await make_website(session, user, next_check_at=NOW + timedelta(seconds=3))
        later = await make_website(session, user, next_check_at=NOW + timedelta(seconds=30))
        paused = await make_website(session, user, next_check_at=NOW - timedelta(hours=1), is_active=False)

    async with db.session_scope() as session:
        claims = (await claim_due_websites(session, now=NOW, horizon=TICK, limit=100)).claims

    assert [(c.website_id, c.slot) for c in claims] == [
        (due.id, NOW - timedelta(seconds=1)),
        (soon.id, NOW + timedelta(seconds=3)),
    ]
    async with db.session_scope() as session:
        moved = await session.get(Website, due.id)
        assert moved.next_check_at == next_slot(due.id, 60, NOW)
        assert (await session.get(Website, later.id)).next_check_at == NOW + timedelta(seconds=30)
        assert (await session.get(Website, paused.id)).next_check_at == NOW - timedelta(hours=1)


async def test_claiming_again_at_once_finds_nothing(db):
    async with db.session_scope() as session:
        user = await make_user(session)
        await make_website(session, user, next_check_at=NOW)

    async with db.session_scope() as session:
        first = (await claim_due_websites(session, now=NOW, horizon=TICK, limit=100)).claims
    async with db.session_scope() as session:
        second = (await claim_due_websites(session, now=NOW, horizon=TICK, limit=100)).claims

    assert len(first) == 1
    assert second == []


async def test_after_an_outage_overdue_sites_go_back_to_their_own_slots_without_a_burst(db):
    async with db.session_scope() as session:
        user = await make_user(session)
        sites = [
            await make_website(session, user, next_check_at=NOW - timedelta(hours=3), check_interval=60)
            for _ in range(20)
        ]

    async with db.session_scope() as session:
        claimed = await claim_due_websites(session, now=NOW, horizon=TICK, limit=100)
    async with db.session_scope() as session:
        next_checks = [(await session.get(Website, site.id)).next_check_at for site in sites]

    # Only the sites whose own next slot falls within this tick are checked now, at that slot.
    assert all(NOW < claim.slot <= NOW + TICK for claim in claimed.claims)
    assert len(claimed.claims) + claimed.missed == 20
    assert all(NOW < when <= NOW + TICK + timedelta(seconds=60) for when in next_checks)
    assert {when.timestamp() % 60 for when in next_checks} == {
        next_slot(site.id, 60, NOW).timestamp() % 60 for site in sites
    }


async def test_a_site_with_a_long_interval_is_checked_once_after_an_outage(db):
    async with db.session_scope() as session:
        user = await make_user(session)
        daily = await make_website(session, user, next_check_at=NOW - timedelta(hours=1), check_interval=86_400)

    async with db.session_scope() as session:
        claimed = await claim_due_websites(session, now=NOW, horizon=TICK, limit=100)
        next_check = (await session.get(Website, daily.id)).next_check_at

    assert [(c.website_id, c.slot) for c in claimed.claims] == [(daily.id, NOW)]
    assert next_check == next_slot(daily.id, 86_400, NOW)


async def test_a_check_a_little_late_is_still_made_at_its_slot(db):
    async with db.session_scope() as session:
        user = await make_user(session)
        site = await make_website(session, user, next_check_at=NOW - timedelta(seconds=10), check_interval=60)

    async with db.session_scope() as session:
        claimed = await claim_due_websites(session, now=NOW, horizon=TICK, limit=100)

    assert [(c.website_id, c.slot) for c in claimed.claims] == [(site.id, NOW - timedelta(seconds=10))]


async def test_the_limit_caps_a_claim_and_takes_the_most_overdue_first(db):
    async with db.session_scope() as session:
        user = await make_user(session)
        for minutes in (3, 1, 2):
            await make_website(session, user, name=f"late {minutes}", next_check_at=NOW - timedelta(seconds=minutes))

    async with db.session_scope() as session:
        claims = (await claim_due_websites(session, now=NOW, horizon=TICK, limit=2)).claims
        names = [(await session.get(Website, claim.website_id)).name for claim in claims]

    assert names == ["late 3", "late 2"]


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
async def test_two_concurrent_claimers_on_postgresql_get_disjoint_sets(db):
    # PostgreSQL only: SKIP LOCKED is what lets claimers run side by side; SQLite serialises them.
    async with db.session_scope() as session:
        user = await make_user(session)
        for n in range(40):
            await make_website(session, user, next_check_at=NOW - timedelta(seconds=n / 2))

    first_claimed = asyncio.Event()
    release_first = asyncio.Event()

    async def slow_claimer():
        async with db.session_scope() as session:
            claims = (await claim_due_websites(session, now=NOW, horizon=TICK, limit=25)).claims
            first_claimed.set()
            await release_first.wait()  # hold the row locks, uncommitted
            return claims

    async def fast_claimer():
        await first_claimed.wait()
        async with db.session_scope() as session:
            claims = (await claim_due_websites(session, now=NOW, horizon=TICK, limit=25)).claims
        release_first.set()
        return claims

    first, second = await asyncio.gather(slow_claimer(), fast_claimer())

    first_ids = {claim.website_id for claim in first}
    second_ids = {claim.website_id for claim in second}
    assert len(first_ids) == 25
    assert len(second_ids) == 15  # it did not wait for the first: it skipped the locked rows
    assert first_ids.isdisjoint(second_ids)
    async with db.session_scope() as session:
        assert first_ids | second_ids == set((await session.scalars(select(Website.id))).all())
