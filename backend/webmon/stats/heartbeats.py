"""The dashboard's heartbeat bars: the newest checks of a page of sites, in one query.

Each site's last `limit` checks, oldest first, as plain dicts `{t, status, code, ms, kind, error}`
ready for orjson (no ORM objects, no pydantic per row: a page of 100 sites is 5,000 checks).

One statement per backend, both reading only the checks they return:
- PostgreSQL: a LATERAL subquery per site (`ORDER BY checked_at DESC LIMIT n`). The checks table
  is partitioned by day with an index on `website_id` alone, so without a bound PostgreSQL reads
  (and top-N sorts) every stored check of the site, in every partition: 30 days at one a minute is
  43,000 rows a site. The subquery is bounded to the `2 n` check intervals before the site's
  `last_check` (anchored there, so a paused site still shows its last checks), which prunes the
  scan at run time to the newest partition or two. A site whose last n checks are spread wider
  than that (Webmon itself was down for hours in between) shows fewer ticks.
- SQLite: each site's n-th newest check time, read from the (website_id, checked_at) index, bounds
  a range scan of that index. A window function (`ROW_NUMBER() OVER (PARTITION BY website_id ...)`)
  would number every stored check of the page's sites (30 days at one a minute is 4 million rows
  for 100 sites) before keeping 50 of each.

Another user's ids are silently left out (as in the sparklines): a page of the caller's own sites
never names anyone else's, so a 404 would only tell a caller what it already knows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, Interval, Select, and_, bindparam, func, literal, literal_column, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.models import UTCDateTime, Website, WebsiteCheck

MAX_HEARTBEATS = 100  # checks per site
_CHECKS = WebsiteCheck.__table__
_SITES = Website.__table__
_COLUMNS = ("checked_at", "status", "status_code", "response_time", "error_kind", "error_message")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@lru_cache(maxsize=2)
def _statement(dialect: str) -> Select[Any]:
    owned = (_SITES.c.user_id == bindparam("user_id"), _SITES.c.id.in_(bindparam("ids", expanding=True)))
    if dialect == "postgresql":
        # Only the partitions that can hold the site's last checks: those since 2 x limit
        # intervals before its last check (pruned at run time, per site).
        seconds = (_SITES.c.check_interval + _SITES.c.timeout) * bindparam("span", type_=Integer)
        since = func.coalesce(_SITES.c.last_check, func.now()) - seconds * literal_column(
            "interval '1 second'", Interval
        )
        recent = (
            select(*(_CHECKS.c[name] for name in _COLUMNS))
            .where(_CHECKS.c.website_id == _SITES.c.id, _CHECKS.c.checked_at >= since)
            .order_by(_CHECKS.c.checked_at.desc())
            .limit(bindparam("limit", type_=Integer))
            .lateral("recent")
        )
        return (
            select(_SITES.c.id, *(recent.c[name] for name in _COLUMNS))
            .select_from(_SITES.outerjoin(recent, true()))
            .where(*owned)
            .order_by(_SITES.c.id, recent.c.checked_at)
        )
    newest = _CHECKS.alias("newest")
    nth_newest = (
        select(newest.c.checked_at)
        .where(newest.c.website_id == _SITES.c.id)
        .order_by(newest.c.checked_at.desc())
        .limit(1)
        .offset(bindparam("skip", type_=Integer))
        .scalar_subquery()
    )
    since = func.coalesce(nth_newest, literal(_EPOCH, UTCDateTime))
    joined = _SITES.outerjoin(_CHECKS, and_(_CHECKS.c.website_id == _SITES.c.id, _CHECKS.c.checked_at >= since))
    return (
        select(_SITES.c.id, *(_CHECKS.c[name] for name in _COLUMNS))
        .select_from(joined)
        .where(*owned)
        .order_by(_SITES.c.id, _CHECKS.c.checked_at)
    )


async def heartbeats(
    session: AsyncSession, *, user_id: int, ids: Sequence[int], limit: int
) -> dict[str, list[dict[str, Any]]]:
    """`{"<site id>": [check, ...]}` for the caller's sites among `ids` (a site never checked has
    an empty list); checks oldest first, so a bar reads left to right."""
    if not ids:
        return {}
    connection = await session.connection()
    statement = _statement(connection.dialect.name)
    params = {"user_id": user_id, "ids": list(ids), "limit": limit, "skip": limit - 1, "span": 2 * limit}
    bars: dict[str, list[dict[str, Any]]] = {}
    for site_id, checked_at, status, code, ms, kind, error in await connection.execute(statement, params):
        bar = bars.setdefault(str(site_id), [])
        if checked_at is not None:
            bar.append({"t": checked_at, "status": status, "code": code, "ms": ms, "kind": kind, "error": error})
    return bars
