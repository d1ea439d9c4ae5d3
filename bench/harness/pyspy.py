"""py-spy profiles, summarised by library and by phase of the pipeline."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

from .common import PYTHON

PY_SPY = shutil.which("py-spy") or str(Path(PYTHON).with_name("py-spy"))

# Classification of a sample: the innermost frame that is not the standard library decides,
# so asyncio/ssl/socket time is charged to the library that called it.
CATEGORIES: list[tuple[str, tuple[str, ...]]] = [
    # The innermost Python frame being uvicorn's or Celery's loop runner means the sample was in
    # uvloop's C code (I/O, callbacks' glue): the event loop itself.
    ("event loop (uvloop C code, I/O)", ("uvicorn/_compat.py", "uvloop/")),
    ("anyio thread pool (sync dependencies/endpoints)", ("anyio/",)),
    ("engine (webmon/engine)", ("webmon/engine/",)),
    (
        "aiohttp + yarl/multidict",
        ("aiohttp/", "yarl/", "multidict/", "aiohappyeyeballs/", "aiosignal/", "frozenlist/", "propcache/"),
    ),
    ("SQLAlchemy", ("sqlalchemy/",)),
    ("asyncpg", ("asyncpg/",)),
    ("aiosqlite/sqlite3", ("aiosqlite/", "sqlite3/")),
    ("Celery/kombu/billiard", ("celery/", "kombu/", "billiard/", "vine/")),
    ("CLI frames (typer/click: a process's outermost frames)", ("typer/", "click/")),
    ("greenlet (SQLAlchemy's async bridge)", ("greenlet",)),
    ("redis-py", ("redis/",)),
    (
        "store/policy/rollups (webmon/runner, alerting)",
        ("webmon/runner/store", "webmon/runner/rollups", "webmon/alerting/"),
    ),
    ("pipeline/scheduling (webmon/runner)", ("webmon/runner/",)),
    ("metrics (webmon/metrics)", ("webmon/metrics/",)),
    ("worker runtime/tasks (webmon/worker)", ("webmon/worker/",)),
    ("FastAPI/Starlette/pydantic", ("fastapi/", "starlette/", "pydantic/", "pydantic_core/")),
    ("uvicorn/httptools", ("uvicorn/", "httptools/")),
    ("API code (webmon api/auth/websites/stats)", ("webmon/",)),
    ("jwt/orjson", ("jwt/", "orjson")),
    ("prometheus_client", ("prometheus_client/",)),
]
STDLIB_CATEGORIES = [
    ("event loop (uvloop/asyncio, incl. syscalls)", ("uvloop/", "asyncio/", "selectors.py")),
    ("logging", ("logging/",)),
    ("threading/queue waits", ("threading.py", "queue.py", "concurrent/")),
]
_FRAME = re.compile(r"^(?P<func>.*) \((?P<file>.*?)(?::(?P<line>\d+))?\)$")


def _frame_file(frame: str) -> str:
    match = _FRAME.match(frame.strip())
    return match.group("file") if match else frame


def _is_stdlib(path: str) -> bool:
    return "site-packages" not in path and "/webmon/" not in path and "backend/" not in path


def classify_stack(frames: list[str]) -> str:
    """frames from outermost to innermost (py-spy's raw/collapsed order)."""
    files = [_frame_file(f) for f in frames]
    for path in reversed(files):
        if _is_stdlib(path):
            continue
        for name, needles in CATEGORIES:
            if any(n in path for n in needles):
                return name
        return "other third-party"
    leaf = files[-1] if files else ""
    if frames and leaf.endswith("threading.py") and _frame_parts(frames[-1])[0].endswith("run"):
        return CATEGORIES[0][0]  # a thread whose target is a C function: uvloop's run_forever
    for name, needles in STDLIB_CATEGORIES:
        if any(n in leaf for n in needles):
            return name
    return "stdlib (other)"


# Inclusive: share of samples whose stack passes through one of these (function, file) frames.
# (A coroutine's frames are on the stack only while it runs; protocol callbacks that uvloop calls,
# such as aiohttp's response parser, are not under engine.check: see by_library_pct for those.)
PHASES: list[tuple[str, tuple[tuple[str, str], ...]]] = [
    ("engine.check (coroutine part)", (("check", "webmon/engine/engine.py"),)),
    ("store_results (lock, policy, UPDATE/INSERT/upsert)", (("store_results", "webmon/runner/store.py"),)),
    ("pipeline _store incl. commit", (("_store", "webmon/runner/pipeline.py"),)),
    ("claim_due_websites", (("claim_due_websites", "webmon/runner/scheduling.py"),)),
    ("load_specs", (("load_specs", "webmon/runner/pipeline.py"),)),
    ("metrics counters -> Redis", (("_count", "webmon/runner/pipeline.py"),)),
    (
        "SQLAlchemy session commit",
        (("commit", "sqlalchemy/ext/asyncio/session.py"), ("commit", "sqlalchemy/orm/session.py")),
    ),
    ("Celery consumer/pool (celery, kombu frames)", (("", "celery/worker/"), ("", "kombu/"))),
    ("FastAPI request (any route)", (("", "fastapi/routing.py"),)),
    ("list_websites route", (("list_websites", "webmon/websites/"),)),
    ("get_current_user", (("get_current_user", "webmon/api/deps.py"),)),
    ("uptime_24h", (("uptime_24h", "webmon/stats/service.py"),)),
]


def _frame_parts(frame: str) -> tuple[str, str]:
    match = _FRAME.match(frame.strip())
    return (match.group("func"), match.group("file")) if match else (frame, "")


def summarize_collapsed(path: Path) -> dict[str, Any]:
    """Categories of py-spy's raw (collapsed) output: `frame;frame;...;frame count` per line."""
    categories: Counter[str] = Counter()
    phases: Counter[str] = Counter()
    threads: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    total = 0
    if not path.exists():
        return {"samples": 0}
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        while frames and frames[0].startswith(("thread ", "process ")):
            threads[frames[0][:60]] += count
            frames = frames[1:]
        total += count
        categories[classify_stack(frames)] += count
        parts = [_frame_parts(f) for f in frames]
        for name, needles in PHASES:
            if any((not func or fn == func) and path_part in file for fn, file in parts for func, path_part in needles):
                phases[name] += count
        if frames:
            leaves[frames[-1][:140]] += count
    share = lambda c: {k: round(100 * v / total, 1) for k, v in c.most_common()}  # noqa: E731
    return {
        "samples": total,
        "by_library_pct": share(categories) if total else {},
        "inclusive_pct": share(phases) if total else {},
        "threads_pct": share(threads) if total else {},
        "top_leaf_frames_pct": dict(list(share(leaves).items())[:20]) if total else {},
    }


class SpyRecording:
    def __init__(self, pid: int, out: Path, duration: int, rate: int = 67, subprocesses: bool = False) -> None:
        self.out = out
        argv = [
            PY_SPY,
            "record",
            "--pid",
            str(pid),
            "--duration",
            str(duration),
            "--rate",
            str(rate),
            "--format",
            "raw",
            "--full-filenames",
            "--threads",
            "--nonblocking",
            "-o",
            str(out),
        ]
        if subprocesses:
            argv.append("--subprocesses")
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def finish(self, timeout: float = 60) -> dict[str, Any]:
        try:
            _, err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        summary = summarize_collapsed(self.out)
        if not summary.get("samples"):
            summary["error"] = (err or b"").decode(errors="replace")[-500:]
        summary["file"] = str(self.out)
        return summary
