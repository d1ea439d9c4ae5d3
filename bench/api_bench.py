"""API benchmark: `GET /api/v1/websites?limit=100` with a bearer token, 64 connections (wrk),
against the multi-service stack with 10,000 sites, with no checks running and while they run;
and the same against a bare handler (bench/bare_api.py: asyncpg + orjson, no framework, one
query) on the same PostgreSQL with the same uvicorn worker count, for the ratio.

    .venv/bin/python bench/api_bench.py                    # ~4 min
    .venv/bin/python bench/api_bench.py --seconds 10 --rounds 1 --profile
    .venv/bin/python bench/api_bench.py --smoke            # 300 sites, 5 s runs (~1 min)

Needs `wrk` (Debian: apt-get install wrk). Each measured run: wrk -t2 -c64 -d<seconds>s with
bench/wrk_auth.lua (sets the Authorization header, prints figures as JSON), after a 3 s warm-up
run. The sites have 24 h of hourly rollups (what the list's 24 h uptime reads), and the hourly
upkeep (runner/maintenance.py) is run once after seeding, as it would have in production. Figures: req/s,
average, p50, p99 latency, errors; CPU ms per request of the API, PostgreSQL, wrk and the
workers; checks/s and exact scheduler lag during each run when checks run.
JSON: bench/results/api-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import uvloop

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness as h
from scale_bench import Stack, fetch_checks

GOAL_RPS = 1000
GOAL_AVG_MS = 50
GOAL_RATIO = 0.6
CONNECTIONS = 64
LUA = h.BENCH / "wrk_auth.lua"


def run_wrk(url: str, token: str, seconds: float, connections: int, threads: int) -> dict[str, Any]:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    env = dict(os.environ, WEBMON_BENCH_TOKEN=token)
    process = subprocess.Popen(
        [
            wrk,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            str(LUA),
            url,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    assert process.stdout is not None
    output = process.stdout.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    figures: dict[str, Any] = {"raw": output[-1500:]}
    for line in output.splitlines():
        if line.startswith("WRK_JSON "):
            figures.update(json.loads(line[len("WRK_JSON ") :]))
    if "requests" not in figures:
        raise RuntimeError(f"wrk failed: {output}")
    seconds_run = figures["duration_us"] / 1e6
    errors = figures["errors"]
    figures.update(
        {
            "rps": figures["requests"] / seconds_run,
            "avg_ms": figures["latency_us"]["mean"] / 1000,
            "p50_ms": figures["latency_us"]["p50"] / 1000,
            "p99_ms": figures["latency_us"]["p99"] / 1000,
            "error_count": sum(errors.values()),
            "wrk_cpu_s": usage.ru_utime + usage.ru_stime,
        }
    )
    return figures


async def one_run(
    stack: Stack,
    name: str,
    url: str,
    token: str,
    args: argparse.Namespace,
    connection: Any,
    redis: Any,
    checks_running: bool,
    profile_api: bool,
) -> dict[str, Any]:
    await asyncio.to_thread(run_wrk, url, token, 3, CONNECTIONS, args.wrk_threads)  # warm-up
    spy = None
    if profile_api:
        spy = h.SpyRecording(
            stack.procs.items["api"].process.pid,
            stack.ws.folder / "pyspy-api-wrk.txt",
            int(max(5, args.seconds - 2)),
            subprocesses=True,
        )
    checks0 = int(await redis.hget("webmon:metrics", "checks") or 0)
    t0_ms, snap0 = h.now_ms(), h.cpu_snapshot(stack.groups())
    figures = await asyncio.to_thread(run_wrk, url, token, args.seconds, CONNECTIONS, args.wrk_threads)
    t1_ms, snap1 = h.now_ms(), h.cpu_snapshot(stack.groups())
    checks1 = int(await redis.hget("webmon:metrics", "checks") or 0)
    cpu = h.cpu_delta(snap0, snap1)
    requests = max(1, figures["requests"])
    cpu_ms = {group: 1000 * s / requests for group, s in cpu["groups_s"].items()}
    cpu_ms["wrk"] = 1000 * figures["wrk_cpu_s"] / requests
    result = {
        "app": name,
        "checks_running": checks_running,
        **{k: v for k, v in figures.items() if k != "raw"},
        "cpu_ms_per_request": cpu_ms,
        "cpu_of_one_core_pct": {g: 100 * s / cpu["wall_s"] for g, s in cpu["groups_s"].items()},
        "machine_busy_pct": 100 * cpu["machine_busy_s"] / cpu["wall_s"],
        "other_pct": 100 * cpu["other_s"] / cpu["wall_s"],
    }
    if checks_running:
        await asyncio.sleep(2)
        window = (t1_ms - t0_ms) / 1000
        stored = await fetch_checks(connection, t0_ms, t1_ms)
        lags = h.lag_report(h.SlotGrid(args.interval), stored, sites=(), start_ms=t0_ms, end_ms=t1_ms, margin_ms=0)
        result["checks_per_s"] = (checks1 - checks0) / window
        result["lag_p50_ms"], result["lag_p99_ms"] = lags.p50_ms, lags.p99_ms
    if spy is not None:
        result["profile"] = spy.finish()
    print(
        f"  {name:<8} {'checks on ' if checks_running else 'no checks'}  {result['rps']:8,.0f} req/s  "
        f"avg {result['avg_ms']:6.1f} ms  p99 {result['p99_ms']:6.1f} ms  errors {result['error_count']}"
        + (
            f"  | {result['checks_per_s']:,.0f} checks/s, lag p99 {h.fmt(result['lag_p99_ms'])} ms"
            if checks_running
            else ""
        ),
        flush=True,
    )
    return result


def summarize(runs: list[dict[str, Any]]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for checks_running in (False, True):
        label = "checks running" if checks_running else "no checks"
        per_app = {}
        for app in ("webmon", "bare"):
            mine = [r for r in runs if r["app"] == app and r["checks_running"] == checks_running]
            if not mine:
                continue

            def median(key: str, mine: list = mine) -> float:
                return statistics.median(r[key] for r in mine)

            per_app[app] = {
                "rps": median("rps"),
                "avg_ms": median("avg_ms"),
                "p50_ms": median("p50_ms"),
                "p99_ms": median("p99_ms"),
                "errors": sum(r["error_count"] for r in mine),
                "runs": len(mine),
                "cpu_ms_per_request": {
                    g: statistics.median(r["cpu_ms_per_request"].get(g, 0) for r in mine)
                    for g in mine[0]["cpu_ms_per_request"]
                },
            }
            if checks_running:
                per_app[app]["checks_per_s"] = median("checks_per_s")
                lag = [r["lag_p99_ms"] for r in mine if r.get("lag_p99_ms") is not None]
                per_app[app]["lag_p99_ms"] = max(lag) if lag else None
        if "webmon" in per_app and "bare" in per_app:
            per_app["ratio"] = per_app["webmon"]["rps"] / per_app["bare"]["rps"]
        summary[label] = per_app
    return summary


def report(result: dict[str, Any]) -> str:
    s = result["summary"]
    lines = [
        f"api: GET /api/v1/websites?limit=100, {CONNECTIONS} connections, {result['args']['api_workers']} uvicorn workers, "
        f"{result['args']['sites']:,} sites, medians of {result['args']['rounds']} run(s) of {result['args']['seconds']} s "
        f"(code {result['code']['commit']}{' + uncommitted backend changes' if result['code']['backend_dirty'] else ''})",
        "",
    ]
    rows = []
    for label, per_app in s.items():
        w, b = per_app.get("webmon"), per_app.get("bare")
        if w:
            rows.append([f"webmon req/s, {label}", f">= {GOAL_RPS:,}", f"{w['rps']:,.0f}", h.met(w["rps"] >= GOAL_RPS)])
            rows.append(
                [
                    f"webmon latency avg / p99, {label}",
                    f"avg <= {GOAL_AVG_MS} ms",
                    f"{w['avg_ms']:.1f} / {w['p99_ms']:.1f} ms",
                    h.met(w["avg_ms"] <= GOAL_AVG_MS),
                ]
            )
            rows.append(["  errors (non-2xx, socket)", "0", f"{w['errors']}", h.met(w["errors"] == 0)])
        if b:
            rows.append(
                [
                    f"bare handler req/s, avg / p99, {label}",
                    "",
                    f"{b['rps']:,.0f}, {b['avg_ms']:.1f} / {b['p99_ms']:.1f} ms",
                    "",
                ]
            )
        if "ratio" in per_app:
            rows.append(
                [
                    f"webmon / bare, {label}",
                    f">= {GOAL_RATIO}",
                    f"{per_app['ratio']:.2f}",
                    h.met(per_app["ratio"] >= GOAL_RATIO),
                ]
            )
        if w and "checks_per_s" in w:
            rows.append(
                [
                    "  checks/s during the webmon runs, lag p99",
                    "",
                    f"{w['checks_per_s']:,.0f}, {h.fmt(w['lag_p99_ms'])} ms",
                    "",
                ]
            )
    lines.append(h.table(rows, ["figure", "goal", "measured", "met?"]))
    lines.append("")
    cpu_rows = []
    for label, per_app in s.items():
        for app in ("webmon", "bare"):
            if app in per_app:
                cpu = per_app[app]["cpu_ms_per_request"]
                cpu_rows.append(
                    [label, app] + [f"{cpu.get(g, 0):.3f}" for g in ("api", "bare", "postgres", "wrk", "workers")]
                )
    lines.append(
        h.table(
            cpu_rows,
            ["condition", "app", "api ms/req", "bare ms/req", "postgres ms/req", "wrk ms/req", "workers ms/req"],
        )
    )
    for run in result["runs"]:
        if "profile" in run:
            profile = run["profile"]
            lines.append("")
            lines.append(f"py-spy of the API ({profile.get('samples', 0)} samples) {profile.get('error', '')}")
            for category, pct in list(profile.get("by_library_pct", {}).items())[:10]:
                lines.append(f"  {pct:5.1f} %  {category}")
            for phase, pct in profile.get("inclusive_pct", {}).items():
                lines.append(f"  incl. {pct:5.1f} %  {phase}")
    return "\n".join(lines)


async def main(args: argparse.Namespace) -> int:
    import asyncpg
    import httpx
    from redis.asyncio import Redis

    result: dict[str, Any] = {"args": vars(args), "machine": h.machine_info(), "code": h.code_version(), "runs": []}
    with h.Workspace("webmon-api-", keep=args.keep) as ws:
        stack = Stack(args, ws)
        _, target = h.start_target(stack.procs, 1)
        h.run_webmon(["migrate"], stack.env, ws.folder)
        connection = await asyncpg.connect(stack.pg.dsn)
        try:
            await connection.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
            seed = await h.seed_postgres(stack.pg.dsn, sites=args.sites, interval=args.interval, target=target)
            result["seed"] = seed
            result["rollups_seed_s"] = await h.seed_rollups_postgres(stack.pg.dsn, sites=args.sites, hours=24)
            if not args.no_upkeep:
                result["upkeep"] = await h.run_hourly_upkeep(stack.pg.url)
                print(f"hourly upkeep: {result['upkeep']}", flush=True)
            token = h.bearer_token(seed["user_id"], await h.open_session_postgres(stack.pg.dsn, seed["user_id"]))
            stack.procs.webmon("api", "api", "api", "--port", str(stack.api_port), "--workers", str(args.api_workers))
            bare_port = h.free_port()
            bare_env = dict(stack.env, BENCH_DSN=stack.pg.dsn, BENCH_SECRET=h.SECRET)
            stack.procs.start(
                "bare",
                "bare",
                [
                    h.PYTHON,
                    "-m",
                    "uvicorn",
                    "bare_api:app",
                    "--app-dir",
                    str(h.BENCH),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(bare_port),
                    "--workers",
                    str(args.api_workers),
                    "--loop",
                    "uvloop",
                    "--http",
                    "httptools",
                    "--no-access-log",
                    "--log-level",
                    "warning",
                ],
                env=bare_env,
            )
            h.wait_for_port(stack.api_port, 60, stack.procs.items["api"].process)
            h.wait_for_port(bare_port, 60, stack.procs.items["bare"].process)
            urls = {
                "webmon": f"http://127.0.0.1:{stack.api_port}/api/v1/websites?limit=100",
                "bare": f"http://127.0.0.1:{bare_port}/api/v1/websites?limit=100",
            }
            async with httpx.AsyncClient(headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
                bodies = {}
                for app, url in urls.items():
                    for _ in range(20):  # every uvicorn worker up
                        response = await client.get(url)
                    response.raise_for_status()
                    bodies[app] = response.json()
                ids = {app: [row["id"] for row in body] for app, body in bodies.items()}
                if ids["webmon"] != ids["bare"] or len(ids["webmon"]) != min(100, args.sites):
                    raise RuntimeError(f"the two endpoints disagree: {ids['webmon'][:5]}... vs {ids['bare'][:5]}...")
                result["response_bytes"] = {app: len(json.dumps(body)) for app, body in bodies.items()}
            redis = Redis.from_url(stack.redis.url)
            try:
                print("no checks running", flush=True)
                for _ in range(args.rounds):
                    for app in ("webmon", "bare"):
                        result["runs"].append(
                            await one_run(stack, app, urls[app], token, args, connection, redis, False, False)
                        )
                stack.start_checkers()
                print(
                    f"checks running ({args.sites:,} sites every {args.interval} s); warming up {args.warmup} s",
                    flush=True,
                )
                await asyncio.sleep(args.warmup)
                for index in range(args.rounds):
                    for app in ("webmon", "bare"):
                        profile = args.profile and index == 0 and app == "webmon"
                        result["runs"].append(
                            await one_run(stack, app, urls[app], token, args, connection, redis, True, profile)
                        )
                result["top_statements"] = await h.top_statements(connection, 10)
            finally:
                await redis.aclose()
        finally:
            await connection.close()
        result["logs_tail"] = {name: stack.procs.tail(name, 1500) for name in list(stack.procs.items)}
    result["summary"] = summarize(result["runs"])
    path = h.write_results("api-smoke" if args.smoke else "api", result)
    print()
    print(report(result))
    print(f"\nresults: {path}")
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", type=int, default=10_000)
    parser.add_argument("--interval", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=20, help="length of each measured wrk run")
    parser.add_argument("--rounds", type=int, default=2, help="measured runs per app and condition (medians reported)")
    parser.add_argument(
        "--api-workers", type=int, default=2, help="uvicorn workers of both the API and the bare handler"
    )
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="`webmon worker` processes while checks run")
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--warmup", type=float, default=30, help="seconds of checks before the runs with checks")
    parser.add_argument("--tick", type=float)
    parser.add_argument("--profile", action="store_true", help="py-spy the API during the first run with checks")
    parser.add_argument(
        "--no-upkeep",
        action="store_true",
        help="skip running the hourly upkeep after seeding (it builds what the list reads, as after an hour in production)",
    )
    parser.add_argument("--pg-unsafe", action="store_true")
    parser.add_argument("--log-level", default="INFO")
    parser.add_argument("--env", action="append", default=[], metavar="WEBMON_X=V")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="300 sites, 5 s runs, 1 round, 10 s warm-up")
    args = parser.parse_args(argv)
    if args.smoke:
        args.sites, args.seconds, args.rounds, args.warmup = 300, 5, 1, 10
    return args


if __name__ == "__main__":
    sys.exit(uvloop.run(main(parse_args())))
