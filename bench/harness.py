"""What the scale benchmarks share: private services, Webmon's processes, seeding, CPU and memory
accounting from /proc, exact scheduler lags, py-spy profiles, and the results files.

Nothing here is a test: these helpers start real processes on 127.0.0.1 only, and every one of
them is stopped (and every temporary folder removed) when the benchmark ends, also on Ctrl-C.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import math
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RESULTS = BENCH / "results"
for _path in (str(REPO / "backend"), str(REPO), str(BENCH)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from tests.processes import WEBMON, clean_env, free_port  # noqa: E402
from tests.stack.private_services import PrivatePostgres, PrivateRedis  # noqa: E402

PYTHON = sys.executable
TICKS = os.sysconf("SC_CLK_TCK")
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")
SECRET = "bench-secret-key-" + "x" * 40
PASSWORD = "a long bench password"
EMAIL = "bench@example.com"
WORD = "Welcome"

# ---------------------------------------------------------------------------------------------
# PostgreSQL, tuned for a small host
# ---------------------------------------------------------------------------------------------

# What the benchmark's own PostgreSQL changes from the defaults, and why (printed in the results).
PG_SETTINGS: dict[str, tuple[str, str]] = {
    "shared_buffers": (
        "256MB",
        "default 128MB; the ~25 % of RAM rule is for a dedicated host, this one shares 2 cores with the app",
    ),
    "max_connections": ("200", "default 100; 2 workers x (pool 10 + overflow 10) + API workers x 20 + Beat + headroom"),
    "effective_cache_size": ("2GB", "planner hint only; the page cache holds the working set"),
    "maintenance_work_mem": ("64MB", "faster (auto)vacuum of the hot websites table"),
    "checkpoint_timeout": (
        "10min",
        "default 5min; fewer checkpoints = fewer full-page images in the WAL under steady writes",
    ),
    "max_wal_size": ("2GB", "default 1GB; checkpoints by time, not by WAL volume, at ~1-3 MB/s of WAL"),
    "random_page_cost": ("1.1", "SSD-backed virtual disk"),
    "jit": ("off", "JIT compiles only pay off for long analytical queries; Webmon's are short"),
    "shared_preload_libraries": ("pg_stat_statements", "which statements the CPU goes to (reported); ~1-2 % overhead"),
    "pg_stat_statements.track": ("top", "statements as sent by the app"),
    "track_io_timing": ("off", "default; no clock calls per block"),
    "listen_addresses": ("127.0.0.1", "loopback only"),
}
# Left at their defaults on purpose: fsync=on, synchronous_commit=on, full_page_writes=on (a
# benchmark with fsync off flatters PostgreSQL; --pg-unsafe turns them off to compare).
PG_UNSAFE = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


class BenchPostgres(PrivatePostgres):
    """tests/stack's PrivatePostgres (initdb, pg_ctl as `postgres` when root) with the settings above."""

    def __init__(self, unsafe: bool = False) -> None:
        super().__init__()
        self.unsafe = unsafe

    def start(self) -> None:  # type: ignore[override]
        settings = {name: value for name, (value, _) in PG_SETTINGS.items()}
        if self.unsafe:
            settings.update(PG_UNSAFE)
        options = f"-p {self.port} -k {self.dir} " + " ".join(f"-c {k}={v}" for k, v in settings.items())
        from tests.stack.private_services import _pg_bin

        self._run(
            _pg_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start"
        )

    @property
    def dsn(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])


# ---------------------------------------------------------------------------------------------
# Processes
# ---------------------------------------------------------------------------------------------


