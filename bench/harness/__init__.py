"""What the benchmarks share, one idea a module: private services (postgres), Webmon's processes
(processes), /proc accounting (procfs), seeding and history, exact scheduler lags (lag), PostgreSQL's
figures (pgstats), py-spy profiles (pyspy), results files and tables (results), and the lifetime of
what a benchmark starts (lifetime). The scripts use it as `import harness as h`.

Nothing here is a test: these helpers start real processes on 127.0.0.1 only, and every one of
them is stopped (and every temporary folder removed) when the benchmark ends, also on Ctrl-C.
"""

from __future__ import annotations

import sys
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent.parent
for _path in (str(_REPO / "backend"), str(_REPO)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from devkit.processes import free_port  # noqa: E402

from .common import BENCH, EMAIL, PASSWORD, PYTHON, RESULTS, SECRET, WORD  # noqa: E402
from .history import (  # noqa: E402
    _ROLLUP_VALUES,
    run_hourly_upkeep,
    seed_checks_sqlite,
    seed_rollups_postgres,
    seed_rollups_sqlite,
)
from .lag import (  # noqa: E402
    EARLY_TOLERANCE_MS,
    LagReport,
    SlotGrid,
    bucket_delta,
    histogram_quantile,
    lag_report,
    parse_metrics,
    percentile,
)
from .lifetime import Timeline, Workspace, _raise_interrupt, now_ms, sleep_until  # noqa: E402
from .pgstats import (  # noqa: E402
    CHECKS_INDEX_SIZES_SQL,
    CHECKS_SIZE_SQL,
    checks_size,
    index_usage,
    pg_counter_delta,
    pg_counters,
    table_sizes,
    top_statements,
)
from .postgres import PG_SETTINGS, PG_UNSAFE, BenchPostgres  # noqa: E402
from .processes import Processes, Started, run_webmon, start_target, wait_for_port, webmon_env  # noqa: E402
from .procfs import (  # noqa: E402
    CpuSnapshot,
    ProcStat,
    RssTracker,
    all_stats,
    cmdline,
    cpu_delta,
    cpu_snapshot,
    read_stat,
    rss_by_process,
    system_cpu,
    tree,
)
from .pyspy import (  # noqa: E402
    _FRAME,
    CATEGORIES,
    PHASES,
    PY_SPY,
    STDLIB_CATEGORIES,
    SpyRecording,
    _frame_file,
    _frame_parts,
    _is_stdlib,
    classify_stack,
    summarize_collapsed,
)
from .results import _json_default, code_version, fmt, machine_info, met, table, write_results  # noqa: E402
from .seeding import (  # noqa: E402
    _sqlite_time,
    add_sites_sqlite,
    bearer_token,
    hash_password,
    open_session_postgres,
    seed_postgres,
    site_rows,
)

__all__ = [
    "BENCH",
    "CATEGORIES",
    "CHECKS_INDEX_SIZES_SQL",
    "CHECKS_SIZE_SQL",
    "EARLY_TOLERANCE_MS",
    "EMAIL",
    "PASSWORD",
    "PG_SETTINGS",
    "PG_UNSAFE",
    "PHASES",
    "PYTHON",
    "PY_SPY",
    "RESULTS",
    "SECRET",
    "STDLIB_CATEGORIES",
    "WORD",
    "_FRAME",
    "_ROLLUP_VALUES",
    "BenchPostgres",
    "CpuSnapshot",
    "LagReport",
    "ProcStat",
    "Processes",
    "RssTracker",
    "SlotGrid",
    "SpyRecording",
    "Started",
    "Timeline",
    "Workspace",
    "_frame_file",
    "_frame_parts",
    "_is_stdlib",
    "_json_default",
    "_raise_interrupt",
    "_sqlite_time",
    "add_sites_sqlite",
    "all_stats",
    "bearer_token",
    "bucket_delta",
    "checks_size",
    "classify_stack",
    "cmdline",
    "code_version",
    "cpu_delta",
    "cpu_snapshot",
    "fmt",
    "free_port",
    "hash_password",
    "histogram_quantile",
    "index_usage",
    "lag_report",
    "machine_info",
    "met",
    "now_ms",
    "open_session_postgres",
    "parse_metrics",
    "percentile",
    "pg_counter_delta",
    "pg_counters",
    "read_stat",
    "rss_by_process",
    "run_hourly_upkeep",
    "run_webmon",
    "seed_checks_sqlite",
    "seed_postgres",
    "seed_rollups_postgres",
    "seed_rollups_sqlite",
    "site_rows",
    "sleep_until",
    "start_target",
    "summarize_collapsed",
    "system_cpu",
    "table",
    "table_sizes",
    "top_statements",
    "tree",
    "wait_for_port",
    "webmon_env",
    "write_results",
]
