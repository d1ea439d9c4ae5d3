"""Scale benchmark: the multi-service stack (API, Celery workers, Beat, PostgreSQL, Redis) checking
N sites on schedule against a local target, on this machine.

    .venv/bin/python bench/scale_bench.py --sites 10000 --minutes 3              # ~6 min with the restart test
    .venv/bin/python bench/scale_bench.py --sites 100000 --minutes 3 --outage 120
    .venv/bin/python bench/scale_bench.py --smoke                                # 300 sites, ~1 min; exit 1 if nothing was checked
    .venv/bin/python bench/scale_bench.py --sites 10000 --minutes 2 --outage 0 --profile   # + py-spy of a worker, the API and Beat

What runs: a private PostgreSQL 15 (settings in bench/harness/postgres.py PG_SETTINGS, printed), a private
Redis, bench/targets.py (1 process by default), `webmon migrate`, N sites seeded by SQL (one user,
urls http://127.0.0.1:PORT/site/<n>, next_check_at = each site's next slot), `webmon api`,
`--workers` x `webmon worker`, one `webmon beat`. Then: warm-up, a measured window, and (unless
--outage 0) a restart test: workers and Beat stopped for --outage seconds and started again.

Figures: sustained checks/s (delta of webmon_checks_total over the window, and rows stored by
checked_at), exact scheduler lag (each stored check's start minus its slot: slots are
`offset + k * interval` per site, so the lag is (checked_at - offset) mod interval, to the ms;
the product's histogram is printed beside it), missed and duplicate slots, CPU ms per check by
process group (utime + stime from /proc of each process tree, plus reaped children), RSS per
process, rows and WAL bytes per check, bytes per check stored (website_checks incl. indexes and
partitions / rows; whole database / rows), and a bare aiohttp loop against the same target
(engine_bench's) for the ratio. JSON goes to bench/results/scale-<sites>-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import uvloop

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness as h
from scale_report import report
from scale_stack import Stack, fetch_checks, restart_test

# ---------------------------------------------------------------------------------------------


async def bare_aiohttp(url: str, checks: int, rounds: int, concurrency: int, target_roots: list[int]) -> dict[str, Any]:
    """engine_bench's bare loop against the same target: the ceiling of this machine for checks."""
    from engine_bench import bare_loop

    await bare_loop(url, min(300, checks), concurrency)  # warm-up
    results = []
    for _ in range(rounds):
        target0 = h.cpu_snapshot({"target": target_roots})
        wall0, cpu0 = time.perf_counter(), time.process_time()
        failures = await bare_loop(url, checks, concurrency)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        target_cpu = h.cpu_snapshot({"target": target_roots}).groups["target"] - target0.groups["target"]
        results.append(
            {
                "checks_per_s": checks / wall,
                "client_cpu_ms": cpu * 1000 / checks,
                "target_cpu_ms": target_cpu * 1000 / checks,
                "failures": failures,
            }
        )
    median = lambda key: statistics.median(r[key] for r in results)  # noqa: E731
    return {
        "checks": checks,
        "rounds": rounds,
        "concurrency": concurrency,
        "checks_per_s": median("checks_per_s"),
        "client_cpu_ms": median("client_cpu_ms"),
        "target_cpu_ms": median("target_cpu_ms"),
        "failures": sum(r["failures"] for r in results),
        "runs": results,
    }


