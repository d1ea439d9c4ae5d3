"""Storage projection: bytes per stored check once a day partition is full, without waiting a day.

    .venv/bin/python bench/storage_bench.py                       # 2,000 sites x 24 h at 60 s = 2.88 M rows (~1 min)
    .venv/bin/python bench/storage_bench.py --sites 5000 --hours 6 --failures 2

scale_bench.py measures bytes per check over a few minutes, when each site has only a few checks
in today's partition: the B-tree on website_id has not yet deduplicated much, so it overstates the
index. This fills a real `website_checks` (the current migrations, in a private PostgreSQL) with
the checks N sites at one interval would write in H hours, in arrival order (all sites
interleaved, each at its own slot), with --failures % of them failed (error kind + a message like
the engine's), then reports heap, index and total bytes per row, per partition and overall.
JSON: bench/results/storage-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import uvloop

sys.path.insert(0, str(Path(__file__).resolve().parent))

import harness as h

GOAL_BYTES = 60


async def main(args: argparse.Namespace) -> int:
    import asyncpg

    result: dict[str, Any] = {"args": vars(args), "machine": h.machine_info(), "code": h.code_version()}
    with h.Workspace("webmon-storage-", keep=args.keep) as ws:
        pg = ws.postgres()
        env = h.webmon_env(ws.folder, WEBMON_DATABASE_URL=pg.url)
        h.run_webmon(["migrate"], env, ws.folder)
        await h.seed_postgres(pg.dsn, sites=args.sites, interval=args.interval, target="http://127.0.0.1:9/")
        connection = await asyncpg.connect(pg.dsn)
        try:
            start = await connection.fetchval("SELECT date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'")
            # Partitions for the span (the migration made today and a week ahead).
            partitioned = await connection.fetchval("SELECT count(*) FROM pg_partition_tree('website_checks')") > 1
            per_hour = args.sites * 3600 // args.interval
            started = time.perf_counter()
            for hour in range(args.hours):
                # One hour of checks in arrival order: slot k of site s is at offset(s) + k * interval.
                await connection.execute(
                    f"""
                    INSERT INTO website_checks (checked_at, website_id, response_time, status_code, status, error_kind, error_message)
                    SELECT t, s, CASE WHEN failed THEN NULL ELSE 3 + (s * 7 + k) % 60 END,
                           CASE WHEN failed THEN NULL ELSE 200 END,
                           CASE WHEN failed THEN 'down' ELSE 'up' END,
                           CASE WHEN failed THEN 'CONNECT' END,
                           CASE WHEN failed THEN 'Could not connect to 203.0.113.10:443: connection refused' END
                    FROM (
                        SELECT s, k, $1::timestamptz + make_interval(secs => k * {args.interval}
                                  + ((s * 0.6180339887498949::float8) - floor(s * 0.6180339887498949::float8)) * {args.interval}) AS t,
                               ((s * 31 + k * 17) % 1000) < {int(args.failures * 10)} AS failed
                        FROM generate_series(1, {args.sites}) s,
                             generate_series({hour * 3600 // args.interval}, {(hour + 1) * 3600 // args.interval - 1}) k
                    ) x ORDER BY t
                    """,
                    start,
                )
                if (hour + 1) % 6 == 0 or hour + 1 == args.hours:
                    print(
                        f"  {hour + 1} h: {(hour + 1) * per_hour:,} rows ({time.perf_counter() - started:.0f} s)",
                        flush=True,
                    )
            await connection.execute("VACUUM ANALYZE website_checks")
            size = await h.checks_size(connection)
            # What a nightly REINDEX of a finished day would leave (B-tree deduplication packs a
            # fresh index far tighter than one grown by inserts in random key order).
            await connection.execute("REINDEX TABLE website_checks")
            reindexed = await h.checks_size(connection)
            parts = (
                await connection.fetch(
                    "SELECT relid::regclass::text AS name, pg_relation_size(relid) AS heap, pg_indexes_size(relid) AS indexes, "
                    "(SELECT count(*) FROM website_checks) AS all_rows FROM pg_partition_tree('website_checks') WHERE isleaf "
                    "AND pg_relation_size(relid) > 0"
                )
                if partitioned
                else []
            )
            per_partition = []
            for part in parts:
                rows = await connection.fetchval(f"SELECT count(*) FROM {part['name']}")
                per_partition.append(
                    {
                        "partition": part["name"],
                        "rows": rows,
                        "heap_per_row": part["heap"] / max(1, rows),
                        "index_per_row": part["indexes"] / max(1, rows),
                    }
                )
        finally:
            await connection.close()
    result.update(
        {
            "size": size,
            "reindexed": reindexed,
            "reindexed_bytes_per_row": reindexed["total_bytes"] / max(1, reindexed["rows"]),
            "reindexed_index_per_row": reindexed["index_bytes"] / max(1, reindexed["rows"]),
            "partitions": per_partition,
            "bytes_per_row": size["total_bytes"] / max(1, size["rows"]),
            "heap_per_row": size["heap_bytes"] / max(1, size["rows"]),
            "index_per_row": size["index_bytes"] / max(1, size["rows"]),
        }
    )
    path = h.write_results("storage", result)
    rows = [
        [
            f"website_checks bytes per check ({args.sites:,} sites x {args.hours} h at {args.interval} s, {args.failures} % failed)",
            f"<= {GOAL_BYTES}",
            f"{result['bytes_per_row']:.1f}",
            h.met(result["bytes_per_row"] <= GOAL_BYTES),
        ],
        ["  heap | indexes", "", f"{result['heap_per_row']:.1f} | {result['index_per_row']:.1f}", ""],
        [
            "  after REINDEX of the partition: total | indexes",
            "",
            f"{result['reindexed_bytes_per_row']:.1f} | {result['reindexed_index_per_row']:.1f}",
            h.met(result["reindexed_bytes_per_row"] <= GOAL_BYTES),
        ],
        ["  rows, partitions with rows", "", f"{size['rows']:,}, {len(per_partition)}", ""],
        ["  per day at 100k sites / 60 s (144 M checks)", "", f"{result['bytes_per_row'] * 144e6 / 2**30:.1f} GiB", ""],
    ]
    print()
    print(h.table(rows, ["figure", "goal", "measured", "met?"]))
    print(f"\nresults: {path}")
    return 0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sites", type=int, default=2000)
    parser.add_argument("--hours", type=int, default=24)
    parser.add_argument("--interval", type=int, default=60)
    parser.add_argument("--failures", type=float, default=0.0, help="percent of checks that failed")
    parser.add_argument("--keep", action="store_true")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(uvloop.run(main(parse_args())))
