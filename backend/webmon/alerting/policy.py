"""When does a check result turn into an alert?  A pure function answers.

Vocabulary (after TwiN/gatus ``alerting/alert/alert.go``):

* a *run of failures* is an unbroken sequence of failed checks; ``failing_since``
  is when its first failed check was made, ``consecutive_failures`` its length;
* a website goes **down** when a run reaches ``failure_threshold``; the *outage*
  then started at ``failing_since`` (so "down since 10:02" stays honest with a
  threshold of 3), not when the threshold was reached;
* one good check ends the run and the outage: the website is **up**;
* while down, a **reminder** goes out at most once per ``reminder_interval``.

Alerts, by transition:

============  =========================  ==================  ===========
status        check                      new status          alert
============  =========================  ==================  ===========
pending       ok                         up                  none
pending       fail, run < threshold      pending             none
pending       fail, run reaches it       down                DOWN
up            ok                         up                  none
up            fail, run < threshold      up (flap guard)     none
up            fail, run reaches it       down                DOWN
down          ok                         up                  RECOVERED
down          fail, reminder due         down                REMINDER
down          fail, reminder not due     down                none
============  =========================  ==================  ===========

``decide`` never reads the clock: ``checked_at`` is when the check was made,
``now`` is when the decision is taken (it stamps ``last_alert_at`` and decides
whether a reminder is due).  The caller stores the returned state with a
compare-and-set update so that two workers deciding on the same old state
cannot both send the same alert.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from webmon.vocabulary import MAX_FAILURE_THRESHOLD, MIN_FAILURE_THRESHOLD, SiteStatus

__all__ = [
    "AlertKind",
    "Decision",
    "SiteState",
    "SiteStatus",
    "Thresholds",
    "decide",
]


class AlertKind(StrEnum):
    DOWN = "down"
    RECOVERED = "recovered"
    REMINDER = "reminder"


@dataclass(frozen=True, slots=True)
class SiteState:
    """What the policy needs to remember about a website between checks.

    ``failing_since``: when the first failed check of the current run of
    failures was made; ``None`` after a good check (and before any check).
    While the website is down it is also when the outage began.

    ``last_alert_at``: when the last DOWN or REMINDER alert was decided for the
    current outage; ``None`` outside an outage.
    """

    status: SiteStatus = SiteStatus.PENDING
    consecutive_failures: int = 0
    failing_since: datetime | None = None
    last_alert_at: datetime | None = None

    @property
    def down_since(self) -> datetime | None:
        """When the current outage began, or ``None`` when not down."""
        return self.failing_since if self.status is SiteStatus.DOWN else None


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Per-website alert settings.

    ``failure_threshold``: consecutive failed checks before DOWN (1..10, `webmon.vocabulary`).
    ``reminder_interval``: at most one reminder per this while down;
    ``None`` or ``timedelta(0)`` turns reminders off (so the setting
    ``WEBMON_ALERT_REMINDER_INTERVAL=0`` means "no reminders").
    """

    failure_threshold: int = 2
    reminder_interval: timedelta | None = timedelta(hours=1)

    def __post_init__(self) -> None:
        if not MIN_FAILURE_THRESHOLD <= self.failure_threshold <= MAX_FAILURE_THRESHOLD:
            raise ValueError(
                f"failure_threshold must be between {MIN_FAILURE_THRESHOLD} and "
                f"{MAX_FAILURE_THRESHOLD}, got {self.failure_threshold}"
            )
        if self.reminder_interval is not None and self.reminder_interval < timedelta(0):
            raise ValueError("reminder_interval must not be negative")

    @property
    def reminders_enabled(self) -> bool:
        return bool(self.reminder_interval)


@dataclass(frozen=True, slots=True)
class Decision:
    """The new state to store, and the alert to send (if any).

    ``outage_started_at`` is when the outage this alert is about began: the
    ongoing one for DOWN and REMINDER, the one that just ended for RECOVERED
    (outage duration = ``checked_at - outage_started_at``); ``None`` when no
    alert is sent.
    """

    status: SiteStatus
    consecutive_failures: int
    failing_since: datetime | None
    last_alert_at: datetime | None
    alert: AlertKind | None
    outage_started_at: datetime | None = None

    @property
    def state(self) -> SiteState:
        """The state to store (and to pass to the next ``decide``)."""
        return SiteState(
            status=self.status,
            consecutive_failures=self.consecutive_failures,
            failing_since=self.failing_since,
            last_alert_at=self.last_alert_at,
        )

    @property
    def down_since(self) -> datetime | None:
        return self.state.down_since


def decide(
    state: SiteState,
    *,
    check_ok: bool,
    checked_at: datetime,
    thresholds: Thresholds,
    now: datetime,
) -> Decision:
    """Apply one check result to ``state``; see the module docstring for the rules."""
    if check_ok:
        return _after_good_check(state)
    return _after_failed_check(state, checked_at=checked_at, thresholds=thresholds, now=now)


def _after_good_check(state: SiteState) -> Decision:
    recovered = state.status is SiteStatus.DOWN
    return Decision(
        status=SiteStatus.UP,
        consecutive_failures=0,
        failing_since=None,
        last_alert_at=None,
        alert=AlertKind.RECOVERED if recovered else None,
        outage_started_at=state.failing_since if recovered else None,
    )


def _after_failed_check(state: SiteState, *, checked_at: datetime, thresholds: Thresholds, now: datetime) -> Decision:
    failures = state.consecutive_failures + 1
    # A run's start is remembered from its first failure.  A state without one
    # (e.g. stored before this field existed) starts the run at this check.
    failing_since = state.failing_since or checked_at

    if state.status is SiteStatus.DOWN:
        if _reminder_due(state.last_alert_at, thresholds, now):
            return Decision(
                status=SiteStatus.DOWN,
                consecutive_failures=failures,
                failing_since=failing_since,
                last_alert_at=now,
                alert=AlertKind.REMINDER,
                outage_started_at=failing_since,
            )
        return Decision(
            status=SiteStatus.DOWN,
            consecutive_failures=failures,
            failing_since=failing_since,
            last_alert_at=state.last_alert_at,
            alert=None,
        )

    if failures >= thresholds.failure_threshold:
        return Decision(
            status=SiteStatus.DOWN,
            consecutive_failures=failures,
            failing_since=failing_since,
            last_alert_at=now,
            alert=AlertKind.DOWN,
            outage_started_at=failing_since,
        )

    # Below the threshold: pending stays pending, up stays up (flap protection).
    return Decision(
        status=state.status,
        consecutive_failures=failures,
        failing_since=failing_since,
        last_alert_at=None,
        alert=None,
    )


def _reminder_due(last_alert_at: datetime | None, thresholds: Thresholds, now: datetime) -> bool:
    if not thresholds.reminders_enabled:
        return False
    if last_alert_at is None:
        # Down, yet no alert on record (e.g. state migrated from elsewhere): say so now.
        return True
    assert thresholds.reminder_interval is not None
    return now - last_alert_at >= thresholds.reminder_interval
