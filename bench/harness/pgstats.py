"""PostgreSQL's own figures: table and index sizes, counters, the top statements."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

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
