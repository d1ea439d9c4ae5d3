"""`webmon serve` on SQLite: its memory with 1,000 sites, and how many sites one process keeps on
schedule at a 60 s interval.

    .venv/bin/python bench/serve_bench.py                       # 1k for 3 min, then 2k, 5k, 10k, 20k, ... (<= 10 min)
    .venv/bin/python bench/serve_bench.py --rss-minutes 1 --steps 2000,5000
    .venv/bin/python bench/serve_bench.py --smoke               # 200 sites every 10 s, ~1 min

One `webmon serve` (the whole product in one process) on a fresh SQLite file, against
bench/targets.py (1 process). Sites are inserted straight into the file (one user; urls
http://127.0.0.1:PORT/site/<n>; next_check_at = each site's next slot), first --rss-sites, which
run for --rss-minutes (RSS sampled every 5 s: the figure is the RSS at the end, goal <= 150 MB),
then more sites step by step. Each step: add the sites, let them settle --step-warmup s, measure
one interval (--step-seconds, default = the interval): checks/s stored, exact scheduler lag (each
check's start minus its slot, from checked_at: slots are offset + k * interval per site), missed
slots, CPU of the process, RSS. The ramp stops at the first step whose lag p99 > 2 s, or whose
checks/s fall below 97 % of sites/interval, or whose missed slots exceed 1 %, or when --max-minutes
is reached; "holds" is the last step that met all three. JSON: bench/results/serve-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import uvloop

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness as h

GOAL_RSS_MB = 150
GOAL_LAG_P99_MS = 2000
MIN_RATE_SHARE = 0.97
MAX_MISSED_SHARE = 0.01


def _ms(text: str) -> int:
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)


def _text(ms: int) -> str:
    return h._sqlite_time(datetime.fromtimestamp(ms / 1000, UTC))


def fetch_checks_sqlite(path: Path, start_ms: int, end_ms: int) -> list[tuple[int, int]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        rows = connection.execute(
            "SELECT website_id, checked_at FROM website_checks WHERE checked_at >= ? AND checked_at < ?",
            (_text(start_ms), _text(end_ms)),
        ).fetchall()
    finally:
        connection.close()
    return [(site_id, _ms(checked_at)) for site_id, checked_at in rows]


async def measure_step(
    args: argparse.Namespace, serve_pid: int, db: Path, sites: int, seconds: float, rss: h.RssTracker
) -> dict[str, Any]:
    groups = {"serve": [serve_pid]}
    t0_ms, snap0 = h.now_ms(), h.cpu_snapshot(groups)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        await asyncio.sleep(min(5.0, max(0.0, deadline - time.monotonic())))
        rss.sample(groups)
    t1_ms, snap1 = h.now_ms(), h.cpu_snapshot(groups)
    final = rss.sample(groups)
    await asyncio.sleep(2.5)  # results are stored every second
    checks = await asyncio.to_thread(fetch_checks_sqlite, db, t0_ms, t1_ms)
    grid = h.SlotGrid(args.interval)
    lags = h.lag_report(grid, checks, sites=range(1, sites + 1), start_ms=t0_ms, end_ms=t1_ms, margin_ms=5000)
    cpu = h.cpu_delta(snap0, snap1)
    window = (t1_ms - t0_ms) / 1000
    rate = len(checks) / window
    expected = sites / args.interval
    serve_rss = next((r["rss_mb"] for r in final if r["pid"] == serve_pid), None)
    step = {
        "sites": sites,
        "window_s": window,
        "checks_per_s": rate,
        "expected_per_s": expected,
        "lag": lags.as_dict(),
        "cpu_pct_of_core": 100 * cpu["groups_s"]["serve"] / window,
        "cpu_ms_per_check": 1000 * cpu["groups_s"]["serve"] / max(1, len(checks)),
        "machine_busy_pct": 100 * cpu["machine_busy_s"] / window,
        "other_pct": 100 * cpu["other_s"] / window,
        "rss_mb": serve_rss,
    }
    missed_share = lags.missed_slots / max(1, lags.expected_slots)
    step["ok"] = bool(
        lags.p99_ms is not None
        and lags.p99_ms <= GOAL_LAG_P99_MS
        and rate >= MIN_RATE_SHARE * expected
        and missed_share <= MAX_MISSED_SHARE
    )
    print(
        f"  {sites:>7,} sites: {rate:7,.0f} checks/s (expected {expected:,.0f})  lag p50 {h.fmt(lags.p50_ms)} / p99 "
        f"{h.fmt(lags.p99_ms)} ms  missed {lags.missed_slots:,}/{lags.expected_slots:,}  CPU {step['cpu_pct_of_core']:.0f} %  "
        f"RSS {h.fmt(serve_rss)} MB  {'ok' if step['ok'] else 'NOT ok'}",
        flush=True,
    )
    return step


async def main(args: argparse.Namespace) -> int:
    result: dict[str, Any] = {"args": vars(args), "machine": h.machine_info(), "code": h.code_version(), "steps": []}
    started = time.monotonic()
    budget_end = started + args.max_minutes * 60
    with h.Workspace("webmon-serve-", keep=args.keep) as ws:
        db = ws.folder / "webmon.db"
        env = h.webmon_env(
            ws.folder,
            WEBMON_DATABASE_URL=f"sqlite+aiosqlite:///{db}",
            WEBMON_MIN_CHECK_INTERVAL=str(min(30, args.interval)),
            WEBMON_LOG_LEVEL=args.log_level,
        )
        for item in args.env:
            key, _, value = item.partition("=")
            env[key] = value
        procs = ws.processes(env)
        _, target = h.start_target(procs, 1)
        h.run_webmon(["migrate"], env, ws.folder)
        user_id = await h.add_sites_sqlite(
            db, first_id=1, count=args.rss_sites, interval=args.interval, target=target, user_id=None
        )
        port = h.free_port()
        serve = procs.webmon("serve", "serve", "serve", "--port", str(port))
        h.wait_for_port(port, 60, serve.process)
        pid = serve.process.pid
        rss = h.RssTracker()
        sites = args.rss_sites

        # 1) memory with --rss-sites, after --rss-minutes
        hold = args.rss_minutes * 60
        print(f"{sites:,} sites for {hold:.0f} s (RSS)", flush=True)
        rss_samples = []
        deadline = time.monotonic() + hold - args.step_seconds
        while time.monotonic() < deadline:
            await asyncio.sleep(5)
            rows = rss.sample({"serve": [pid]})
            rss_samples.append(
                {
                    "t_s": round(time.monotonic() - started),
                    "rss_mb": next((r["rss_mb"] for r in rows if r["pid"] == pid), None),
                }
            )
        step = await measure_step(args, pid, db, sites, args.step_seconds, rss)
        result["steps"].append(step)
        result["rss"] = {
            "sites": sites,
            "after_s": round(hold),
            "rss_mb": step["rss_mb"],
            "max_mb": rss.max.get(pid, {}).get("rss_mb"),
            "samples": rss_samples,
        }

        # 2) the ramp
        for target_sites in args.steps:
            if target_sites <= sites:
                continue
            if time.monotonic() + args.step_warmup + args.step_seconds + 10 > budget_end:
                print(f"stopping: --max-minutes {args.max_minutes} reached", flush=True)
                result["stopped"] = "time budget"
                break
            await h.add_sites_sqlite(
                db,
                first_id=sites + 1,
                count=target_sites - sites,
                interval=args.interval,
                target=target,
                user_id=user_id,
            )
            sites = target_sites
            await asyncio.sleep(args.step_warmup)
            step = await measure_step(args, pid, db, sites, args.step_seconds, rss)
            result["steps"].append(step)
            if not step["ok"]:
                result["stopped"] = f"{sites} sites missed the schedule"
                break
            if serve.process.poll() is not None:
                result["stopped"] = "serve exited"
                break
        result["serve_log_tail"] = procs.tail("serve", 2000)
    held = [s["sites"] for s in result["steps"] if s["ok"]]
    result["holds_sites"] = max(held) if held else 0
    result["elapsed_s"] = time.monotonic() - started
    path = h.write_results("serve-smoke" if args.smoke else "serve", result)
    print()
    print(report(result))
    print(f"\nresults: {path}  ({result['elapsed_s']:.0f} s)")
    return 0 if result["steps"] and result["steps"][0]["checks_per_s"] > 0 else 1


def report(result: dict[str, Any]) -> str:
    args = result["args"]
    rss = result["rss"]
    lines = [
        f"serve: one `webmon serve` process on SQLite, sites every {args['interval']} s "
        f"(code {result['code']['commit']}{' + uncommitted backend changes' if result['code']['backend_dirty'] else ''})",
        "",
    ]
    last_ok = next((s for s in reversed(result["steps"]) if s["ok"]), None)
    rows = [
        [
            f"RSS with {rss['sites']:,} sites after {rss['after_s'] / 60:.1f} min",
            f"<= {GOAL_RSS_MB} MB",
            f"{h.fmt(rss['rss_mb'])} MB (max {h.fmt(rss['max_mb'])})",
            h.met(rss["rss_mb"] is not None and rss["rss_mb"] <= GOAL_RSS_MB),
        ],
        [
            f"sites one process holds at {args['interval']} s",
            "lag p99 <= 2 s, >= 97 % of checks/s, < 1 % missed",
            f"{result['holds_sites']:,}" + (f" ({result.get('stopped')})" if result.get("stopped") else ""),
            "",
        ],
    ]
    if last_ok:
        rows.append(
            [
                "  at that step: checks/s, CPU of one core",
                "",
                f"{last_ok['checks_per_s']:,.0f}, {last_ok['cpu_pct_of_core']:.0f} %",
                "",
            ]
        )
    lines.append(h.table(rows, ["figure", "goal", "measured", "met?"]))
    lines.append("")
    lines.append(
        h.table(
            [
                [
                    f"{s['sites']:,}",
                    f"{s['checks_per_s']:,.0f} / {s['expected_per_s']:,.0f}",
                    h.fmt(s["lag"]["p50_ms"]),
                    h.fmt(s["lag"]["p99_ms"]),
                    f"{s['lag']['missed_slots']:,}",
                    f"{s['cpu_pct_of_core']:.0f} %",
                    f"{s['cpu_ms_per_check']:.2f}",
                    h.fmt(s["rss_mb"]),
                    f"{s['other_pct']:.0f} %",
                    "ok" if s["ok"] else "NO",
                ]
                for s in result["steps"]
            ],
            [
                "sites",
                "checks/s (expected)",
                "lag p50 ms",
                "lag p99 ms",
                "missed",
                "CPU",
                "CPU ms/check",
                "RSS MB",
                "not ours",
                "ok",
            ],
        )
    )
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--interval", type=int, default=60)
    parser.add_argument("--rss-sites", type=int, default=1000)
    parser.add_argument("--rss-minutes", type=float, default=3)
    parser.add_argument(
        "--steps",
        default="2000,5000,10000,15000,20000,30000,50000",
        type=lambda text: [int(v) for v in text.split(",") if v],
    )
    parser.add_argument("--step-warmup", type=float, default=15)
    parser.add_argument("--step-seconds", type=float, help="measured window per step (default: one interval)")
    parser.add_argument("--max-minutes", type=float, default=10)
    parser.add_argument("--log-level", default="INFO")
    parser.add_argument("--env", action="append", default=[], metavar="WEBMON_X=V")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="200 sites every 10 s for 30 s, then one step of 400")
    args = parser.parse_args(argv)
    if args.smoke:
        args.interval, args.rss_sites, args.rss_minutes, args.steps, args.step_warmup, args.max_minutes = (
            10,
            200,
            0.5,
            [400],
            5,
            2,
        )
    if args.step_seconds is None:
        args.step_seconds = float(args.interval)
    return args


if __name__ == "__main__":
    sys.exit(uvloop.run(main(parse_args())))
