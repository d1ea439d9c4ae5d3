"""The alert policy: one table row per transition (properties of long runs: test_policy_properties.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from webmon.alerting.policy import AlertKind, SiteState, SiteStatus, Thresholds, decide

T0 = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)
HOUR = timedelta(hours=1)

PENDING, UP, DOWN = SiteStatus.PENDING, SiteStatus.UP, SiteStatus.DOWN


@dataclass(frozen=True)
class Row:
    name: str
    before: SiteState
    check_ok: bool
    threshold: int
    now: datetime
    status: SiteStatus
    failures: int
    alert: AlertKind | None
    failing_since: datetime | None
    last_alert_at: datetime | None
    outage_started_at: datetime | None = None


NOW = T0 + 10 * MIN  # the check under decision was made at NOW too, unless said otherwise

ROWS = [
    # --- pending: waiting for the first check -------------------------------------------
    Row("pending + good check -> up, no alert", SiteState(PENDING), True, 2, NOW, UP, 0, None, None, None),
    Row(
        "pending + first failure below threshold -> stays pending",
        SiteState(PENDING),
        False,
        2,
        NOW,
        PENDING,
        1,
        None,
        NOW,
        None,
    ),
    Row(
        "pending + failure reaching threshold -> down + DOWN alert, since the first failure",
        SiteState(PENDING, 1, T0, None),
        False,
        2,
        NOW,
        DOWN,
        2,
        AlertKind.DOWN,
        T0,
        NOW,
        T0,
    ),
    Row(
        "pending + first failure with threshold 1 -> down + DOWN alert",
        SiteState(PENDING),
        False,
        1,
        NOW,
        DOWN,
        1,
        AlertKind.DOWN,
        NOW,
        NOW,
        NOW,
    ),
    Row(
        "pending with failures + good check -> up, no alert",
        SiteState(PENDING, 1, T0, None),
        True,
        2,
        NOW,
        UP,
        0,
        None,
        None,
        None,
    ),
    # --- up ------------------------------------------------------------------------------
    Row("up + good check -> nothing", SiteState(UP), True, 2, NOW, UP, 0, None, None, None),
    Row(
        "up + failure below threshold -> stays up (flap protection)",
        SiteState(UP),
        False,
        3,
        NOW,
        UP,
        1,
        None,
        NOW,
        None,
    ),
    Row(
        "up + second failure still below threshold 3 -> stays up, run start kept",
        SiteState(UP, 1, T0, None),
        False,
        3,
        NOW,
        UP,
        2,
        None,
        T0,
        None,
    ),
    Row(
        "up + failure reaching threshold -> down + DOWN alert, down since the first failure",
        SiteState(UP, 2, T0, None),
        False,
        3,
        NOW,
        DOWN,
        3,
        AlertKind.DOWN,
        T0,
        NOW,
        T0,
    ),
    Row(
        "up + good check after a failure -> run forgotten, no alert",
        SiteState(UP, 1, T0, None),
        True,
        2,
        NOW,
        UP,
        0,
        None,
        None,
        None,
    ),
    # --- down ----------------------------------------------------------------------------
    Row(
        "down + failure, reminder not due -> nothing",
        SiteState(DOWN, 2, T0, T0),
        False,
        2,
        T0 + 59 * MIN,
        DOWN,
        3,
        None,
        T0,
        T0,
    ),
    Row(
        "down + failure, reminder due exactly -> REMINDER",
        SiteState(DOWN, 2, T0, T0),
        False,
        2,
        T0 + HOUR,
        DOWN,
        3,
        AlertKind.REMINDER,
        T0,
        T0 + HOUR,
        T0,
    ),
    Row(
        "down + failure, reminder overdue -> REMINDER",
        SiteState(DOWN, 5, T0, T0),
        False,
        2,
        T0 + 3 * HOUR,
        DOWN,
        6,
        AlertKind.REMINDER,
        T0,
        T0 + 3 * HOUR,
        T0,
    ),
    Row(
        "down + failure after a reminder, next not due -> nothing",
        SiteState(DOWN, 9, T0, T0 + HOUR),
        False,
        2,
        T0 + HOUR + 30 * MIN,
        DOWN,
        10,
        None,
        T0,
        T0 + HOUR,
    ),
    Row(
        "down without an alert on record + failure -> REMINDER now",
        SiteState(DOWN, 2, T0, None),
        False,
        2,
        NOW,
        DOWN,
        3,
        AlertKind.REMINDER,
        T0,
        NOW,
        T0,
    ),
    Row(
        "down + good check -> up + RECOVERED, with the outage start",
        SiteState(DOWN, 4, T0, T0 + MIN),
        True,
        2,
        NOW,
        UP,
        0,
        AlertKind.RECOVERED,
        None,
        None,
        T0,
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_transition(row: Row) -> None:
    decision = decide(
        row.before,
        check_ok=row.check_ok,
        checked_at=row.now,
        thresholds=Thresholds(failure_threshold=row.threshold, reminder_interval=HOUR),
        now=row.now,
    )

    assert decision.status is row.status
    assert decision.consecutive_failures == row.failures
    assert decision.alert == row.alert
    assert decision.failing_since == row.failing_since
    assert decision.last_alert_at == row.last_alert_at
    assert decision.outage_started_at == row.outage_started_at


def test_down_since_is_the_first_failed_check_even_with_threshold_three() -> None:
    thresholds = Thresholds(failure_threshold=3)
    state = SiteState(UP)
    for minute in (2, 3, 4):
        at = T0 + minute * MIN
        decision = decide(state, check_ok=False, checked_at=at, thresholds=thresholds, now=at)
        state = decision.state

    assert decision.alert is AlertKind.DOWN
    assert state.down_since == T0 + 2 * MIN


def test_down_since_is_none_unless_down() -> None:
    assert SiteState(UP, 1, T0, None).down_since is None
    assert SiteState(DOWN, 2, T0, T0).down_since == T0


def test_the_run_starts_when_the_check_was_made_not_when_it_was_decided() -> None:
    decision = decide(
        SiteState(UP),
        check_ok=False,
        checked_at=T0,
        thresholds=Thresholds(failure_threshold=2),
        now=T0 + 5 * MIN,
    )

    assert decision.failing_since == T0


def test_a_down_alert_is_stamped_with_the_decision_time() -> None:
    decision = decide(
        SiteState(UP, 1, T0, None),
        check_ok=False,
        checked_at=T0 + MIN,
        thresholds=Thresholds(failure_threshold=2),
        now=T0 + 2 * MIN,
    )

    assert decision.last_alert_at == T0 + 2 * MIN


@pytest.mark.parametrize("interval", [None, timedelta(0)], ids=["none", "zero"])
def test_no_reminders_when_the_interval_is_off(interval: timedelta | None) -> None:
    decision = decide(
        SiteState(DOWN, 50, T0, T0),
        check_ok=False,
        checked_at=T0 + 24 * HOUR,
        thresholds=Thresholds(failure_threshold=2, reminder_interval=interval),
        now=T0 + 24 * HOUR,
    )

    assert decision.alert is None
    assert decision.status is DOWN


def test_a_reminder_is_not_due_when_the_clock_runs_behind_the_last_alert() -> None:
    decision = decide(
        SiteState(DOWN, 2, T0, T0 + MIN),
        check_ok=False,
        checked_at=T0,
        thresholds=Thresholds(reminder_interval=HOUR),
        now=T0,
    )

    assert decision.alert is None


def test_a_state_without_a_run_start_starts_the_run_at_this_check() -> None:
    decision = decide(
        SiteState(UP, 1, None, None),
        check_ok=False,
        checked_at=NOW,
        thresholds=Thresholds(failure_threshold=2),
        now=NOW,
    )

    assert decision.alert is AlertKind.DOWN
    assert decision.outage_started_at == NOW


def test_the_defaults_are_threshold_two_and_hourly_reminders() -> None:
    assert Thresholds() == Thresholds(failure_threshold=2, reminder_interval=HOUR)
    assert SiteState() == SiteState(PENDING, 0, None, None)


@pytest.mark.parametrize("threshold", [0, 11, -1])
def test_a_failure_threshold_outside_1_to_10_is_refused(threshold: int) -> None:
    with pytest.raises(ValueError, match="failure_threshold"):
        Thresholds(failure_threshold=threshold)


def test_a_negative_reminder_interval_is_refused() -> None:
    with pytest.raises(ValueError, match="reminder_interval"):
        Thresholds(reminder_interval=timedelta(seconds=-1))


def test_the_decision_state_feeds_the_next_decision() -> None:
    decision = decide(
        SiteState(UP, 1, T0, None),
        check_ok=False,
        checked_at=NOW,
        thresholds=Thresholds(),
        now=NOW,
    )

    assert decision.state == SiteState(DOWN, 2, T0, NOW)
    assert decision.down_since == T0
