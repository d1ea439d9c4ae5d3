"""The scale benchmark's printed report: every figure of one run beside its goal (scale_bench.py)."""

from __future__ import annotations

import statistics
from typing import Any

import harness as h
from scale_goals import GOAL_BYTES_PER_CHECK, GOAL_LAG_P99_S, GOAL_RATE


def report(result: dict[str, Any]) -> str:
    args = result["args"]
    w = result["window"]
    expected = args["sites"] / args["interval"]
    total_ms = {k: v for k, v in w["cpu_ms_per_check"].items()}
    stack_groups = ("api", "workers", "beat", "postgres", "redis")
    stack_ms = sum(total_ms.get(g, 0.0) for g in stack_groups)
    size = w["size_after"]
    bytes_per_check = size["total_bytes"] / max(1, size["rows"])
    db_per_check = size["database_bytes"] / max(1, size["rows"])
    grow_rows = size["rows"] - w["size_before"]["rows"]
    grow_bytes = size["total_bytes"] - w["size_before"]["total_bytes"]
    lag = w["lag"]
    buckets = sorted(t["lag_p99_ms"] for t in w["timeline"] if t["lag_p99_ms"] is not None)
    median_bucket = statistics.median(buckets) if buckets else None
    worst_bucket = buckets[-1] if buckets else None
    ratio = w["checks_per_s"] / result["bare"]["checks_per_s"] if result.get("bare") else None
    lines = [
        f"scale: {args['sites']:,} sites every {args['interval']} s, {args['workers']} workers x {args['threads']} threads, "
        f"{args['api_workers']} API worker(s), tick {result['tick_s']} s; window {w['window_s']:.0f} s "
        f"(code {result['code']['commit']}{' + uncommitted backend changes' if result['code']['backend_dirty'] else ''})",
        "",
    ]
    rows = [
        [
            "sustained checks/s (webmon_checks_total)",
            f">= {expected:,.0f} (sites/interval; 1,667 at 100k)",
            f"{w['checks_per_s']:,.0f} (expected {expected:,.0f})",
            h.met(w["checks_per_s"] >= 0.99 * expected),
        ],
        ["stored checks/s (rows by checked_at)", "", f"{w['stored_per_s']:,.0f}", ""],
        [
            "scheduler lag p50 / p99 (exact)",
            "p99 <= 2 s",
            f"{h.fmt(lag['p50_ms'])} / {h.fmt(lag['p99_ms'])} ms (max {h.fmt(lag['max_ms'])})",
            h.met(lag["p99_ms"] is not None and lag["p99_ms"] <= GOAL_LAG_P99_S * 1000),
        ],
        ["lag p99 per 10 s: median / worst bucket", "", f"{h.fmt(median_bucket)} / {h.fmt(worst_bucket)} ms", ""],
        [
            "lag p50 / p99 (product histogram, interpolated)",
            "",
            f"{h.fmt(w['lag_histogram_p50_s'], 3)} / {h.fmt(w['lag_histogram_p99_s'], 3)} s",
            "",
        ],
        [
            "missed / duplicate slots",
            "0 / 0",
            f"{lag['missed_slots']:,} of {lag['expected_slots']:,} / {lag['duplicate_slots']:,}",
            h.met(lag["missed_slots"] == 0 and lag["duplicate_slots"] == 0),
        ],
        [
            "CPU ms per check, stack (api+workers+beat+pg+redis)",
            f"<= {2000 / GOAL_RATE:.2f} (2 cores / 1,667/s)",
            f"{stack_ms:.3f}",
            h.met(stack_ms <= 2000 / GOAL_RATE),
        ],
        ["  -> checks/s this machine could sustain (2 cores)", "", f"{2000 / stack_ms:,.0f}" if stack_ms else "—", ""],
        [
            "rows written/s (all tables) | website_checks",
            "",
            f"{w['rows_written_per_s']['all_tables_ins_upd_del']:,.0f} | {w['rows_written_per_s']['website_checks']:,.0f}",
            "",
        ],
        [
            "WAL bytes per check | commits per check",
            "",
            f"{w['pg_per_check']['wal_bytes']:,.0f} | {w['pg_per_check']['commits']:.3f}",
            "",
        ],
        [
            "website_checks bytes per row (incl. indexes)",
            f"<= {GOAL_BYTES_PER_CHECK}",
            f"{bytes_per_check:,.1f} ({size['rows']:,} rows)",
            h.met(bytes_per_check <= GOAL_BYTES_PER_CHECK),
        ],
        ["  growth in the window", "", f"{grow_bytes / max(1, grow_rows):,.1f} B/row" if grow_rows else "—", ""],
        [
            "  heap | indexes per row",
            "",
            f"{size['heap_bytes'] / max(1, size['rows']):,.1f} | {size['index_bytes'] / max(1, size['rows']):,.1f}",
            "",
        ],
        ["whole database bytes per stored check", "", f"{db_per_check:,.0f}", ""],
    ]
    if result.get("bare"):
        b = result["bare"]
        rows.append(
            [
                "bare aiohttp loop, same target",
                "",
                f"{b['checks_per_s']:,.0f} checks/s, {b['client_cpu_ms']:.3f} + target {b['target_cpu_ms']:.3f} CPU ms/check",
                "",
            ]
        )
        rows.append(["stack checks/s / bare checks/s", "", f"{ratio:.2f}" if ratio else "—", ""])
        rows.append(
            [
                "bare CPU / stack CPU per check (excl. target)",
                "",
                f"{b['client_cpu_ms'] / stack_ms:.2f}" if stack_ms else "—",
                "",
            ]
        )
    rec = result.get("recovery")
    if rec:
        rows.append(
            [
                f"restart after {rec['outage_s']} s down: on schedule after",
                f"<= {result['tick_s']} s (1 tick)",
                f"{h.fmt(rec['on_schedule_after_s'], 0)} s (first check {h.fmt(rec['first_check_after_s'], 1)} s)",
                h.met(rec["on_schedule_after_s"] is not None and rec["on_schedule_after_s"] <= result["tick_s"]),
            ]
        )
        rows.append(
            [
                "  every site checked again after",
                "",
                f"{h.fmt(rec['all_sites_checked_after_s'], 0)} s" + (" (timed out)" if rec["timed_out"] else ""),
                "",
            ]
        )
        rows.append(["  catch-up checks off their slot (>2 s)", "", f"{rec['catch_up_checks_off_schedule']:,}", ""])
    lines.append(h.table(rows, ["figure", "goal", "measured", "met?"]))
    lines.append("")
    cpu_rows = []
    for group, seconds in sorted(w["cpu"]["groups_s"].items(), key=lambda kv: -kv[1]):
        cpu_rows.append([group, f"{w['cpu_ms_per_check'][group]:.3f}", f"{100 * seconds / w['window_s']:.0f} %"])
    cpu_rows.append(
        ["machine busy (all processes)", "", f"{100 * w['cpu']['machine_busy_s'] / w['window_s']:.0f} % of 200 %"]
    )
    cpu_rows.append(
        ["  of which not ours (other users, kernel threads)", "", f"{100 * w['cpu']['other_s'] / w['window_s']:.0f} %"]
    )
    lines.append(h.table(cpu_rows, ["CPU by process group", "ms per check", "of one core"]))
    lines.append("")
    rss_rows = sorted(w["rss_final"], key=lambda r: (r["group"], -r["rss_mb"]))
    lines.append(
        h.table(
            [[r["group"], r["pid"], f"{r['rss_mb']:.0f}", r["cmd"][:70]] for r in rss_rows if r["rss_mb"] >= 5],
            ["RSS at the end", "pid", "MB", "command"],
        )
    )
    lines.append("")
    lines.append(
        h.table(
            [
                [t["t_s"], f"{t['checks_per_s']:,.0f}", h.fmt(t["lag_p50_ms"]), h.fmt(t["lag_p99_ms"])]
                for t in w["timeline"]
            ],
            ["t (s)", "checks/s", "lag p50 ms", "lag p99 ms"],
        )
    )
    lines.append("")
    lines.append("PostgreSQL, top statements by total time in the window:")
    for s in w["top_statements"][:8]:
        if "error" in s:
            lines.append(f"  {s['error']}")
            continue
        lines.append(
            f"  {s['total_ms']:9.0f} ms {s['calls']:8} calls {s['ms_per_call']:7.3f} ms/call  {s['query'][:110]}"
        )
    for name, profile in w["profiles"].items():
        lines.append("")
        lines.append(f"py-spy {name}: {profile.get('samples', 0)} samples {profile.get('error', '')}")
        for category, pct in list(profile.get("by_library_pct", {}).items())[:10]:
            lines.append(f"  {pct:5.1f} %  {category}")
        for phase, pct in profile.get("inclusive_pct", {}).items():
            lines.append(f"  incl. {pct:5.1f} %  {phase}")
    return "\n".join(lines)
