"""Check a batch of claimed sites and store the results as they come in."""

from __future__ import annotations

import asyncio
import logging
import time
import weakref
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select

from webmon.db import Database, is_database_unavailable
from webmon.engine import CheckEngine, CheckResult, CheckSpec
from webmon.instance.cache import InstanceSettingsCache
from webmon.metrics.counters import STORE_FAILING, Counters, check_counts
from webmon.models import Website, utcnow
from webmon.runner.scheduling import Claim
from webmon.runner.store import StoreOutcome, store_results

log = logging.getLogger("webmon.runner")

Clock = Callable[[], datetime]
Sleep = Callable[[float], Awaitable[object]]

# Results are written at most this long after their check ends, so one slow site does not hold
# back the rest of its batch from the dashboard.
STORE_EVERY_SECONDS = 1.0
STORE_ATTEMPTS = 4


@dataclass(slots=True)
class ActiveChecks:
    """How many checks are under way right now (their slot has come, their result is not in)."""

    count: int = 0


@dataclass(slots=True)
class BatchReport:
    checked: int = 0
    stored: int = 0
    duplicates: int = 0
    state_changes: int = 0
    deliverable: int = 0
    lags: list[float] = field(default_factory=list)  # seconds each check started after its slot


async def load_specs(db: Database, ids: Sequence[int]) -> dict[int, CheckSpec]:
    """What to check for each claimed site, read fresh: a site paused or deleted since it was
    claimed is not checked."""
    if not ids:
        return {}
    async with db.sessions() as session:
        rows = await session.execute(
            select(Website.id, Website.url, Website.valid_word, Website.timeout).where(
                Website.id.in_(ids), Website.is_active
            )
        )
        return {
            row.id: CheckSpec(website_id=row.id, url=row.url, valid_word=row.valid_word, timeout=float(row.timeout))
            for row in rows
        }


async def run_batch(
    db: Database,
    engine: CheckEngine,
    claims: Sequence[Claim],
    *,
    reminder_interval: timedelta | None,
    notify: bool = True,
    clock: Clock = utcnow,
    sleep: Sleep = asyncio.sleep,
    on_stored: Callable[[StoreOutcome], None] | None = None,
    counters: Counters | None = None,
    active: ActiveChecks | None = None,
    instance: InstanceSettingsCache | None = None,
) -> BatchReport:
    """Check each claimed site at its slot, concurrently, and store results in small transactions.

    With `instance`, the engine first follows the administrator's private-targets setting (cached
    for a few seconds: not a query per check, nor per batch)."""
    report = BatchReport()
    if instance is not None:
        engine.allow_private_targets = (await instance.get(db)).allow_private_targets
    specs = await load_specs(db, [claim.website_id for claim in claims])

    async def check_at_slot(claim: Claim, spec: CheckSpec) -> tuple[Claim, CheckResult]:
        wait = (claim.slot - clock()).total_seconds()
        if wait > 0:
            await sleep(wait)
        if active is not None:
            active.count += 1
        try:
            result = await engine.check(spec)
        finally:
            if active is not None:
                active.count -= 1
        report.lags.append(max(0.0, (result.started_at - claim.slot).total_seconds()))
        return claim, result

    pending = {
        asyncio.ensure_future(check_at_slot(claim, specs[claim.website_id]))
        for claim in claims
        if claim.website_id in specs
    }
    try:
        while pending:
            done, pending = await asyncio.wait(pending, timeout=STORE_EVERY_SECONDS)
            if done:
                results = [task.result() for task in done]
                outcome = await _store(db, results, report, reminder_interval, notify, clock, sleep, counters)
                if outcome is None:
                    continue
                if on_stored is not None:
                    on_stored(outcome)
                if counters is not None:
                    await _count(counters, results)
    finally:
        for task in pending:
            task.cancel()
    return report


async def _count(counters: Counters, results: list[tuple[Claim, CheckResult]]) -> None:
    try:
        await counters.add(
            check_counts(
                (
                    result.ok,
                    (result.checked_at - result.started_at).total_seconds(),
                    max(0.0, (result.started_at - claim.slot).total_seconds()),
                )
                for claim, result in results
            )
        )
    except Exception as exc:  # metrics must never cost a check
        log.warning("could not update the metrics counters: %s", type(exc).__name__)


# The counters whose STORE_FAILING flag this process set: only those are cleared on success,
# so a store that works costs no extra write.
_flagged: weakref.WeakSet[Counters] = weakref.WeakSet()


async def _flag_store(counters: Counters | None, failure: BaseException | None) -> None:
    if counters is None or (failure is None and counters not in _flagged):
        return
    try:
        await counters.mark(STORE_FAILING, None if failure is None else f"{int(time.time())} {type(failure).__name__}")
    except Exception as exc:  # the flag must never cost a check either
        log.warning("could not update the store health flag: %s", type(exc).__name__)
        return
    if failure is None:
        _flagged.discard(counters)
    else:
        _flagged.add(counters)


async def _store(
    db: Database,
    results: list[tuple[Claim, CheckResult]],
    report: BatchReport,
    reminder_interval: timedelta | None,
    notify: bool,
    clock: Clock,
    sleep: Sleep,
    counters: Counters | None = None,
) -> StoreOutcome | None:
    """Store with a few retries, so a database restart costs a delay rather than the results.
    A store that fails for good sets the STORE_FAILING flag `/health` reports; the next one that
    succeeds in this process clears it."""
    report.checked += len(results)
    for attempt in range(STORE_ATTEMPTS):
        try:
            async with db.session_scope() as session:
                outcome = await store_results(
                    session, results, now=clock(), reminder_interval=reminder_interval, notify=notify
                )
            break
        except Exception as exc:
            if not is_database_unavailable(exc) or attempt == STORE_ATTEMPTS - 1:
                log.error("could not store %d check results: %s", len(results), exc)
                await _flag_store(counters, exc)
                return None
            await sleep(2**attempt)
    await _flag_store(counters, None)
    report.stored += outcome.stored
    report.duplicates += outcome.duplicates
    report.state_changes += outcome.state_changes
    report.deliverable += outcome.deliverable
    return outcome
