"""The instance settings as the check pipeline sees them: read from the database at most every
few seconds per process, not once per check (a batch asks; most batches get the cached answer).

The API reads the table on every use instead (a change takes effect at once there); `webmon
serve` also drops this cache when its own API changes a setting, so there it is at once too. With
Celery workers a change reaches the checks within `ttl` seconds.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from webmon.config import Settings
from webmon.db import Database
from webmon.instance.settings import InstanceSettings, load_instance_settings, resolve

log = logging.getLogger("webmon.instance")

DEFAULT_TTL_SECONDS = 5.0


class InstanceSettingsCache:
    def __init__(
        self, settings: Settings, *, ttl: float = DEFAULT_TTL_SECONDS, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self._settings = settings
        self._ttl = ttl
        self._monotonic = monotonic
        self._value: InstanceSettings | None = None
        self._read_at = 0.0

    def invalidate(self) -> None:
        self._value = None

    async def get(self, db: Database) -> InstanceSettings:
        now = self._monotonic()
        if self._value is not None and now - self._read_at < self._ttl:
            return self._value
        try:
            async with db.sessions() as session:
                self._value = await load_instance_settings(session, self._settings)
        except Exception as exc:
            # The database is away (the batch's own reads will say so): keep what was known, or
            # the environment's and defaults' view, which is never more permissive than asked.
            log.warning("could not read the instance settings: %s", type(exc).__name__)
            if self._value is None:
                return resolve(self._settings, {})
            return self._value
        self._read_at = now
        return self._value