def timeline(
    grid: h.SlotGrid, checks: list[tuple[int, int]], start_ms: int, end_ms: int, step_s: int
) -> list[dict[str, Any]]:
    buckets: dict[int, list[int]] = {}
    for site_id, ms in checks:
        if start_ms <= ms < end_ms:
            buckets.setdefault((ms - start_ms) // (step_s * 1000), []).append(grid.slot_index_and_lag(site_id, ms)[1])
    rows = []
    for index in range(0, max(1, (end_ms - start_ms) // (step_s * 1000))):
        lags = sorted(buckets.get(index, []))
        rows.append(
            {
                "t_s": index * step_s,
                "checks_per_s": len(lags) / step_s,
                "lag_p50_ms": h.percentile(lags, 50),
                "lag_p99_ms": h.percentile(lags, 99),
            }
        )
    return rows


async def measure_window(
    stack: Stack, connection: Any, client: Any, redis: Any, seconds: float, expected_rate: float
) -> dict[str, Any]:
    args = stack.args
    rss = h.RssTracker()
    await connection.execute("SELECT pg_stat_statements_reset()")
    metrics0 = await stack.metrics(client)
    pg0 = await h.pg_counters(connection)
    size0 = await h.checks_size(connection)
    t0_ms, snap0 = h.now_ms(), stack.cpu()
    spies = []
    if args.profile:
        duration = int(max(10, min(args.profile_seconds, seconds - 5)))
        targets = [
            ("worker1", stack.procs.items["worker1"].process.pid, False),
            ("beat", stack.procs.items["beat"].process.pid, False),
            ("api", stack.procs.items["api"].process.pid, True),
        ]
        for name, pid, sub in targets:
            spies.append((name, h.SpyRecording(pid, stack.ws.folder / f"pyspy-{name}.txt", duration, subprocesses=sub)))
    deadline = time.monotonic() + seconds
    depth_samples = []
    last_print, last_checks = time.monotonic(), int(await redis.hget("webmon:metrics", "checks") or 0)
    while time.monotonic() < deadline:
        await asyncio.sleep(min(2.0, max(0.0, deadline - time.monotonic())))
        rss.sample(stack.groups())
        depth_samples.append(int(await redis.llen("checks")))
        if time.monotonic() - last_print >= 10 or time.monotonic() >= deadline:
            checks_now = int(await redis.hget("webmon:metrics", "checks") or 0)
            rate = (checks_now - last_checks) / (time.monotonic() - last_print)
            print(
                f"  [{(h.now_ms() - t0_ms) / 1000:5.0f} s] {rate:8,.0f} checks/s (expected {expected_rate:,.0f})  "
                f"queue {depth_samples[-1]}",
                flush=True,
            )
            last_print, last_checks = time.monotonic(), checks_now
    t1_ms, snap1 = h.now_ms(), stack.cpu()
    final_rss = rss.sample(stack.groups())
    metrics1 = await stack.metrics(client)
    pg1 = await h.pg_counters(connection)
    statements = await h.top_statements(connection)
    profiles = {name: spy.finish() for name, spy in spies}
    await asyncio.sleep(max(2.0, 1.5 * 1))  # results are stored every second: let the window's last ones land
    size1 = await h.checks_size(connection)
    tables = await h.table_sizes(connection)
    indexes = await h.index_usage(connection)

    checks_delta = metrics1.get("webmon_checks_total", 0) - metrics0.get("webmon_checks_total", 0)
    window_s = (t1_ms - t0_ms) / 1000
    cpu = h.cpu_delta(snap0, snap1)
    grid = h.SlotGrid(args.interval)
    stored = await fetch_checks(connection, t0_ms, t1_ms)
    lags = h.lag_report(
        grid,
        stored,
        sites=range(1, args.sites + 1),
        start_ms=t0_ms,
        end_ms=t1_ms,
        margin_ms=int(max(5000, stack.tick * 1000)),
    )
    lag_hist = h.bucket_delta(
        metrics0["_buckets"].get("webmon_scheduler_lag_seconds", []),
        metrics1["_buckets"].get("webmon_scheduler_lag_seconds", []),
    )
    pg_delta = h.pg_counter_delta(pg0, pg1)
    return {
        "t0_ms": t0_ms,
        "t1_ms": t1_ms,
        "window_s": window_s,
        "checks": checks_delta,
        "checks_per_s": checks_delta / window_s,
        "stored_checks_in_window": len(stored),
        "stored_per_s": len(stored) / window_s,
        "failed_checks": metrics1.get("webmon_checks_failed_total", 0) - metrics0.get("webmon_checks_failed_total", 0),
        "lag": lags.as_dict(),
        "lag_histogram_delta": lag_hist,
        "lag_histogram_p50_s": h.histogram_quantile(lag_hist, 0.5),
        "lag_histogram_p99_s": h.histogram_quantile(lag_hist, 0.99),
        "cpu": cpu,
        "cpu_ms_per_check": {g: 1000 * s / max(1, checks_delta) for g, s in cpu["groups_s"].items()},
        "rss_final": final_rss,
        "rss_max": list(rss.max.values()),
        "queue_depth": {"max": max(depth_samples or [0]), "mean": statistics.fmean(depth_samples or [0])},
        "pg": pg_delta,
        "pg_per_check": {
            "wal_bytes": pg_delta["wal_bytes"] / max(1, checks_delta),
            "commits": pg_delta["database"]["xact_commit"] / max(1, checks_delta),
            "rows_inserted": pg_delta["database"]["tup_inserted"] / max(1, checks_delta),
            "rows_updated": pg_delta["database"]["tup_updated"] / max(1, checks_delta),
        },
        "rows_written_per_s": {
            "website_checks": pg_delta["tables"].get("website_checks (all partitions)", {}).get("n_tup_ins", 0)
            / window_s,
            "all_tables_ins_upd_del": (
                pg_delta["database"]["tup_inserted"]
                + pg_delta["database"]["tup_updated"]
                + pg_delta["database"]["tup_deleted"]
            )
            / window_s,
        },
        "top_statements": statements,
        "size_before": size0,
        "size_after": size1,
        "table_sizes": tables,
        "index_usage": indexes,
        "timeline": timeline(grid, stored, t0_ms, t1_ms, 10),
        "profiles": profiles,
    }


async def main(args: argparse.Namespace) -> int:
    import asyncpg
    import httpx
    from redis.asyncio import Redis

    result: dict[str, Any] = {
        "args": vars(args),
        "machine": h.machine_info(),
        "code": h.code_version(),
        "pg_settings": {k: v for k, (v, _) in h.PG_SETTINGS.items()} | (h.PG_UNSAFE if args.pg_unsafe else {}),
    }
    started = time.monotonic()
    with h.Workspace("webmon-scale-", keep=args.keep) as ws:
        stack = Stack(args, ws)
        result["tick_s"] = stack.tick
        _port, target = h.start_target(stack.procs, args.target_procs)
        print(f"PostgreSQL on {stack.pg.port}, Redis on {stack.redis.port}, target {target}", flush=True)
        if args.bare_checks:
            result["bare"] = await bare_aiohttp(
                f"{target}site/0", args.bare_checks, args.bare_rounds, 300, stack.procs.pids("target")
            )
            print(f"bare aiohttp: {result['bare']['checks_per_s']:,.0f} checks/s", flush=True)
        h.run_webmon(["migrate"], stack.env, ws.folder)
        connection = await asyncpg.connect(stack.pg.dsn)
        try:
            await connection.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
            result["seed"] = await h.seed_postgres(
                stack.pg.dsn, sites=args.sites, interval=args.interval, target=target
            )
            print(f"seeded {args.sites:,} sites in {result['seed']['seconds']} s", flush=True)
            stack.procs.webmon("api", "api", "api", "--port", str(stack.api_port), "--workers", str(args.api_workers))
            h.wait_for_port(stack.api_port, 60, stack.procs.items["api"].process)
            stack.start_checkers()
            redis = Redis.from_url(stack.redis.url)
            async with httpx.AsyncClient() as client:
                print(f"warming up {args.warmup} s", flush=True)
                await asyncio.sleep(args.warmup)
                print(f"measuring {args.minutes * 60:.0f} s", flush=True)
                result["window"] = await measure_window(
                    stack, connection, client, redis, args.minutes * 60, args.sites / args.interval
                )
                if args.outage > 0:
                    result["recovery"] = await restart_test(stack, connection, client)
            await redis.aclose()
        finally:
            await connection.close()
        result["logs_tail"] = {name: stack.procs.tail(name, 1500) for name in list(stack.procs.items)}
    result["elapsed_s"] = time.monotonic() - started
    name = "scale-smoke" if args.smoke else f"scale-{args.sites}"
    path = h.write_results(name, result)
    print()
    print(report(result))
    print(f"\nresults: {path}  ({result['elapsed_s']:.0f} s)")
    if result["window"]["stored_checks_in_window"] == 0 and result["window"]["checks"] == 0:
        print("FAILED: nothing was checked", file=sys.stderr)
        return 1
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", type=int, default=10_000)
    parser.add_argument("--minutes", type=float, default=3, help="length of the measured window")
    parser.add_argument("--interval", type=int, default=60, help="check_interval of every site, seconds")
    parser.add_argument("--workers", type=int, default=2, help="`webmon worker` processes")
    parser.add_argument("--threads", type=int, default=16, help="--threads of each worker (product default 16)")
    parser.add_argument("--api-workers", type=int, default=1)
    parser.add_argument("--tick", type=float, help="WEBMON_SCHEDULER_TICK (product default 5)")
    parser.add_argument(
        "--warmup",
        type=float,
        default=60,
        help="seconds before the window (one interval: every site has been claimed once)",
    )
    parser.add_argument(
        "--outage", type=float, default=120, help="restart test: seconds workers+Beat stay down (0: skip)"
    )
    parser.add_argument(
        "--recovery-timeout", type=float, default=150, help="give up waiting for recovery after this long"
    )
    parser.add_argument("--target-procs", type=int, default=1)
    parser.add_argument("--bare-checks", type=int, default=20_000, help="bare aiohttp loop: checks per round (0: skip)")
    parser.add_argument("--bare-rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="py-spy record a worker, Beat and the API in the window")
    parser.add_argument("--profile-seconds", type=int, default=60)
    parser.add_argument(
        "--pg-unsafe", action="store_true", help="fsync, synchronous_commit, full_page_writes off (to compare)"
    )
    parser.add_argument("--log-level", default="INFO")
    parser.add_argument(
        "--env", action="append", default=[], metavar="WEBMON_X=V", help="extra setting for every Webmon process"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, profiles)")
    parser.add_argument(
        "--smoke", action="store_true", help="300 sites every 10 s, 15 s warm-up, 30 s window, no restart: ~1 min"
    )
    args = parser.parse_args(argv)
    if args.smoke:
        args.sites, args.interval, args.warmup, args.minutes, args.outage = 300, 10, 15, 0.5, 0
        args.bare_checks, args.bare_rounds = 500, 1
    return args


if __name__ == "__main__":
    sys.exit(uvloop.run(main(parse_args())))
