"""A wall clock that steps back does not stop the checks: the scheduler waits on monotonic time."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from tests.clock import SteppingClock
from tests.factories import make_user, make_website
from tests.targets import WORD, target_site
from webmon.engine import CheckEngine, EngineConfig
from webmon.models import WebsiteCheck
from webmon.runner.scheduler import InProcessScheduler
from webmon.runner.steady_clock import SteadyClock

T0 = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


class FakeTime:
    def __init__(self) -> None:
        self.wall = T0
        self.monotonic = 1000.0

    def pass_(self, seconds: float) -> None:
        self.wall += timedelta(seconds=seconds)
        self.monotonic += seconds


def test_the_steady_clock_follows_the_wall_clock_while_it_runs_normally():
    fake = FakeTime()
    clock = SteadyClock(lambda: fake.wall, lambda: fake.monotonic)
    fake.pass_(5)

    assert clock() == T0 + timedelta(seconds=5)


def test_the_steady_clock_keeps_its_pace_when_the_wall_clock_steps_back():
    fake = FakeTime()
    clock = SteadyClock(lambda: fake.wall, lambda: fake.monotonic)
    fake.pass_(10)
    fake.wall -= timedelta(hours=1)
    fake.pass_(5)

    assert clock() == T0 + timedelta(seconds=15)
    fake.pass_(5)
    assert clock() == T0 + timedelta(seconds=20)


def test_the_steady_clock_follows_a_forward_step_and_a_wall_clock_that_caught_up():
    fake = FakeTime()
    clock = SteadyClock(lambda: fake.wall, lambda: fake.monotonic)
    fake.wall -= timedelta(hours=1)
    clock()
    fake.wall += timedelta(hours=2)  # corrected, and then some (a suspended VM wakes)

    assert clock() == T0 + timedelta(hours=1)


async def _checks(db) -> int:
    async with db.session_scope() as session:
        return await session.scalar(select(func.count()).select_from(WebsiteCheck))


async def _wait_for_checks(db, count: int, timeout: float) -> int:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        seen = await _checks(db)
        if seen >= count or asyncio.get_running_loop().time() > deadline:
            return seen
        await asyncio.sleep(0.05)


async def test_checks_go_on_when_the_wall_clock_steps_back_an_hour(db, settings):
    wall = SteppingClock()
    async with target_site() as target, CheckEngine(EngineConfig(allow_private_targets=True, retries=0)) as engine:
        async with db.session_scope() as session:
            user = await make_user(session)
            await make_website(session, user, url=target.serve("/"), valid_word=WORD, check_interval=1)
        scheduler = InProcessScheduler(
            db, engine, settings.model_copy(update={"scheduler_tick": 0.2, "min_check_interval": 1}), clock=wall
        )
        running = asyncio.create_task(scheduler.run())
        try:
            assert await _wait_for_checks(db, 1, timeout=5) >= 1
            wall.step(timedelta(hours=-1))
            before = await _checks(db)
            after = await _wait_for_checks(db, before + 2, timeout=4)
        finally:
            running.cancel()
            await asyncio.gather(running, return_exceptions=True)
            await scheduler.stop()

    assert after >= before + 2, "no check was made after the clock stepped back"
