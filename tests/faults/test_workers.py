"""Workers and Beats misbehaving: a worker killed in the middle of its batch, two Beats at once.
Storing is a compare-and-set per slot (runner/store.py), and claiming is atomic
(runner/scheduling.py): nothing is checked twice for a slot, and nothing is forgotten."""

from __future__ import annotations

import asyncio

import pytest

from tests.faults.stack import duplicated_slots, eventually
from webmon.models import utcnow

pytestmark = pytest.mark.stack
TICK = 1.0  # seconds between Beat's ticks in this module's stack


async def test_a_worker_killed_mid_batch_loses_no_site_and_stores_no_slot_twice(running, target):
    stack, interval = running, 4
    target.delay = 1.0  # every check takes a second: a worker is always in the middle of a batch
    ids = await stack.plant_sites([target.url(f"/kill/{n}") for n in range(200)], interval=interval)
    rows, _ = await eventually(
        lambda: stack.checks(ids), lambda rows: {i for i, _ in rows} == set(ids), timeout=3 * interval
    )
    assert {i for i, _ in rows} == set(ids), stack.logs()

    in_flight_at_kill = target.in_flight
    killed_at = utcnow()
    stack.kill("worker1")
    again, took = await eventually(
        lambda: stack.checks(ids, since=killed_at), lambda rows: {i for i, _ in rows} == set(ids), timeout=2 * interval
    )
    await asyncio.sleep(interval)  # anything stored twice would show by now
    every_check = await stack.checks(ids)
    await stack.deactivate(ids)

    print(f"\nworker killed with {in_flight_at_kill} checks in flight; every site checked again {took:.1f} s later")
    assert in_flight_at_kill > 0
    assert {i for i, _ in again} == set(ids)
    assert took <= 2 * interval
    assert duplicated_slots(every_check, interval) == []


async def test_two_beats_at_once_check_each_slot_once(running, target, tmp_path):
    stack, interval = running, 2
    stack.start("beat2", "beat", WEBMON_DATA_DIR=str(tmp_path / "beat2"))
    ids = await stack.plant_sites([target.url(f"/beats/{n}") for n in range(100)], interval=interval)
    try:
        await asyncio.sleep(2 * interval)  # both Beats ticking
        window_start = utcnow()
        await asyncio.sleep(5 * interval)
        window_end = utcnow()
    finally:
        stack.stop("beat2")
    await asyncio.sleep(interval)
    every_check = await stack.checks(ids)
    await stack.deactivate(ids)

    in_window = [(i, at) for i, at in every_check if window_start <= at < window_end]
    per_site = {site_id: sum(1 for i, _ in in_window if i == site_id) for site_id in ids}
    beat2_ticks = (stack.folder / "beat2.log").read_text().count("Sending due task tick")
    print(
        f"\nsecond Beat sent {beat2_ticks} ticks; checks per site in {5 * interval} s: {sorted(set(per_site.values()))}"
    )
    assert beat2_ticks >= 5 * interval / TICK - 2
    assert duplicated_slots(every_check, interval) == []
    assert set(per_site.values()) <= {4, 5, 6}  # 5 slots in the window, give or take one at its edges
