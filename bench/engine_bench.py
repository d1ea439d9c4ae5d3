"""Benchmark: CheckEngine.check (one task per check, as run_batch does) against a bare aiohttp loop, over new connections to a local target.

    .venv/bin/python bench/engine_bench.py                  # 20,000 checks, 3 rounds
    .venv/bin/python bench/engine_bench.py --quick          # 500 checks, 1 round: CI smoke test
    .venv/bin/python bench/engine_bench.py --profile /tmp/engine.prof   # + cProfile of the engine runs

The target (bench/targets.py) runs in separate process(es). The measuring process runs uvloop.
Both contenders use a session with force_close (a new TCP connection per request), a dummy cookie
jar and no aiohttp timeout; the bare loop is ``gather(session.get(url) + read())`` with the
connector limit as its concurrency bound. Figures per round: checks/s (wall), CPU ms per check
(``time.process_time`` of this process / checks), and checks per CPU-second ("per core").
Exit status 1 if any check failed (or, with --assert-goals, if a goal was missed).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import os
import pstats
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import uvloop

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "backend"))

from targets import WORD, running_target

from webmon.engine import CheckEngine, CheckSpec, EngineConfig

GOAL_PER_CORE = 3000  # checks per CPU-second of the measuring process
GOAL_RATIO = 0.68  # engine throughput / bare aiohttp throughput


@dataclass
class Run:
    name: str
    checks: int
    wall: float
    cpu: float
    user: float
    system: float
    failures: int

    @property
    def per_second(self) -> float:
        return self.checks / self.wall

    @property
    def cpu_ms(self) -> float:
        return self.cpu * 1000 / self.checks

    @property
    def per_cpu_second(self) -> float:
        return self.checks / self.cpu

    def line(self) -> str:
        return (
            f"{self.name:<7} {self.checks:>7} checks  {self.wall:6.2f} s  {self.per_second:8.0f} checks/s  "
            f"{self.cpu_ms:6.3f} CPU ms/check "
            f"(user {self.user * 1000 / self.checks:.3f} + sys {self.system * 1000 / self.checks:.3f})  "
            f"{self.per_cpu_second:5.0f} checks/CPU-s  failures={self.failures}"
        )


async def measure(name: str, checks: int, body: Callable[[], Awaitable[int]], profiler: cProfile.Profile | None) -> Run:
    wall0, cpu0, times0 = time.perf_counter(), time.process_time(), os.times()
    if profiler is not None:
        profiler.enable()
    failures = await body()
    if profiler is not None:
        profiler.disable()
    wall, cpu, times1 = time.perf_counter() - wall0, time.process_time() - cpu0, os.times()
    return Run(name, checks, wall, cpu, times1.user - times0.user, times1.system - times0.system, failures)


async def bare_loop(url: str, checks: int, concurrency: int) -> int:
    connector = aiohttp.TCPConnector(limit=concurrency, force_close=True)
    async with aiohttp.ClientSession(
        connector=connector, cookie_jar=aiohttp.DummyCookieJar(), timeout=aiohttp.ClientTimeout(total=None)
    ) as session:

        async def one() -> bool:
            async with session.get(url) as response:
                body = await response.read()
                return response.status == 200 and WORD.encode() in body

        results = await asyncio.gather(*(one() for _ in range(checks)), return_exceptions=True)
    return sum(result is not True for result in results)


def engine_loop(engine: CheckEngine, url: str, checks: int) -> Callable[[], Awaitable[int]]:
    specs = [CheckSpec(website_id=i, url=url, valid_word=WORD, timeout=30.0) for i in range(checks)]

    async def body() -> int:
        results = await asyncio.gather(*(engine.check(spec) for spec in specs))
        return sum(not result.ok for result in results)

    return body


async def main(args: argparse.Namespace) -> int:
    if args.gc_gen0:
        gc.set_threshold(args.gc_gen0, *gc.get_threshold()[1:])
    config = EngineConfig(concurrency=args.concurrency, allow_private_targets=True, retries=0)
    profiler = cProfile.Profile() if args.profile else None
    runs: dict[str, list[Run]] = {"bare": [], "engine": []}
    with running_target(args.target_procs) as url:
        async with CheckEngine(config) as engine:
            # Warm up both paths (imports, caches, the target's accept queue).
            await bare_loop(url, min(300, args.checks), args.concurrency)
            await engine_loop(engine, url, min(300, args.checks))()
            for round_no in range(args.rounds):
                bare = await measure("bare", args.checks, lambda: bare_loop(url, args.checks, args.concurrency), None)
                eng = await measure("engine", args.checks, engine_loop(engine, url, args.checks), profiler)
                runs["bare"].append(bare)
                runs["engine"].append(eng)
                print(f"round {round_no + 1}: {bare.line()}\n         {eng.line()}", flush=True)

    bare_rate = statistics.median(r.per_second for r in runs["bare"])
    engine_rate = statistics.median(r.per_second for r in runs["engine"])
    engine_cpu_ms = statistics.median(r.cpu_ms for r in runs["engine"])
    bare_cpu_ms = statistics.median(r.cpu_ms for r in runs["bare"])
    per_core = 1000 / engine_cpu_ms
    ratio = engine_rate / bare_rate
    print()
    print(
        f"median of {args.rounds} round(s), {args.checks} checks each, concurrency {args.concurrency}, "
        f"{args.target_procs} target process(es), gc thresholds {gc.get_threshold()}:"
    )
    print(
        f"  engine: {engine_rate:8.0f} checks/s   {engine_cpu_ms:.3f} CPU ms/check   "
        f"{per_core:6.0f} checks per CPU-second   (goal >= {GOAL_PER_CORE})"
    )
    print(
        f"  bare:   {bare_rate:8.0f} checks/s   {bare_cpu_ms:.3f} CPU ms/check   "
        f"{1000 / bare_cpu_ms:6.0f} checks per CPU-second"
    )
    print(
        f"  engine/bare: throughput {ratio:.2f}   CPU per check {bare_cpu_ms / engine_cpu_ms:.2f}   "
        f"(goal >= {GOAL_RATIO})"
    )

    if profiler is not None:
        profiler.dump_stats(args.profile)
        print(f"\nprofile of the engine runs written to {args.profile}; top 25 by own time:")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)

    failures = sum(r.failures for rs in runs.values() for r in rs)
    if failures:
        print(f"FAILED: {failures} checks did not succeed", file=sys.stderr)
        return 1
    if args.assert_goals and (per_core < GOAL_PER_CORE or ratio < GOAL_RATIO):
        print("FAILED: a goal was missed", file=sys.stderr)
        return 1
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checks", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--target-procs", type=int, default=1, help="target server processes (SO_REUSEPORT)")
    parser.add_argument("--quick", action="store_true", help="500 checks, 1 round: a smoke test")
    parser.add_argument("--profile", metavar="FILE", help="cProfile the engine runs, dump stats to FILE")
    parser.add_argument(
        "--gc-gen0", type=int, metavar="N", help="gc.set_threshold(N, ...) first: shows what GC tuning buys"
    )
    parser.add_argument("--assert-goals", action="store_true", help="exit 1 if a goal is missed")
    args = parser.parse_args(argv)
    if args.quick:
        args.checks, args.rounds = min(args.checks, 500), 1
    return args


if __name__ == "__main__":
    sys.exit(uvloop.run(main(parse_args())))
