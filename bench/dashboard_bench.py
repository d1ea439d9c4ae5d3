"""Dashboard benchmark: how long the dashboard of a 10,000-site account takes to show its first
page of rows in Chromium, against `webmon serve` with the built dashboard.

    .venv/bin/python bench/dashboard_bench.py               # 10,000 sites, checks running, 5 cold + 5 warm loads (~1.5 min)
    .venv/bin/python bench/dashboard_bench.py --idle        # the same with no checks running
    .venv/bin/python bench/dashboard_bench.py --smoke       # 300 sites, 1 + 1 loads
    .venv/bin/python bench/dashboard_bench.py --checks 0    # no stored checks: empty heartbeat bars

The figure, precisely: a MutationObserver installed before any page script (Playwright init
script) notes `performance.now()` when the document first holds >= 100 `[data-testid=site-row]`
elements (or all the sites, if fewer), then waits two animation frames (the rows painted):
**rows visible = performance.now() after those two frames**, in ms since navigation start (the
time origin of `performance.now()`). Also kept: rows in the DOM (before the frames), navigation
timing (responseEnd, DOMContentLoaded, load) and, from resource timing, the API requests the page
made. "Cold" = a new browser context each load (empty cache, the session cookie set beforehand);
"warm" = a second load in the same context (assets cached). Goal: rows visible <= 1,000 ms.

Heartbeat bars: each site gets `--checks` stored checks (default 50, one a minute up to a
minute ago), so the first page draws 100 full bars. **bars visible** is taken like rows visible,
when the document holds a `[data-testid=heartbeat-bar]` in each of those rows (two frames later);
the rows do not wait for the bars (one `/websites/heartbeats` request after the list), so both
figures are kept. The heartbeat endpoint is also timed alone: `--api-calls` sequential requests
for the first page's 100 ids (median and worst, through the browser context's HTTP client).

Needs the built dashboard (`make dashboard`) and Debian's chromium. The sites have 24 h of hourly
rollups (the 24 h uptime reads them) and their latest raw checks (the heartbeat bars read those). JSON: bench/results/dashboard-<timestamp>.json and a
screenshot beside it.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import uvloop

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness as h

GOAL_MS = 1000
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

OBSERVER = """
(() => {
  const want = %d;
  const wantBars = %d;
  const bench = (window.__bench = {});
  const check = () => {
    if (!bench.rows && document.querySelectorAll('[data-testid=site-row]').length >= want) {
      bench.rows = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => { bench.painted = performance.now(); }));
    }
    if (!bench.bars && document.querySelectorAll('[data-testid=site-row] [data-testid=heartbeat-bar]').length >= wantBars) {
      bench.bars = performance.now();
      requestAnimationFrame(() => requestAnimationFrame(() => { bench.barsPainted = performance.now(); }));
    }
    if (bench.rows && bench.bars) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
})();
"""

COLLECT = """
() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const api = performance.getEntriesByType('resource')
    .filter((r) => r.name.includes('/api/'))
    .map((r) => ({ url: r.name.replace(location.origin, ''), start: r.startTime, end: r.responseEnd, ttfb: r.responseStart - r.startTime }));
  const scripts = performance.getEntriesByType('resource')
    .filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js') || r.name.endsWith('.css'))
    .map((r) => ({ url: r.name.replace(location.origin, ''), start: r.startTime, end: r.responseEnd, bytes: r.transferSize }));
  return {
    rows_in_dom_ms: window.__bench.rows,
    rows_visible_ms: window.__bench.painted,
    bars_visible_ms: window.__bench.barsPainted ?? null,
    row_count: document.querySelectorAll('[data-testid=site-row]').length,
    bar_count: document.querySelectorAll('[data-testid=heartbeat-bar]').length,
    tick_count: document.querySelectorAll('[data-testid=heartbeat-bar] .beat:not(.beat--empty)').length,
    html_response_end_ms: nav.responseEnd,
    dom_content_loaded_ms: nav.domContentLoadedEventEnd,
    load_ms: nav.loadEventEnd,
    api,
    assets: scripts,
  };
}
"""


async def one_load(page: Any, base: str, *, bars: bool) -> dict[str, Any]:
    started = time.perf_counter()
    await page.goto(base + "/", wait_until="commit")
    # Polled with evaluate (CDP, not subject to the page's CSP, which forbids the eval that
    # wait_for_function needs); the figure itself is taken inside the page, so polling adds nothing.
    deadline = time.monotonic() + 30
    done = "window.__bench.painted && window.__bench.barsPainted" if bars else "window.__bench.painted"
    while not await page.evaluate(f"() => Boolean(window.__bench && {done})"):
        if time.monotonic() > deadline:
            raise TimeoutError("the dashboard did not show its rows (and bars) within 30 s")
        await asyncio.sleep(0.05)
    figures = await page.evaluate(COLLECT)
    figures["wall_ms"] = (time.perf_counter() - started) * 1000
    return figures


async def main(args: argparse.Namespace) -> int:
    from playwright.async_api import async_playwright

    from webmon.web.spa import dashboard_dir

    if dashboard_dir() is None:
        print("the dashboard is not built: run `make dashboard`", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print("Chromium is not installed: apt-get install -y chromium", file=sys.stderr)
        return 2
    result: dict[str, Any] = {
        "args": vars(args),
        "machine": h.machine_info(),
        "code": h.code_version(),
        "cold": [],
        "warm": [],
    }
    want = min(100, args.sites)
    with h.Workspace("webmon-dashboard-", keep=args.keep) as ws:
        db = ws.folder / "webmon.db"
        env = h.webmon_env(ws.folder, WEBMON_DATABASE_URL=f"sqlite+aiosqlite:///{db}", WEBMON_MIN_CHECK_INTERVAL="30")
        procs = ws.processes(env)
        _, target = h.start_target(procs, 1)
        h.run_webmon(["migrate"], env, ws.folder)
        await h.add_sites_sqlite(db, first_id=1, count=args.sites, interval=args.interval, target=target, user_id=None)
        if args.idle:
            import sqlite3

            with sqlite3.connect(db) as connection:
                connection.execute(
                    "UPDATE websites SET next_check_at = ?", (h._sqlite_time(datetime.now(UTC) + timedelta(days=1)),)
                )
        result["rollups_seed_s"] = h.seed_rollups_sqlite(db, sites=args.sites, hours=24)
        if args.checks:
            result["checks_seed_s"] = h.seed_checks_sqlite(db, sites=args.sites, per_site=args.checks)
        port = h.free_port()
        serve = procs.webmon("serve", "serve", "serve", "--port", str(port))
        h.wait_for_port(port, 60, serve.process)
        base = f"http://127.0.0.1:{port}"
        if not args.idle and args.warmup:
            print(f"{args.sites:,} sites, checks running; warming up {args.warmup:.0f} s", flush=True)
            await asyncio.sleep(args.warmup)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                login = await browser.new_context(base_url=base)
                response = await login.request.post(
                    "/api/v1/auth/session", data={"email": h.EMAIL, "password": h.PASSWORD}
                )
                if not response.ok:
                    raise RuntimeError(f"login failed: {response.status} {await response.text()}")
                cookies = await login.cookies()
                result["heartbeats_api_ms"] = await time_heartbeats(login, sites=want, calls=args.api_calls)
                await login.close()
                snap0 = h.cpu_snapshot({"serve": [serve.process.pid]})
                for index in range(args.loads):
                    context = await browser.new_context(viewport={"width": 1280, "height": 900})
                    await context.add_cookies(cookies)
                    await context.add_init_script(OBSERVER % (want, want))
                    page = await context.new_page()
                    cold = await one_load(page, base, bars=args.checks > 0)
                    warm = await one_load(page, base, bars=args.checks > 0)
                    result["cold"].append(cold)
                    result["warm"].append(warm)
                    print(
                        f"  load {index + 1}: cold {cold['rows_visible_ms']:6.0f} ms, warm {warm['rows_visible_ms']:6.0f} ms "
                        f"({cold['row_count']} rows); bars cold {_ms(cold['bars_visible_ms'])}, "
                        f"warm {_ms(warm['bars_visible_ms'])} ({cold['bar_count']} bars, {cold['tick_count']} ticks)",
                        flush=True,
                    )
                    if index == 0:
                        shot = h.RESULTS / f"dashboard-{datetime.now():%Y%m%d-%H%M%S}.png"
                        h.RESULTS.mkdir(exist_ok=True)
                        await page.screenshot(path=str(shot))
                        result["screenshot"] = str(shot)
                    await context.close()
                    await asyncio.sleep(args.pause)
                snap1 = h.cpu_snapshot({"serve": [serve.process.pid]})
                result["serve_cpu_pct_during_loads"] = (
                    100 * h.cpu_delta(snap0, snap1)["groups_s"]["serve"] / max(0.001, snap1.at - snap0.at)
                )
            finally:
                await browser.close()
        result["serve_log_tail"] = procs.tail("serve", 1500)
    for kind in ("cold", "warm"):
        values = [r["rows_visible_ms"] for r in result[kind]]
        result[f"{kind}_median_ms"] = statistics.median(values)
        result[f"{kind}_max_ms"] = max(values)
        bars = [r["bars_visible_ms"] for r in result[kind] if r["bars_visible_ms"] is not None]
        result[f"{kind}_bars_median_ms"] = statistics.median(bars) if bars else None
        result[f"{kind}_bars_max_ms"] = max(bars) if bars else None
    path = h.write_results("dashboard-smoke" if args.smoke else "dashboard", result)
    print()
    print(report(result))
    print(f"\nresults: {path}")
    return 0


async def time_heartbeats(context: Any, *, sites: int, calls: int) -> dict[str, Any]:
    """The heartbeat endpoint alone, for the first page's ids: `calls` requests one after another."""
    ids = ",".join(str(n) for n in range(1, sites + 1))
    timings: list[float] = []
    size = 0
    for _ in range(calls):
        started = time.perf_counter()
        response = await context.request.get(f"/api/v1/websites/heartbeats?ids={ids}&limit=50")
        body = await response.body()
        timings.append((time.perf_counter() - started) * 1000)
        if not response.ok:
            raise RuntimeError(f"heartbeats failed: {response.status} {body[:200]!r}")
        size = len(body)
    return {
        "calls": calls,
        "median_ms": statistics.median(timings) if timings else None,
        "max_ms": max(timings) if timings else None,
        "bytes": size,
    }


