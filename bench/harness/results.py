"""The results file (JSON in bench/results/), the machine and code it came from, printed tables."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import subprocess
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from devkit.services import pg_bin

from .common import PAGE_BYTES, REPO, RESULTS


def machine_info() -> dict[str, Any]:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    versions = {}
    for package in (
        "aiohttp",
        "uvloop",
        "sqlalchemy",
        "asyncpg",
        "celery",
        "kombu",
        "redis",
        "fastapi",
        "uvicorn",
        "orjson",
        "aiosqlite",
    ):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            versions[package] = version(package)
    pg = ""
    with contextlib.suppress(Exception):
        pg = subprocess.run([pg_bin("postgres"), "--version"], capture_output=True, text=True).stdout.strip()
    redis_version = subprocess.run(["redis-server", "--version"], capture_output=True, text=True).stdout.strip()
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "memory_gb": round(os.sysconf("SC_PHYS_PAGES") * PAGE_BYTES / 2**30, 1),
        "load_avg_at_start": os.getloadavg(),
        "packages": versions,
        "postgresql": pg,
        "redis": redis_version,
    }


def code_version() -> dict[str, Any]:
    """Which backend code was measured: the commit, and whether the tree had changes under backend/."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout.strip()

    diff = git("diff", "HEAD", "--", "backend")
    untracked = git("ls-files", "--others", "--exclude-standard", "--", "backend")
    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "backend_dirty": bool(diff or untracked),
        "backend_diff_sha1": hashlib.sha1((diff + untracked).encode()).hexdigest()[:12] if diff or untracked else None,
        "backend_changed_files": [line for line in git("status", "--short", "--", "backend").splitlines()][:40],
    }


def write_results(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = RESULTS / f"{name}-{stamp}.json"
    path.write_text(json.dumps(data, indent=2, default=_json_default) + "\n")
    return path


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if hasattr(value, "__dict__"):
        return value.__dict__
    return str(value)


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str]) -> str:
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for index, row in enumerate(cells):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def fmt(value: float | None, digits: int = 0, unit: str = "") -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}{unit}"


def met(ok: bool | None) -> str:
    return "—" if ok is None else ("yes" if ok else "NO")
