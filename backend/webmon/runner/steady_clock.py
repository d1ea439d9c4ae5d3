"""The scheduler's clock: wall-clock time (slots are wall-clock moments, stored as such) that
never steps back, because its waits are measured on time.monotonic.

Between two readings it advances by what the monotonic clock says has passed. A wall clock that
moves with it (or jumps forward: a suspended VM, a corrected clock) is followed. One that has
stepped back is not: claims and slot waits go on at the same pace from where they were, instead
of every site's next slot lying the step's length in the future (which stopped all checks for
that long). Once the wall clock is back at or ahead of the scheduler's time, it is followed again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from webmon.models import utcnow

log = logging.getLogger("webmon.scheduler")

# The wall clock may read this much behind the scheduler's time and still be followed (a little
# jitter is no step); past it, the wall clock has stepped back.
STEP_TOLERANCE = timedelta(seconds=1)


class SteadyClock:
    def __init__(self, wall: Callable[[], datetime] = utcnow, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._wall = wall
        self._monotonic = monotonic
        self._last = wall()
        self._last_monotonic = monotonic()
        self._behind = False  # the wall clock is behind us (it stepped back): warned once

    def __call__(self) -> datetime:
        wall = self._wall()
        mono = self._monotonic()
        steady = self._last + timedelta(seconds=mono - self._last_monotonic)
        if wall >= steady - STEP_TOLERANCE:
            now = wall
            if self._behind:
                self._behind = False
                log.warning("the wall clock caught up with the scheduler's time; following it again")
        else:
            now = steady
            if not self._behind:
                self._behind = True
                log.warning(
                    "the wall clock stepped back by %.0f s; the scheduler keeps its own pace "
                    "(monotonic time) until the wall clock catches up",
                    (steady - wall).total_seconds(),
                )
        self._last, self._last_monotonic = now, mono
        return now