def _ms(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f} ms"


def report(result: dict[str, Any]) -> str:
    args = result["args"]
    lines = [
        f"dashboard: {args['sites']:,} sites, `webmon serve` on SQLite, {'no checks' if args['idle'] else 'checks running'}, "
        f"Chromium {len(result['cold'])} cold + {len(result['warm'])} warm loads "
        f"(code {result['code']['commit']}{' + uncommitted backend changes' if result['code']['backend_dirty'] else ''})",
        "",
    ]
    rows = []
    for kind in ("cold", "warm"):
        rows.append(
            [
                f"rows visible, {kind} (median / max)",
                f"<= {GOAL_MS:,} ms",
                f"{result[f'{kind}_median_ms']:,.0f} / {result[f'{kind}_max_ms']:,.0f} ms",
                h.met(result[f"{kind}_max_ms"] <= GOAL_MS),
            ]
        )
    for kind in ("cold", "warm"):
        if result.get(f"{kind}_bars_max_ms") is not None:
            rows.append(
                [
                    f"heartbeat bars visible, {kind} (median / max)",
                    "",
                    f"{_ms(result[f'{kind}_bars_median_ms'])} / {_ms(result[f'{kind}_bars_max_ms'])}",
                    "",
                ]
            )
    beats = result.get("heartbeats_api_ms")
    if beats and beats["calls"]:
        rows.append(
            [
                f"GET /websites/heartbeats, {min(100, args['sites'])} sites x 50 (median / max)",
                "",
                f"{_ms(beats['median_ms'])} / {_ms(beats['max_ms'])}, {beats['bytes']:,} bytes",
                "",
            ]
        )
    first = result["cold"][len(result["cold"]) // 2]
    rows.append(
        [
            "  a cold load: HTML, DOMContentLoaded, rows in DOM",
            "",
            f"{first['html_response_end_ms']:.0f}, {first['dom_content_loaded_ms']:.0f}, {first['rows_in_dom_ms']:.0f} ms",
            "",
        ]
    )
    for call in first["api"]:
        rows.append(
            [f"  {call['url'][:60]}", "", f"{call['start']:.0f} -> {call['end']:.0f} ms (TTFB {call['ttfb']:.0f})", ""]
        )
    rows.append(["serve CPU during the loads", "", f"{result['serve_cpu_pct_during_loads']:.0f} % of one core", ""])
    lines.append(h.table(rows, ["figure", "goal", "measured", "met?"]))
    return "\n".join(lines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", type=int, default=10_000)
    parser.add_argument("--interval", type=int, default=60)
    parser.add_argument("--loads", type=int, default=5, help="cold loads (each followed by a warm one)")
    parser.add_argument("--warmup", type=float, default=20, help="seconds of checks before the first load")
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between loads")
    parser.add_argument("--idle", action="store_true", help="no checks running (sites due tomorrow)")
    parser.add_argument("--checks", type=int, default=50, help="stored checks per site (the heartbeat bars)")
    parser.add_argument("--api-calls", type=int, default=20, help="timed heartbeat requests (0: none)")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--smoke", action="store_true", help="300 sites, 1 cold + 1 warm load, 5 s warm-up")
    args = parser.parse_args(argv)
    if args.smoke:
        args.sites, args.loads, args.warmup = 300, 1, 5
    return args


if __name__ == "__main__":
    sys.exit(uvloop.run(main(parse_args())))
