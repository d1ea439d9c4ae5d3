"""A benchmark's lifetime: its temporary folders and processes, all stopped on exit or Ctrl-C."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from devkit.services import PrivateRedis

from .postgres import BenchPostgres
from .processes import Processes


class Workspace(contextlib.ExitStack):
    """A temporary folder plus everything started in it; all stopped and removed on exit, also
    on SIGTERM/SIGINT."""

    def __init__(self, prefix: str, keep: bool = False) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix=prefix))
        os.chmod(self.folder, 0o755)
        self.keep = keep

    def __enter__(self) -> Workspace:
        super().__enter__()
        self._previous = signal.signal(signal.SIGTERM, _raise_interrupt)
        if not self.keep:
            self.callback(shutil.rmtree, self.folder, ignore_errors=True)
        else:
            self.callback(print, f"kept {self.folder}", file=sys.stderr)
        return self

    def __exit__(self, *exc: object) -> bool:
        try:
            return super().__exit__(*exc)  # type: ignore[arg-type]
        finally:
            signal.signal(signal.SIGTERM, self._previous)

    def postgres(self, unsafe: bool = False) -> BenchPostgres:
        pg = BenchPostgres(unsafe=unsafe)
        self.callback(pg.destroy)
        pg.start()
        return pg

    def redis(self) -> PrivateRedis:
        redis = PrivateRedis()
        self.callback(redis.destroy)
        redis.start()
        return redis

    def processes(self, env: dict[str, str]) -> Processes:
        processes = Processes(self.folder, env)
        self.callback(processes.stop_all)
        return processes


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


async def sleep_until(deadline: float) -> None:
    delay = deadline - time.monotonic()
    if delay > 0:
        await asyncio.sleep(delay)


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class Timeline:
    """Progress lines every few seconds (printed and kept)."""

    rows: list[dict[str, Any]] = field(default_factory=list)

    def add(self, **values: Any) -> None:
        self.rows.append(values)
