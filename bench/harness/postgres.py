"""The benchmark's own PostgreSQL, tuned for a small host (the settings are printed in the results)."""

from __future__ import annotations

from devkit.services import PrivatePostgres, pg_bin

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

        self._run(pg_bin("pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start")

    @property
    def dsn(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])