def wait_for_port(port: int, timeout: float = 30, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process {process.args!r} exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


@dataclass
class Started:
    name: str
    group: str
    process: subprocess.Popen[bytes]
    log: Path


class Processes:
    """Processes this benchmark started, by name and CPU group; each in its own session so that
    stopping one stops its children too (by process-group id, never by name)."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder = folder
        self.env = env
        self.items: dict[str, Started] = {}

    def start(self, name: str, group: str, argv: Sequence[str], env: dict[str, str] | None = None) -> Started:
        log = self.folder / f"{name}.log"
        handle = log.open("ab")
        process = subprocess.Popen(
            list(argv),
            env=env or self.env,
            cwd=self.folder,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        handle.close()
        started = Started(name, group, process, log)
        self.items[name] = started
        return started

    def webmon(self, name: str, group: str, *args: str, env: dict[str, str] | None = None) -> Started:
        return self.start(name, group, [WEBMON, *args], env)

    def stop(self, name: str, timeout: float = 30, sig: int = signal.SIGTERM) -> float:
        """Signal the process, wait for it (then kill its group); returns seconds it took."""
        started = self.items.pop(name)
        began = time.monotonic()
        process = started.process
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(sig)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                pass
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        if process.poll() is None:
            process.wait(10)
        return time.monotonic() - began

    def stop_all(self) -> None:
        for name in list(self.items):
            with contextlib.suppress(Exception):
                self.stop(name, timeout=15)

    def pids(self, group: str) -> list[int]:
        return [s.process.pid for s in self.items.values() if s.group == group and s.process.poll() is None]

    def groups(self) -> dict[str, list[int]]:
        result: dict[str, list[int]] = defaultdict(list)
        for started in self.items.values():
            if started.process.poll() is None:
                result[started.group].append(started.process.pid)
        return dict(result)

    def tail(self, name: str, chars: int = 3000) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-chars:] if path.exists() else ""


def run_webmon(args: Sequence[str], env: dict[str, str], cwd: Path, timeout: float = 120) -> None:
    done = subprocess.run([WEBMON, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"webmon {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")


def webmon_env(folder: Path, **values: str) -> dict[str, str]:
    env = clean_env(
        WEBMON_SECRET_KEY=SECRET,
        WEBMON_ALLOW_PRIVATE_TARGETS="true",
        WEBMON_DATA_DIR=str(folder / "data"),
        **values,
    )
    env.pop("CI", None)
    return env


def start_target(processes: Processes, procs: int = 1) -> tuple[int, str]:
    """bench/targets.py in its own process tree (counted as the `target` group)."""
    port = free_port()
    started = processes.start(
        "target", "target", [PYTHON, str(BENCH / "targets.py"), "--procs", str(procs), "--port", str(port)]
    )
    wait_for_port(port, 30, started.process)
    return port, f"http://127.0.0.1:{port}/"


# ---------------------------------------------------------------------------------------------
# /proc accounting
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProcStat:
    pid: int
    ppid: int
    cpu: float  # own user + system seconds
    children_cpu: float  # user + system seconds of reaped children
    rss: int  # bytes
    comm: str


def read_stat(pid: int) -> ProcStat | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    close = raw.rfind(")")
    comm = raw[raw.find("(") + 1 : close]
    fields = raw[close + 2 :].split()
    # fields[0] is field 3 (state): utime=14, stime=15, cutime=16, cstime=17, rss=24
    return ProcStat(
        pid=pid,
        ppid=int(fields[1]),
        cpu=(int(fields[11]) + int(fields[12])) / TICKS,
        children_cpu=(int(fields[13]) + int(fields[14])) / TICKS,
        rss=int(fields[21]) * PAGE_BYTES,
        comm=comm,
    )


def all_stats() -> dict[int, ProcStat]:
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = read_stat(int(entry))
            if stat is not None:
                stats[stat.pid] = stat
    return stats


def tree(root: int, stats: dict[int, ProcStat]) -> list[ProcStat]:
    children: dict[int, list[int]] = defaultdict(list)
    for stat in stats.values():
        children[stat.ppid].append(stat.pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            found.append(stats[pid])
            todo.extend(children.get(pid, ()))
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()[:160]
    except OSError:
        return ""


def system_cpu() -> tuple[float, float]:
    """(busy seconds, total seconds) of the whole machine, all CPUs."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    total = sum(values[:8])
    return (total - idle) / TICKS, total / TICKS


@dataclass
class CpuSnapshot:
    at: float
    groups: dict[str, float]
    busy: float
    total: float


def cpu_snapshot(groups: dict[str, list[int]]) -> CpuSnapshot:
    """CPU seconds used so far by each group: live processes of each root's tree, plus what
    their reaped children used (cutime/cstime), so short-lived backends are counted too."""
    stats = all_stats()
    result = {}
    for group, roots in groups.items():
        seen: set[int] = set()
        total = 0.0
        for root in roots:
            for stat in tree(root, stats):
                if stat.pid not in seen:
                    seen.add(stat.pid)
                    total += stat.cpu + stat.children_cpu
        result[group] = total
    busy, machine = system_cpu()
    return CpuSnapshot(time.monotonic(), result, busy, machine)


def cpu_delta(before: CpuSnapshot, after: CpuSnapshot) -> dict[str, Any]:
    wall = after.at - before.at
    groups = {g: max(0.0, after.groups.get(g, 0.0) - before.groups.get(g, 0.0)) for g in after.groups}
    busy = after.busy - before.busy
    ours = sum(groups.values())
    return {
        "wall_s": wall,
        "groups_s": groups,
        "ours_s": ours,
        "machine_busy_s": busy,
        "machine_total_s": after.total - before.total,
        "other_s": max(0.0, busy - ours),
    }


def rss_by_process(groups: dict[str, list[int]]) -> list[dict[str, Any]]:
    stats = all_stats()
    rows = []
    for group, roots in groups.items():
        for root in roots:
            for stat in tree(root, stats):
                rows.append(
                    {
                        "group": group,
                        "pid": stat.pid,
                        "rss_mb": round(stat.rss / 2**20, 1),
                        "cmd": cmdline(stat.pid) or stat.comm,
                    }
                )
    return rows


class RssTracker:
    """The largest RSS seen per pid across samples."""

    def __init__(self) -> None:
        self.max: dict[int, dict[str, Any]] = {}

    def sample(self, groups: dict[str, list[int]]) -> list[dict[str, Any]]:
        rows = rss_by_process(groups)
        for row in rows:
            kept = self.max.get(row["pid"])
            if kept is None or row["rss_mb"] > kept["rss_mb"]:
                self.max[row["pid"]] = dict(row)
        return rows


# ---------------------------------------------------------------------------------------------
# Seeding
# ---------------------------------------------------------------------------------------------


async def hash_password(password: str = PASSWORD) -> str:
    from webmon.auth.passwords import PasswordHasher

    return await PasswordHasher(4).hash(password)


def site_rows(count: int, first_id: int, interval: int, target: str, now: datetime) -> Iterator[tuple[Any, ...]]:
    from webmon.runner.scheduling import next_slot

    base = target.rstrip("/")
    for site_id in range(first_id, first_id + count):
        yield (site_id, f"{base}/site/{site_id}", f"site {site_id}", next_slot(site_id, interval, now))


async def seed_postgres(dsn: str, *, sites: int, interval: int, target: str, active: bool = True) -> dict[str, Any]:
    """One user and `sites` websites, each due at its own next slot (spread over the interval)."""
    import asyncpg

    started = time.perf_counter()
    hashed = await hash_password()
    connection = await asyncpg.connect(dsn)
    try:
        user_id = await connection.fetchval(
            "INSERT INTO users (email, username, hashed_password) VALUES ($1, 'bench', $2) RETURNING id", EMAIL, hashed
        )
        now = datetime.now(UTC)
        records = [
            (site_id, user_id, url, name, WORD, slot, interval, active)
            for site_id, url, name, slot in site_rows(sites, 1, interval, target, now)
        ]
        await connection.copy_records_to_table(
            "websites",
            records=records,
            columns=["id", "user_id", "url", "name", "valid_word", "next_check_at", "check_interval", "is_active"],
        )
        await connection.execute("SELECT setval(pg_get_serial_sequence('websites', 'id'), $1)", sites)
        await connection.execute("ANALYZE")
    finally:
        await connection.close()
    return {"user_id": user_id, "sites": sites, "seconds": round(time.perf_counter() - started, 2)}


async def add_sites_sqlite(
    path: Path, *, first_id: int, count: int, interval: int, target: str, user_id: int | None
) -> int:
    """Insert sites straight into a SQLite file (the same text format SQLAlchemy writes)."""
    import sqlite3

    if user_id is None:
        hashed = await hash_password()
    connection = sqlite3.connect(path, timeout=30)
    try:
        if user_id is None:
            now_text = _sqlite_time(datetime.now(UTC))
            user_id = connection.execute(
                "INSERT INTO users (email, username, hashed_password, balance, is_active, token_version, created_at) "
                "VALUES (?, 'bench', ?, 0, 1, 0, ?)",
                (EMAIL, hashed, now_text),
            ).lastrowid
        now = datetime.now(UTC)
        now_text = _sqlite_time(now)
        connection.executemany(
            "INSERT INTO websites (id, user_id, url, name, valid_word, timeout, check_interval, is_active, "
            "failure_threshold, next_check_at, status, total_checks, failed_checks, consecutive_failures, created_at) "
            "VALUES (?, ?, ?, ?, ?, 30, ?, 1, 2, ?, 'pending', 0, 0, 0, ?)",
            (
                (site_id, user_id, url, name, WORD, interval, _sqlite_time(slot), now_text)
                for site_id, url, name, slot in site_rows(count, first_id, interval, target, now)
            ),
        )
        connection.commit()
    finally:
        connection.close()
    return int(user_id)  # type: ignore[arg-type]


def _sqlite_time(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


async def open_session_postgres(dsn: str, user_id: int, minutes: int = 120) -> str:
    """A bearer token's session row (auth_sessions), as a login makes it; returns its id."""
    import secrets
    from datetime import timedelta

    import asyncpg

    session_id = secrets.token_hex(32)
    now = datetime.now(UTC)
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(
            "INSERT INTO auth_sessions (id, user_id, kind, created_at, last_seen_at, expires_at) "
            "VALUES ($1, $2, 'token', $3, $3, $4)",
            session_id,
            user_id,
            now,
            now + timedelta(minutes=minutes),
        )
    finally:
        await connection.close()
    return session_id


def bearer_token(user_id: int, session_id: str, minutes: int = 120) -> str:
    from datetime import timedelta

    from webmon.auth.tokens import create_access_token

    return create_access_token(
        user_id=user_id,
        token_version=0,
        session_id=session_id,
        secret=SECRET,
        lifetime=timedelta(minutes=minutes),
        now=datetime.now(UTC),
    )


# ---------------------------------------------------------------------------------------------
# Scheduler lag, exact
# ---------------------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile of sorted-or-not values (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


EARLY_TOLERANCE_MS = 1000  # a check that starts this much before its slot counts as on time (lag 0)


class SlotGrid:
    """Every site's slots are `offset + k * interval` (runner/scheduling.py). A stored check's
    `checked_at` is when it started, so its lag behind its slot is exact, to the millisecond,
    without storing the slot: (checked_at - offset) mod interval. A check that is not on its
    grid (a catch-up after an outage) shows up as a large lag, which is what "off schedule" is."""

    def __init__(self, interval_s: int) -> None:
        from webmon.runner.scheduling import phase_offset_ms

        self.period = interval_s * 1000
        self.interval = interval_s
        self._offset = phase_offset_ms
        self._cache: dict[int, int] = {}

    def offset(self, site_id: int) -> int:
        value = self._cache.get(site_id)
        if value is None:
            value = self._cache[site_id] = self._offset(site_id, self.interval)
        return value

    def slot_index_and_lag(self, site_id: int, checked_ms: int) -> tuple[int, int]:
        shifted = checked_ms - self.offset(site_id) + EARLY_TOLERANCE_MS
        k = shifted // self.period
        lag = shifted - k * self.period - EARLY_TOLERANCE_MS
        return k, max(0, lag)

    def slots_between(self, site_id: int, start_ms: int, end_ms: int) -> range:
        """Indices k of the site's slots with start <= slot < end."""
        off = self.offset(site_id)
        first = -((off - start_ms) // self.period)  # ceil((start - off) / period)
        last = -((off - end_ms) // self.period)
        return range(first, last)


@dataclass
class LagReport:
    checks: int
    p50_ms: float | None
    p90_ms: float | None
    p99_ms: float | None
    max_ms: float | None
    over_2s: int
    expected_slots: int
    missed_slots: int
    duplicate_slots: int

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


def lag_report(
    grid: SlotGrid,
    checks: Iterable[tuple[int, int]],
    *,
    sites: Iterable[int],
    start_ms: int,
    end_ms: int,
    margin_ms: int,
) -> LagReport:
    """Lags of the checks (site id, checked_at ms) that started in [start, end), and how many of
    the slots in [start, end - margin) got no check (missed) or more than one (duplicates)."""
    lags = []
    seen: Counter[tuple[int, int]] = Counter()
    for site_id, checked_ms in checks:
        if not start_ms <= checked_ms < end_ms:
            continue
        k, lag = grid.slot_index_and_lag(site_id, checked_ms)
        lags.append(lag)
        seen[(site_id, k)] += 1
    expected = missed = 0
    # Slots in the first EARLY_TOLERANCE_MS of the window are not counted: their check may have
    # started a little before the slot, so before the window, and would look missed.
    for site_id in sites:
        for k in grid.slots_between(site_id, start_ms + EARLY_TOLERANCE_MS, end_ms - margin_ms):
            expected += 1
            if (site_id, k) not in seen:
                missed += 1
    lags.sort()
    return LagReport(
        checks=len(lags),
        p50_ms=percentile(lags, 50),
        p90_ms=percentile(lags, 90),
        p99_ms=percentile(lags, 99),
        max_ms=lags[-1] if lags else None,
        over_2s=sum(1 for lag in lags if lag > 2000),
        expected_slots=expected,
        missed_slots=missed,
        duplicate_slots=sum(n - 1 for n in seen.values() if n > 1),
    )


def histogram_quantile(buckets: list[tuple[float, float]], q: float) -> float | None:
    """Prometheus-style quantile from cumulative (upper bound, count) pairs; linear within a bucket."""
    if not buckets or buckets[-1][1] <= 0:
        return None
    total = buckets[-1][1]
    rank = q * total
    previous_bound, previous_count = 0.0, 0.0
    for bound, count in buckets:
        if count >= rank:
            if math.isinf(bound):
                return previous_bound
            if count == previous_count:
                return bound
            return previous_bound + (bound - previous_bound) * (rank - previous_count) / (count - previous_count)
        previous_bound, previous_count = bound, count
    return None


def parse_metrics(text: str) -> dict[str, Any]:
    from prometheus_client.parser import text_string_to_metric_families

    values: dict[str, Any] = {}
    buckets: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name.endswith("_bucket"):
                buckets[sample.name[: -len("_bucket")]].append((float(sample.labels["le"]), sample.value))
            else:
                key = sample.name + "".join(f"{{{k}={v}}}" for k, v in sorted(sample.labels.items()))
                values[key] = sample.value
    values["_buckets"] = {name: sorted(pairs) for name, pairs in buckets.items()}
    return values


def bucket_delta(before: list[tuple[float, float]], after: list[tuple[float, float]]) -> list[tuple[float, float]]:
    old = dict(before)
    return [(bound, count - old.get(bound, 0.0)) for bound, count in after]


# ---------------------------------------------------------------------------------------------
# PostgreSQL figures
# ---------------------------------------------------------------------------------------------

CHECKS_SIZE_SQL = """
WITH parts AS (
    SELECT relid FROM pg_partition_tree('website_checks') WHERE isleaf
    UNION SELECT 'website_checks'::regclass WHERE NOT EXISTS (SELECT 1 FROM pg_partition_tree('website_checks'))
)
SELECT coalesce(sum(pg_total_relation_size(relid)), 0)::bigint AS total,
       coalesce(sum(pg_relation_size(relid)), 0)::bigint AS heap,
       coalesce(sum(pg_indexes_size(relid)), 0)::bigint AS indexes,
       count(*) AS partitions
FROM parts
"""

CHECKS_INDEX_SIZES_SQL = """
WITH parts AS (
    SELECT relid FROM pg_partition_tree('website_checks') WHERE isleaf
    UNION SELECT 'website_checks'::regclass WHERE NOT EXISTS (SELECT 1 FROM pg_partition_tree('website_checks'))
)
SELECT coalesce(pg_partition_root(i.indexrelid), i.indexrelid)::regclass::text AS name,
       sum(pg_relation_size(i.indexrelid))::bigint AS bytes
FROM pg_index i JOIN parts p ON p.relid = i.indrelid
GROUP BY 1 ORDER BY 2 DESC
"""


async def checks_size(connection: Any) -> dict[str, Any]:
    row = await connection.fetchrow(CHECKS_SIZE_SQL)
    indexes = await connection.fetch(CHECKS_INDEX_SIZES_SQL)
    rows = await connection.fetchval("SELECT count(*) FROM website_checks")
    database = await connection.fetchval("SELECT pg_database_size(current_database())")
    return {
        "rows": rows,
        "total_bytes": row["total"],
        "heap_bytes": row["heap"],
        "index_bytes": row["indexes"],
        "partitions": row["partitions"],
        "indexes": {r["name"]: r["bytes"] for r in indexes},
        "database_bytes": database,
    }


async def table_sizes(connection: Any) -> dict[str, int]:
    rows = await connection.fetch(
        "SELECT c.relname, pg_total_relation_size(c.oid) AS bytes FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') "
        "ORDER BY 2 DESC"
    )
    return {r["relname"]: r["bytes"] for r in rows}


async def pg_counters(connection: Any) -> dict[str, Any]:
    db = await connection.fetchrow(
        "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_returned, tup_fetched, "
        "blks_read, blks_hit, deadlocks FROM pg_stat_database WHERE datname = current_database()"
    )
    wal = await connection.fetchval("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn")
    bgwriter = await connection.fetchrow("SELECT checkpoints_timed, checkpoints_req FROM pg_stat_bgwriter")
    tables = await connection.fetch(
        "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, n_live_tup, n_dead_tup, "
        "autovacuum_count, autoanalyze_count FROM pg_stat_user_tables"
    )
    parts = await connection.fetch("SELECT relid::regclass::text AS name FROM pg_partition_tree('website_checks')")
    return {
        "website_checks_parts": [r["name"] for r in parts] or ["website_checks"],
        "database": dict(db),
        "wal_bytes": int(wal),
        "checkpoints": dict(bgwriter),
        "tables": {r["relname"]: dict(r) for r in tables},
    }


def pg_counter_delta(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    tables = {}
    for name, row in after["tables"].items():
        old = before["tables"].get(name, {})
        tables[name] = {
            k: (v - old.get(k, 0) if k.startswith(("n_tup", "autovacuum", "autoanalyze")) else v)
            for k, v in row.items()
            if k != "relname"
        }
    parts = set(after.get("website_checks_parts", ["website_checks"])) | {"website_checks"}
    summed: dict[str, int] = defaultdict(int)
    for name in parts:
        for key, value in tables.get(name, {}).items():
            summed[key] += value
    tables["website_checks (all partitions)"] = dict(summed)
    return {
        "database": {k: after["database"][k] - before["database"][k] for k in after["database"]},
        "wal_bytes": after["wal_bytes"] - before["wal_bytes"],
        "checkpoints": {k: after["checkpoints"][k] - before["checkpoints"][k] for k in after["checkpoints"]},
        "tables": tables,
    }


async def index_usage(connection: Any) -> list[dict[str, Any]]:
    rows = await connection.fetch(
        "SELECT relname AS table, indexrelname AS index, idx_scan, pg_relation_size(indexrelid) AS bytes "
        "FROM pg_stat_user_indexes ORDER BY relname, indexrelname"
    )
    return [dict(r) for r in rows]


async def top_statements(connection: Any, limit: int = 12) -> list[dict[str, Any]]:
    try:
        rows = await connection.fetch(
            "SELECT calls, total_exec_time, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 220) AS query "
            "FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
            "ORDER BY total_exec_time DESC LIMIT $1",
            limit,
        )
    except Exception as exc:  # the extension is missing
        return [{"error": str(exc)}]
    return [
        {
            "calls": r["calls"],
            "total_ms": round(r["total_exec_time"], 1),
            "ms_per_call": round(r["total_exec_time"] / max(1, r["calls"]), 3),
            "rows": r["rows"],
            "query": r["query"],
        }
        for r in rows
    ]


# ---------------------------------------------------------------------------------------------
# py-spy
# ---------------------------------------------------------------------------------------------

PY_SPY = shutil.which("py-spy") or str(Path(PYTHON).with_name("py-spy"))

# Classification of a sample: the innermost frame that is not the standard library decides,
# so asyncio/ssl/socket time is charged to the library that called it.
CATEGORIES: list[tuple[str, tuple[str, ...]]] = [
    # The innermost Python frame being uvicorn's or Celery's loop runner means the sample was in
    # uvloop's C code (I/O, callbacks' glue): the event loop itself.
    ("event loop (uvloop C code, I/O)", ("uvicorn/_compat.py", "uvloop/")),
    ("anyio thread pool (sync dependencies/endpoints)", ("anyio/",)),
    ("engine (webmon/engine)", ("webmon/engine/",)),
    (
        "aiohttp + yarl/multidict",
        ("aiohttp/", "yarl/", "multidict/", "aiohappyeyeballs/", "aiosignal/", "frozenlist/", "propcache/"),
    ),
    ("SQLAlchemy", ("sqlalchemy/",)),
    ("asyncpg", ("asyncpg/",)),
    ("aiosqlite/sqlite3", ("aiosqlite/", "sqlite3/")),
    ("Celery/kombu/billiard", ("celery/", "kombu/", "billiard/", "vine/")),
    ("CLI frames (typer/click: a process's outermost frames)", ("typer/", "click/")),
    ("greenlet (SQLAlchemy's async bridge)", ("greenlet",)),
    ("redis-py", ("redis/",)),
    (
        "store/policy/rollups (webmon/runner, alerting)",
        ("webmon/runner/store", "webmon/runner/rollups", "webmon/alerting/"),
    ),
    ("pipeline/scheduling (webmon/runner)", ("webmon/runner/",)),
    ("metrics (webmon/metrics)", ("webmon/metrics/",)),
    ("worker runtime/tasks (webmon/worker)", ("webmon/worker/",)),
    ("FastAPI/Starlette/pydantic", ("fastapi/", "starlette/", "pydantic/", "pydantic_core/")),
    ("uvicorn/httptools", ("uvicorn/", "httptools/")),
    ("API code (webmon api/auth/websites/stats)", ("webmon/",)),
    ("jwt/orjson", ("jwt/", "orjson")),
    ("prometheus_client", ("prometheus_client/",)),
]
STDLIB_CATEGORIES = [
    ("event loop (uvloop/asyncio, incl. syscalls)", ("uvloop/", "asyncio/", "selectors.py")),
    ("logging", ("logging/",)),
    ("threading/queue waits", ("threading.py", "queue.py", "concurrent/")),
]
_FRAME = re.compile(r"^(?P<func>.*) \((?P<file>.*?)(?::(?P<line>\d+))?\)$")


def _frame_file(frame: str) -> str:
    match = _FRAME.match(frame.strip())
    return match.group("file") if match else frame


def _is_stdlib(path: str) -> bool:
    return "site-packages" not in path and "/webmon/" not in path and "backend/" not in path


def classify_stack(frames: list[str]) -> str:
    """frames from outermost to innermost (py-spy's raw/collapsed order)."""
    files = [_frame_file(f) for f in frames]
    for path in reversed(files):
        if _is_stdlib(path):
            continue
        for name, needles in CATEGORIES:
            if any(n in path for n in needles):
                return name
        return "other third-party"
    leaf = files[-1] if files else ""
    if frames and leaf.endswith("threading.py") and _frame_parts(frames[-1])[0].endswith("run"):
        return CATEGORIES[0][0]  # a thread whose target is a C function: uvloop's run_forever
    for name, needles in STDLIB_CATEGORIES:
        if any(n in leaf for n in needles):
            return name
    return "stdlib (other)"


# Inclusive: share of samples whose stack passes through one of these (function, file) frames.
# (A coroutine's frames are on the stack only while it runs; protocol callbacks that uvloop calls,
# such as aiohttp's response parser, are not under engine.check: see by_library_pct for those.)
PHASES: list[tuple[str, tuple[tuple[str, str], ...]]] = [
    ("engine.check (coroutine part)", (("check", "webmon/engine/engine.py"),)),
    ("store_results (lock, policy, UPDATE/INSERT/upsert)", (("store_results", "webmon/runner/store.py"),)),
    ("pipeline _store incl. commit", (("_store", "webmon/runner/pipeline.py"),)),
    ("claim_due_websites", (("claim_due_websites", "webmon/runner/scheduling.py"),)),
    ("load_specs", (("load_specs", "webmon/runner/pipeline.py"),)),
    ("metrics counters -> Redis", (("_count", "webmon/runner/pipeline.py"),)),
    (
        "SQLAlchemy session commit",
        (("commit", "sqlalchemy/ext/asyncio/session.py"), ("commit", "sqlalchemy/orm/session.py")),
    ),
    ("Celery consumer/pool (celery, kombu frames)", (("", "celery/worker/"), ("", "kombu/"))),
    ("FastAPI request (any route)", (("", "fastapi/routing.py"),)),
    ("list_websites route", (("list_websites", "webmon/websites/"),)),
    ("get_current_user", (("get_current_user", "webmon/api/deps.py"),)),
    ("uptime_24h", (("uptime_24h", "webmon/stats/service.py"),)),
]


def _frame_parts(frame: str) -> tuple[str, str]:
    match = _FRAME.match(frame.strip())
    return (match.group("func"), match.group("file")) if match else (frame, "")


def summarize_collapsed(path: Path) -> dict[str, Any]:
    """Categories of py-spy's raw (collapsed) output: `frame;frame;...;frame count` per line."""
    categories: Counter[str] = Counter()
    phases: Counter[str] = Counter()
    threads: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    total = 0
    if not path.exists():
        return {"samples": 0}
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        while frames and frames[0].startswith(("thread ", "process ")):
            threads[frames[0][:60]] += count
            frames = frames[1:]
        total += count
        categories[classify_stack(frames)] += count
        parts = [_frame_parts(f) for f in frames]
        for name, needles in PHASES:
            if any((not func or fn == func) and path_part in file for fn, file in parts for func, path_part in needles):
                phases[name] += count
        if frames:
            leaves[frames[-1][:140]] += count
    share = lambda c: {k: round(100 * v / total, 1) for k, v in c.most_common()}  # noqa: E731
    return {
        "samples": total,
        "by_library_pct": share(categories) if total else {},
        "inclusive_pct": share(phases) if total else {},
        "threads_pct": share(threads) if total else {},
        "top_leaf_frames_pct": dict(list(share(leaves).items())[:20]) if total else {},
    }


class SpyRecording:
    def __init__(self, pid: int, out: Path, duration: int, rate: int = 67, subprocesses: bool = False) -> None:
        self.out = out
        argv = [
            PY_SPY,
            "record",
            "--pid",
            str(pid),
            "--duration",
            str(duration),
            "--rate",
            str(rate),
            "--format",
            "raw",
            "--full-filenames",
            "--threads",
            "--nonblocking",
            "-o",
            str(out),
        ]
        if subprocesses:
            argv.append("--subprocesses")
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def finish(self, timeout: float = 60) -> dict[str, Any]:
        try:
            _, err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        summary = summarize_collapsed(self.out)
        if not summary.get("samples"):
            summary["error"] = (err or b"").decode(errors="replace")[-500:]
        summary["file"] = str(self.out)
        return summary


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    versions = {}
    for package in (
        "aiohttp",
        "uvloop",
        "sqlalchemy",
        "asyncpg",
        "celery",
        "kombu",
        "redis",
        "fastapi",
        "uvicorn",
        "orjson",
        "aiosqlite",
    ):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            versions[package] = version(package)
    pg = ""
    with contextlib.suppress(Exception):
        from tests.stack.private_services import _pg_bin

        pg = subprocess.run([_pg_bin("postgres"), "--version"], capture_output=True, text=True).stdout.strip()
    redis_version = subprocess.run(["redis-server", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "memory_gb": round(os.sysconf("SC_PHYS_PAGES") * PAGE_BYTES / 2**30, 1),
        "load_avg_at_start": os.getloadavg(),
        "packages": versions,
        "postgresql": pg,
        "redis": redis_version,
    }


def code_version() -> dict[str, Any]:
    """Which backend code was measured (the lead changes it while benchmarks run)."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout.strip()

    diff = git("diff", "HEAD", "--", "backend")
    untracked = git("ls-files", "--others", "--exclude-standard", "--", "backend")
    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "backend_dirty": bool(diff or untracked),
        "backend_diff_sha1": hashlib.sha1((diff + untracked).encode()).hexdigest()[:12] if diff or untracked else None,
        "backend_changed_files": [line for line in git("status", "--short", "--", "backend").splitlines()][:40],
    }


def write_results(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = RESULTS / f"{name}-{stamp}.json"
    path.write_text(json.dumps(data, indent=2, default=_json_default) + "\n")
    return path


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if hasattr(value, "__dict__"):
        return value.__dict__
    return str(value)


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> str:
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for index, row in enumerate(cells):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def fmt(value: float | None, digits: int = 0, unit: str = "") -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}{unit}"


def met(ok: bool | None) -> str:
    return "—" if ok is None else ("yes" if ok else "NO")


# ---------------------------------------------------------------------------------------------
# Lifetime
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# History: hourly rollups as if the sites had been checked for a while
# ---------------------------------------------------------------------------------------------

_ROLLUP_VALUES = {
    "checks": "60",
    "failures": "0",
    "up_ms": "3600000",
    "down_ms": "0",
    "rt_count": "60",
    "rt_sum": "60 * (5 + s % 40)",
    "rt_max": "90",
    "h0": "58",
    "h1": "2",
}


async def seed_rollups_postgres(dsn: str, *, sites: int, hours: int) -> float:
    """`hours` full hours of hourly rollups per site before the current hour (what the list's
    24 h uptime and the sparklines read). Columns not named above are 0."""
    import asyncpg

    started = time.perf_counter()
    connection = await asyncpg.connect(dsn)
    try:
        columns = [
            r["column_name"]
            for r in await connection.fetch(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'check_rollups_hourly' ORDER BY ordinal_position"
            )
        ]
        values = []
        for column in columns:
            if column == "website_id":
                values.append("s")
            elif column == "hour":
                values.append("date_trunc('hour', now()) - make_interval(hours => k)")
            else:
                values.append(_ROLLUP_VALUES.get(column, "0"))
        await connection.execute(
            f"INSERT INTO check_rollups_hourly ({', '.join(columns)}) SELECT {', '.join(values)} "
            f"FROM generate_series(1, {int(sites)}) s, generate_series(1, {int(hours)}) k"
        )
        await connection.execute("ANALYZE check_rollups_hourly")
    finally:
        await connection.close()
    return time.perf_counter() - started


def seed_rollups_sqlite(path: Path, *, sites: int, hours: int) -> float:
    import sqlite3
    from datetime import timedelta

    started = time.perf_counter()
    connection = sqlite3.connect(path, timeout=30)
    try:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(check_rollups_hourly)")]
        this_hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
        hour_texts = [_sqlite_time(this_hour - timedelta(hours=k)) for k in range(1, hours + 1)]

        def value(column: str, site: int, hour: str) -> Any:
            if column == "website_id":
                return site
            if column == "hour":
                return hour
            if column == "rt_sum":
                return 60 * (5 + site % 40)
            return int(_ROLLUP_VALUES.get(column, "0")) if column != "rt_sum" else 0

        placeholders = ", ".join("?" for _ in columns)
        connection.executemany(
            f"INSERT INTO check_rollups_hourly ({', '.join(columns)}) VALUES ({placeholders})",
            ([value(c, s, hour) for c in columns] for s in range(1, sites + 1) for hour in hour_texts),
        )
        connection.commit()
    finally:
        connection.close()
    return time.perf_counter() - started


async def run_hourly_upkeep(database_url: str) -> str:
    """Run the product's hourly upkeep once (what an hour of running leaves behind: daily rollups,
    the 24 h uptime base...), in this process. Returns what happened, for the results."""
    try:
        from webmon.config import load_settings
        from webmon.db import Database
        from webmon.runner.maintenance import hourly_maintenance
    except ImportError as exc:
        return f"not available: {exc}"
    db = Database(load_settings(database_url=database_url, secret_key=SECRET))
    try:
        started = time.perf_counter()
        await hourly_maintenance(db, now=datetime.now(UTC))
        return f"ran in {time.perf_counter() - started:.1f} s"
    except Exception as exc:  # the lead's upkeep may change shape; the benchmark goes on
        return f"failed: {type(exc).__name__}: {exc}"
    finally:
        await db.dispose()
