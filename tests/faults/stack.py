"""The multi-service stack as processes on a private PostgreSQL and Redis, for breaking things:
`webmon api`, workers and Beat started, killed (-9) and restarted one by one; a local target site
that counts the checks in flight; direct database access to plant many sites and read the checks.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from aiohttp import web
from sqlalchemy import insert, select, update

from tests.conftest import TEST_SECRET, make_settings
from tests.factories import make_user
from tests.processes import WEBMON, clean_env, free_port, run_webmon
from tests.secrets_guard import scan_files
from tests.stack.private_services import PrivatePostgres, PrivateRedis
from webmon.db import Database
from webmon.models import Website, WebsiteCheck, utcnow
from webmon.runner.scheduling import next_slot, phase_offset_ms

WORD = "Welcome"


class FaultStack:
    def __init__(self, folder: Path, **settings: str) -> None:
        self.folder = folder
        self.postgres = PrivatePostgres()
        self.redis = PrivateRedis()
        self.api_port = free_port()
        defaults = {
            "WEBMON_DATABASE_URL": self.postgres.url,
            "WEBMON_REDIS_URL": self.redis.url,
            "WEBMON_SECRET_KEY": TEST_SECRET,
            "WEBMON_ALLOW_PRIVATE_TARGETS": "true",
            "WEBMON_MIN_CHECK_INTERVAL": "1",
            "WEBMON_DATA_DIR": str(folder / "data"),
        }
        self.env = clean_env(**(defaults | settings))
        self.commands: dict[str, tuple[list[str], dict[str, str]]] = {}
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.db: Database | None = None

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    # -- services ----------------------------------------------------------------------------------

    def boot(self) -> None:
        self.postgres.start()
        self.redis.start()
        migrated = run_webmon("migrate", env=self.env, cwd=self.folder)
        assert migrated.returncode == 0, migrated.stderr
        self.db = Database(make_settings(self.postgres.url))

    def start(self, name: str, *args: str, **env: str) -> None:
        self.commands[name] = (list(args), env)
        log = (self.folder / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            [WEBMON, *args],
            env=self.env | env,
            cwd=self.folder,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def alive(self, name: str) -> bool:
        process = self.processes.get(name)
        return process is not None and process.poll() is None

    def ensure(self, name: str) -> None:
        """Start `name` again (same command) if it is not running."""
        if not self.alive(name):
            args, env = self.commands[name]
            self.start(name, *args, **env)

    @asynccontextmanager
    async def supervised(self, *names: str) -> AsyncIterator[Counter[str]]:
        """Restart any of `names` that exits, at once, as Compose's `restart: unless-stopped`
        does; yields how many times each was restarted."""
        restarts: Counter[str] = Counter()

        async def watch() -> None:
            while True:
                for name in names:
                    if not self.alive(name):
                        restarts[name] += 1
                        self.ensure(name)
                await asyncio.sleep(0.2)

        watcher = asyncio.create_task(watch())
        try:
            yield restarts
        finally:
            watcher.cancel()

    def kill(self, name: str) -> None:
        """kill -9, the whole process group (a worker's pool threads live in one process)."""
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def logs(self, tail: int = 3000) -> str:
        return "\n".join(
            f"--- {p.name}\n{p.read_text(errors='replace')[-tail:]}" for p in sorted(self.folder.glob("*.log"))
        )

    def log_size(self, name: str) -> int:
        path = self.folder / f"{name}.log"
        return path.stat().st_size if path.exists() else 0

    def unhandled_errors(self, name: str, since: int = 0) -> list[str]:
        """The tracebacks the API logged as "unhandled error" (its 500s) after byte `since` of the log."""
        with (self.folder / f"{name}.log").open("rb") as log:
            log.seek(since)
            text = log.read().decode(errors="replace")
        errors = []
        for chunk in text.split("unhandled error during ")[1:]:
            lines = chunk.splitlines()
            end = next((n for n, line in enumerate(lines[1:], 1) if line[:2] == "20" and line[4:5] == "-"), len(lines))
            errors.append("\n".join(lines[:end]))
        return errors

    def secrets_in_logs(self) -> list[str]:
        return scan_files(sorted(self.folder.glob("*.log")))

    async def shutdown(self) -> None:
        for name in list(self.processes):
            self.stop(name)
        if self.db is not None:
            await self.db.dispose()
        self.redis.destroy()
        self.postgres.destroy()

    # -- the database ------------------------------------------------------------------------------

    async def plant_sites(self, urls: Iterable[str], *, interval: int, **fields: Any) -> list[int]:
        """Sites of a new user, each first due on one of its own slots (so every check row falls
        in a known slot), starting about a second from now."""
        assert self.db is not None
        urls = list(urls)
        async with self.db.session_scope() as session:
            user = await make_user(session)
            ids = list(
                (
                    await session.scalars(
                        insert(Website).returning(Website.id),
                        [
                            {
                                "user_id": user.id,
                                "url": url,
                                "name": f"site {n}",
                                "valid_word": WORD,
                                "check_interval": interval,
                                "timeout": 10,
                                "next_check_at": utcnow() + timedelta(days=1),
                                **fields,
                            }
                            for n, url in enumerate(urls)
                        ],
                    )
                ).all()
            )
            start = utcnow() + timedelta(seconds=1)
            await session.execute(
                update(Website),
                [{"id": site_id, "next_check_at": next_slot(site_id, interval, start)} for site_id in ids],
            )
        return ids

    async def deactivate(self, ids: list[int]) -> None:
        assert self.db is not None
        async with self.db.session_scope() as session:
            await session.execute(update(Website).where(Website.id.in_(ids)).values(is_active=False))

    async def checks(self, ids: list[int], since: datetime | None = None) -> list[tuple[int, datetime]]:
        """(website_id, checked_at) of every stored check of these sites."""
        assert self.db is not None
        query = select(WebsiteCheck.website_id, WebsiteCheck.checked_at).where(WebsiteCheck.website_id.in_(ids))
        if since is not None:
            query = query.where(WebsiteCheck.checked_at >= since)
        async with self.db.sessions() as session:
            return [(row.website_id, row.checked_at) for row in await session.execute(query)]


def slot_of(website_id: int, interval: int, checked_at: datetime) -> datetime:
    """The slot a check belongs to: the last of the site's slots at or before it started (a check
    starts at its slot, give or take the event loop's timer resolution)."""
    return next_slot(website_id, interval, checked_at + timedelta(milliseconds=50) - timedelta(seconds=interval))


def duplicated_slots(rows: list[tuple[int, datetime]], interval: int) -> list[tuple[int, datetime, int]]:
    counts = Counter((site_id, slot_of(site_id, interval, at)) for site_id, at in rows)
    return [(site_id, slot, n) for (site_id, slot), n in counts.items() if n > 1]


async def eventually(
    probe: Callable[[], Awaitable[Any]], accept: Callable[[Any], bool], *, timeout: float, every: float = 0.2
) -> tuple[Any, float]:
    """Call `probe` until `accept(result)`; returns the last result and the seconds it took."""
    started = time.monotonic()
    while True:
        try:
            result = await probe()
        except Exception as exc:
            result = exc
        if (not isinstance(result, Exception) and accept(result)) or time.monotonic() - started > timeout:
            return result, time.monotonic() - started
        await asyncio.sleep(every)


# -- a target that counts ----------------------------------------------------------------------------


@dataclass
class CountingTarget:
    base: str = ""
    delay: float = 0.0
    broken: set[str] = field(default_factory=set)
    in_flight: int = 0
    hits: Counter[str] = field(default_factory=Counter)

    def url(self, path: str) -> str:
        return self.base + path


@asynccontextmanager
async def counting_target() -> AsyncIterator[CountingTarget]:
    target = CountingTarget()

    async def handle(request: web.Request) -> web.Response:
        target.hits[request.path] += 1
        target.in_flight += 1
        try:
            if target.delay:
                await asyncio.sleep(target.delay)
        finally:
            target.in_flight -= 1
        if request.path in target.broken:
            return web.Response(status=503, text="Service Unavailable")
        return web.Response(text=f"<h1>{WORD}</h1>", content_type="text/html")

    app = web.Application()
    app.router.add_get("/{tail:.*}", handle)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, backlog=4096)
    await site.start()
    target.base = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]
    try:
        yield target
    finally:
        await runner.cleanup()


__all__ = [
    "UTC",
    "CountingTarget",
    "FaultStack",
    "counting_target",
    "duplicated_slots",
    "eventually",
    "phase_offset_ms",
    "slot_of",
]
