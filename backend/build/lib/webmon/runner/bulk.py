"""Set-based writes for PostgreSQL: one statement for a whole flush of results.

An executemany runs its statement once per row; at 1,667 checks/s the per-check UPDATE of
`websites` and the rollup upsert were half of PostgreSQL's time (bench/README.md). Here each is one
`... FROM unnest($1::type[], $2::type[], ...)`. SQLite keeps the executemany path.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# Every column the store writes to `websites`, with its array type for unnest().
SITE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("status", "varchar"),
    ("consecutive_failures", "integer"),
    ("failing_since", "timestamptz"),
    ("last_notification_sent", "timestamptz"),
    ("status_changed_at", "timestamptz"),
    ("last_check", "timestamptz"),
    ("last_slot_at", "timestamptz"),
    ("response_time", "integer"),
    ("error_kind", "varchar"),
    ("error_message", "varchar"),
    ("tls_expires_at", "timestamptz"),
    ("total_checks", "integer"),
    ("failed_checks", "integer"),
)


def _unnest(columns: Sequence[tuple[str, str]]) -> str:
    arrays = ", ".join(f"CAST(:{name} AS {kind}[])" for name, kind in columns)
    names = ", ".join(name for name, _ in columns)
    return f"unnest({arrays}) AS v({names})"


_UPDATE_SITES = text(
    "UPDATE websites AS w SET "
    + ", ".join(f"{name} = v.{name}" for name, _ in SITE_COLUMNS)
    + " FROM "
    + _unnest((("id", "integer"), *SITE_COLUMNS))
    + " WHERE w.id = v.id"
)


def _columns(rows: Sequence[dict[str, Any]], names: Sequence[str]) -> dict[str, list[Any]]:
    return {name: [row[name] for row in rows] for name in names}


async def update_sites(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> None:
    await session.execute(_UPDATE_SITES, _columns(rows, ["id", *(name for name, _ in SITE_COLUMNS)]))


def upsert_rollups_statement(columns: Sequence[tuple[str, str]], table: str, key: Sequence[str], summed: Sequence[str]):  # type: ignore[no-untyped-def]
    names = ", ".join(name for name, _ in columns)
    updates = [f"{name} = {table}.{name} + excluded.{name}" for name in summed]
    updates.append(f"rt_max = GREATEST({table}.rt_max, excluded.rt_max)")
    return text(
        f"INSERT INTO {table} ({names}) SELECT {names} FROM {_unnest(columns)} "
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {', '.join(updates)}"
    )


async def upsert_rows(
    session: AsyncSession, statement: Any, columns: Sequence[tuple[str, str]], rows: Sequence[dict[str, Any]]
) -> None:
    await session.execute(statement, _columns(rows, [name for name, _ in columns]))
