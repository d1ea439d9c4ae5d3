"""One scheduler tick, the same for both drivers (`webmon serve`'s InProcessScheduler and Celery's
`webmon.tick`): claim the sites due within the next tick, in rounds, and hand the batches over.

What happens to a batch is the driver's business: serve starts a task on its own loop, Celery
queues a message for a worker.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from webmon.db import Database
from webmon.metrics.counters import Counters
from webmon.runner.scheduling import Claim, claim_due_websites, split_into_batches

# Rows one claim takes. A claim is one transaction that locks its rows (FOR UPDATE SKIP LOCKED)
# and moves them in one UPDATE, and the stores of running checks update the same website rows: a
# claim of 5,000 stays a few tens of milliseconds on PostgreSQL, so nothing waits on it for long,
# and serve checks its back-pressure between rounds at that grain. It costs no throughput, since a
# tick takes rounds until a claim comes back short: at 100,000 sites every 30 s a 5 s tick needs
# about 17,000 claims, four rounds.
CLAIM_LIMIT = 5_000
# Rounds one tick may take (200,000 rows): after an outage every overdue site is claimed or put
# back on its schedule within the tick, and a tick still ends if, say, an interval shorter than
# the tick keeps making the same sites due again.
MAX_CLAIM_ROUNDS = 40

Dispatch = Callable[[list[list[Claim]]], Awaitable[None]]


async def claim_due_batches(
    db: Database,
    *,
    clock: Callable[[], datetime],
    horizon: timedelta,
    batch_size: int,
    dispatch: Dispatch,
    counters: Counters | None = None,
    keep_claiming: Callable[[], bool] = lambda: True,
) -> int:
    """Claim what is due before `clock() + horizon` and pass it to `dispatch` in batches of
    `batch_size`, round after round while a claim comes back full (and `keep_claiming()` says
    so: serve's back-pressure). Missed slots are counted. Returns how many checks were claimed."""
    claimed = 0
    for _ in range(MAX_CLAIM_ROUNDS):
        if not keep_claiming():
            break
        async with db.session_scope() as session:
            claim = await claim_due_websites(session, now=clock(), horizon=horizon, limit=CLAIM_LIMIT)
        if claim.claims:
            await dispatch(split_into_batches(claim.claims, batch_size))
        if claim.missed and counters is not None:
            await counters.add({"missed_slots": claim.missed})
        claimed += len(claim.claims)
        if claim.taken < CLAIM_LIMIT:
            break
    return claimed
