"""The stack a scale run starts (PostgreSQL, Redis, migrate, API, workers, Beat) and its restart test:
workers and Beat stopped for a while and started again, then the time until every site is back on
schedule."""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from datetime import UTC, datetime
from typing import Any

import harness as h
from scale_goals import GOAL_LAG_P99_S


async def fetch_checks(connection: Any, start_ms: int, end_ms: int) -> list[tuple[int, int]]:
    rows = await connection.fetch(
        "SELECT website_id, (extract(epoch FROM checked_at) * 1000)::bigint AS ms FROM website_checks "
        "WHERE checked_at >= to_timestamp($1 / 1000.0) AND checked_at < to_timestamp($2 / 1000.0)",
        start_ms,
        end_ms,
    )
    return [(r["website_id"], r["ms"]) for r in rows]


class Stack:
    def __init__(self, args: argparse.Namespace, ws: h.Workspace) -> None:
        self.args = args
        self.ws = ws
        self.pg = ws.postgres(unsafe=args.pg_unsafe)
        self.redis = ws.redis()
        env = {
            "WEBMON_DATABASE_URL": self.pg.url,
            "WEBMON_REDIS_URL": self.redis.url,
            "WEBMON_MIN_CHECK_INTERVAL": str(min(30, args.interval)),
            "WEBMON_LOG_LEVEL": args.log_level,
        }
        if args.tick:
            env["WEBMON_SCHEDULER_TICK"] = str(args.tick)
        for item in args.env:
            key, _, value = item.partition("=")
            env[key] = value
        self.env = h.webmon_env(ws.folder, **env)
        self.procs = ws.processes(self.env)
        self.api_port = h.free_port()
        self.tick = float(self.env.get("WEBMON_SCHEDULER_TICK", "5"))

    def groups(self) -> dict[str, list[int]]:
        groups = self.procs.groups()
        groups["postgres"] = [self.pg.postmaster_pid()]
        if self.redis.process is not None:
            groups["redis"] = [self.redis.process.pid]
        return groups

    def cpu(self) -> h.CpuSnapshot:
        snapshot = h.cpu_snapshot(self.groups())
        own = h.read_stat(os.getpid())
        snapshot.groups["bench (this process)"] = own.cpu if own else 0.0
        return snapshot

    def start_checkers(self) -> None:
        for index in range(self.args.workers):
            self.procs.webmon(f"worker{index + 1}", "workers", "worker", "--threads", str(self.args.threads))
        self.procs.webmon("beat", "beat", "beat")

    def stop_checkers(self) -> float:
        from concurrent.futures import ThreadPoolExecutor

        names = [name for name in self.procs.items if name.startswith("worker") or name == "beat"]
        with ThreadPoolExecutor(len(names)) as pool:
            return max(pool.map(lambda n: self.procs.stop(n, timeout=30), names))

    async def metrics(self, client: Any) -> dict[str, Any]:
        response = await client.get(f"http://127.0.0.1:{self.api_port}/metrics", timeout=30)
        response.raise_for_status()
        return h.parse_metrics(response.text)


async def restart_test(stack: Stack, connection: Any, client: Any) -> dict[str, Any]:
    args = stack.args
    print(f"restart test: stopping workers and Beat for {args.outage} s", flush=True)
    stop_seconds = stack.stop_checkers()
    stopped_ms = h.now_ms()
    await asyncio.sleep(args.outage)
    metrics0 = await stack.metrics(client)
    restart_ms = h.now_ms()
    restart_at = datetime.fromtimestamp(restart_ms / 1000, UTC)
    stack.start_checkers()
    deadline = time.monotonic() + args.recovery_timeout
    all_checked_ms = None
    settle_until = None
    while time.monotonic() < deadline:
        await asyncio.sleep(2)
        remaining = await connection.fetchval(
            "SELECT count(*) FROM websites WHERE is_active AND (last_check IS NULL OR last_check < $1)", restart_at
        )
        elapsed = (h.now_ms() - restart_ms) / 1000
        print(f"  [{elapsed:5.0f} s after restart] sites not yet checked since the restart: {remaining:,}", flush=True)
        if remaining == 0 and settle_until is None:
            settle_until = time.monotonic() + max(3 * stack.tick, 20)
        if settle_until is not None and time.monotonic() >= settle_until:
            break
    end_ms = h.now_ms()
    await asyncio.sleep(2)
    metrics1 = await stack.metrics(client)
    grid = h.SlotGrid(args.interval)
    checks = await fetch_checks(connection, restart_ms, end_ms)
    firsts = await connection.fetchrow(
        "SELECT count(*) AS sites, (extract(epoch FROM max(first)) * 1000)::bigint AS last_first_ms FROM ("
        " SELECT website_id, min(checked_at) AS first FROM website_checks WHERE checked_at >= $1 GROUP BY website_id) s",
        restart_at,
    )
    if firsts["sites"] >= args.sites:
        all_checked_ms = firsts["last_first_ms"]
    # "On schedule" from the first second after which every 1-s bucket of checks has p99 lag <= 2 s.
    per_second: dict[int, list[int]] = {}
    off_grid = 0
    for site_id, ms in checks:
        lag = grid.slot_index_and_lag(site_id, ms)[1]
        per_second.setdefault((ms - restart_ms) // 1000, []).append(lag)
        off_grid += lag > GOAL_LAG_P99_S * 1000
    late_seconds = [s for s, lags in per_second.items() if h.percentile(lags, 99) > GOAL_LAG_P99_S * 1000]
    first_check_s = min(((ms - restart_ms) / 1000 for _, ms in checks), default=None)
    on_schedule_s = (max(late_seconds) + 1) if late_seconds else first_check_s
    hist = h.bucket_delta(
        metrics0["_buckets"].get("webmon_scheduler_lag_seconds", []),
        metrics1["_buckets"].get("webmon_scheduler_lag_seconds", []),
    )
    return {
        "outage_s": args.outage,
        "stop_took_s": round(stop_seconds, 1),
        "stopped_ms": stopped_ms,
        "restart_ms": restart_ms,
        "first_check_after_s": first_check_s,
        "on_schedule_after_s": on_schedule_s,
        "all_sites_checked_after_s": (all_checked_ms - restart_ms) / 1000 if all_checked_ms else None,
        "sites_checked_since_restart": firsts["sites"],
        "catch_up_checks_off_schedule": off_grid,
        "checks_since_restart": len(checks),
        "observed_s": (end_ms - restart_ms) / 1000,
        "timed_out": all_checked_ms is None,
        "product_lag_histogram_delta": hist,
        "product_lag_p99_s": h.histogram_quantile(hist, 0.99),
        "per_second": [
            {"t_s": s, "checks": len(per_second[s]), "lag_p99_ms": h.percentile(per_second[s], 99)}
            for s in sorted(per_second)
        ],
    }
