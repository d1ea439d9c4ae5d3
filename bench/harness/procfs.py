"""CPU and memory accounting from /proc, per process group."""

from __future__ import annotations

import os
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .common import PAGE_BYTES, TICKS


@dataclass(frozen=True, slots=True)
class ProcStat:
    pid: int
    ppid: int
    cpu: float  # own user + system seconds
    children_cpu: float  # user + system seconds of reaped children
    rss: int  # bytes
    comm: str


def read_stat(pid: int) -> ProcStat | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    close = raw.rfind(")")
    comm = raw[raw.find("(") + 1 : close]
    fields = raw[close + 2 :].split()
    # fields[0] is field 3 (state): utime=14, stime=15, cutime=16, cstime=17, rss=24
    return ProcStat(
        pid=pid,
        ppid=int(fields[1]),
        cpu=(int(fields[11]) + int(fields[12])) / TICKS,
        children_cpu=(int(fields[13]) + int(fields[14])) / TICKS,
        rss=int(fields[21]) * PAGE_BYTES,
        comm=comm,
    )


def all_stats() -> dict[int, ProcStat]:
    stats = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = read_stat(int(entry))
            if stat is not None:
                stats[stat.pid] = stat
    return stats


def tree(root: int, stats: dict[int, ProcStat]) -> list[ProcStat]:
    children: dict[int, list[int]] = defaultdict(list)
    for stat in stats.values():
        children[stat.ppid].append(stat.pid)
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            found.append(stats[pid])
            todo.extend(children.get(pid, ()))
    return found


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()[:160]
    except OSError:
        return ""


def system_cpu() -> tuple[float, float]:
    """(busy seconds, total seconds) of the whole machine, all CPUs."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    total = sum(values[:8])
    return (total - idle) / TICKS, total / TICKS


@dataclass
class CpuSnapshot:
    at: float
    groups: dict[str, float]
    busy: float
    total: float


def cpu_snapshot(groups: dict[str, list[int]]) -> CpuSnapshot:
    """CPU seconds used so far by each group: live processes of each root's tree, plus what
    their reaped children used (cutime/cstime), so short-lived backends are counted too."""
    stats = all_stats()
    result = {}
    for group, roots in groups.items():
        seen: set[int] = set()
        total = 0.0
        for root in roots:
            for stat in tree(root, stats):
                if stat.pid not in seen:
                    seen.add(stat.pid)
                    total += stat.cpu + stat.children_cpu
        result[group] = total
    busy, machine = system_cpu()
    return CpuSnapshot(time.monotonic(), result, busy, machine)


def cpu_delta(before: CpuSnapshot, after: CpuSnapshot) -> dict[str, Any]:
    wall = after.at - before.at
    groups = {g: max(0.0, after.groups.get(g, 0.0) - before.groups.get(g, 0.0)) for g in after.groups}
    busy = after.busy - before.busy
    ours = sum(groups.values())
    return {
        "wall_s": wall,
        "groups_s": groups,
        "ours_s": ours,
        "machine_busy_s": busy,
        "machine_total_s": after.total - before.total,
        "other_s": max(0.0, busy - ours),
    }


def rss_by_process(groups: dict[str, list[int]]) -> list[dict[str, Any]]:
    stats = all_stats()
    rows = []
    for group, roots in groups.items():
        for root in roots:
            for stat in tree(root, stats):
                rows.append(
                    {
                        "group": group,
                        "pid": stat.pid,
                        "rss_mb": round(stat.rss / 2**20, 1),
                        "cmd": cmdline(stat.pid) or stat.comm,
                    }
                )
    return rows


class RssTracker:
    """The largest RSS seen per pid across samples."""

    def __init__(self) -> None:
        self.max: dict[int, dict[str, Any]] = {}

    def sample(self, groups: dict[str, list[int]]) -> list[dict[str, Any]]:
        rows = rss_by_process(groups)
        for row in rows:
            kept = self.max.get(row["pid"])
            if kept is None or row["rss_mb"] > kept["rss_mb"]:
                self.max[row["pid"]] = dict(row)
        return rows
