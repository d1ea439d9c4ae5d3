"""The alert policy over long random runs: properties that hold whatever the checks return
(the transition table is in test_policy.py)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from webmon.alerting.policy import AlertKind, SiteState, SiteStatus, Thresholds, decide

T0 = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)
HOUR = timedelta(hours=1)

PENDING, UP, DOWN = SiteStatus.PENDING, SiteStatus.UP, SiteStatus.DOWN


def _random_run(seed: int, steps: int = 2000):
    rng = random.Random(seed)
    thresholds = Thresholds(
        failure_threshold=rng.randint(1, 10),
        reminder_interval=rng.choice([None, timedelta(0), 10 * MIN, HOUR]),
    )
    failure_rate = rng.choice([0.1, 0.5, 0.9])
    state = SiteState()
    at = T0
    for _ in range(steps):
        at += timedelta(seconds=rng.choice([30, 60, 300, 900]))
        check_ok = rng.random() > failure_rate
        decision = decide(state, check_ok=check_ok, checked_at=at, thresholds=thresholds, now=at)
        yield state, check_ok, at, thresholds, decision
        state = decision.state


SEEDS = range(40)


@pytest.mark.parametrize("seed", SEEDS)
def test_alerts_alternate_down_then_recovered(seed: int) -> None:
    open_outage = False
    for _, _, _, _, decision in _random_run(seed):
        if decision.alert is AlertKind.DOWN:
            assert not open_outage, "two DOWN alerts without a RECOVERED between them"
            open_outage = True
        elif decision.alert is AlertKind.RECOVERED:
            assert open_outage, "RECOVERED without a DOWN before it"
            open_outage = False
        elif decision.alert is AlertKind.REMINDER:
            assert open_outage, "REMINDER outside an outage"


@pytest.mark.parametrize("seed", SEEDS)
def test_status_follows_the_threshold(seed: int) -> None:
    for before, check_ok, _, thresholds, decision in _random_run(seed):
        if check_ok:
            assert decision.status is UP and decision.consecutive_failures == 0
        else:
            assert decision.consecutive_failures == before.consecutive_failures + 1
            reached = decision.consecutive_failures >= thresholds.failure_threshold
            assert (decision.status is DOWN) == (reached or before.status is DOWN)


@pytest.mark.parametrize("seed", SEEDS)
def test_reminders_are_spaced_by_the_interval(seed: int) -> None:
    last_alert: datetime | None = None
    for _, _, at, thresholds, decision in _random_run(seed):
        if decision.alert is AlertKind.DOWN:
            last_alert = at
        elif decision.alert is AlertKind.REMINDER:
            assert thresholds.reminder_interval
            assert last_alert is not None and at - last_alert >= thresholds.reminder_interval
            last_alert = at


@pytest.mark.parametrize("seed", SEEDS)
def test_the_outage_start_is_the_first_failure_of_the_run(seed: int) -> None:
    run_start: datetime | None = None
    for _, check_ok, at, _, decision in _random_run(seed):
        if decision.alert is AlertKind.RECOVERED:
            assert decision.outage_started_at == run_start
        run_start = None if check_ok else (run_start or at)
        if decision.alert in (AlertKind.DOWN, AlertKind.REMINDER):
            assert decision.outage_started_at == run_start
        assert decision.failing_since == run_start
