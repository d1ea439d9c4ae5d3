"""The pipeline against real sockets: claimed sites are checked at their slot and stored."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.factories import make_user, make_website
from tests.targets import WORD, target_site
from webmon.engine import CheckEngine, EngineConfig
from webmon.models import StateChange, Website, WebsiteCheck, utcnow
from webmon.runner.pipeline import run_batch
from webmon.runner.scheduling import Claim


@pytest.fixture
async def engine():
    async with CheckEngine(EngineConfig(allow_private_targets=True, retries=0)) as check_engine:
        yield check_engine


@pytest.fixture
async def target():
    async with target_site() as site:
        yield site


async def _sites(db, *urls, **overrides):
    async with db.session_scope() as session:
        user = await make_user(session)
        return [await make_website(session, user, url=url, valid_word=WORD, **overrides) for url in urls]


async def test_a_batch_checks_each_site_and_stores_what_it_saw(db, engine, target):
    up, broken = await _sites(db, target.serve("/up"), target.serve("/broken", status=503), failure_threshold=1)
    now = utcnow()

    report = await run_batch(db, engine, [Claim(up.id, now), Claim(broken.id, now)], reminder_interval=None)

    assert (report.checked, report.stored, report.state_changes) == (2, 2, 1)
    async with db.session_scope() as session:
        assert (await session.get(Website, up.id)).status == "up"
        down = await session.get(Website, broken.id)
        assert (down.status, down.error_kind) == ("down", "HTTP_STATUS")
        assert [
            c.status_code for c in (await session.scalars(select(WebsiteCheck).order_by(WebsiteCheck.website_id)))
        ] == [200, 503]
        assert (await session.scalars(select(StateChange.kind))).all() == ["down"]


async def test_a_check_starts_at_its_slot_not_before(db, engine, target):
    [site] = await _sites(db, target.serve("/up"))
    slot = utcnow() + timedelta(seconds=0.5)

    report = await run_batch(db, engine, [Claim(site.id, slot)], reminder_interval=None)

    async with db.session_scope() as session:
        check = await session.scalar(select(WebsiteCheck))
    assert check.checked_at >= slot
    assert report.lags and report.lags[0] < 0.25


async def test_a_slow_site_does_not_hold_back_its_batch_mates_results(db, engine, target):
    fast, slow = await _sites(db, target.serve("/fast"), target.serve("/slow", delay=3), timeout=10)
    now = utcnow()

    batch = asyncio.create_task(
        run_batch(db, engine, [Claim(fast.id, now), Claim(slow.id, now)], reminder_interval=None)
    )
    await asyncio.sleep(1.5)
    async with db.session_scope() as session:
        stored_while_slow_runs = (await session.scalars(select(WebsiteCheck.website_id))).all()
    await batch

    assert stored_while_slow_runs == [fast.id]


async def test_a_site_paused_after_it_was_claimed_is_not_checked(db, engine, target):
    [site] = await _sites(db, target.serve("/up"), is_active=False)

    report = await run_batch(db, engine, [Claim(site.id, utcnow())], reminder_interval=None)

    assert report.checked == 0
    assert target.hits["/up"] == 0
