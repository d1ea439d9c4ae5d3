"""How often "check now" may run: at most once per minimum interval per site
(`WEBMON_MIN_CHECK_INTERVAL`), and at most `WEBMON_CHECK_NOW_PER_MINUTE` times a minute per account.

The first keeps Webmon from being a way to flood one URL: a site is never checked on request more
often than any site may be checked on schedule. The second bounds an account with many sites (a
script pressing "check now" on each of 1,000 sites). 30 a minute is more than a person pressing
the button on one site after another ever reaches, a script is stopped within its first second.

The counters are rows of `rate_windows` (rate_windows.py): shared by every API process, and
`webmon serve`, which has no Redis, has them too. A refused request is a 429 with `Retry-After`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, literal, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.errors import RateLimited
from webmon.models import RateWindow, UTCDateTime
from webmon.rate_windows import take_hit

ACCOUNT_WINDOW_SECONDS = 60


def site_key(website_id: int) -> str:
    return f"check-now:site:{website_id}"


def account_key(user_id: int) -> str:
    return f"check-now:user:{user_id}"


async def allow_check_now(
    session: AsyncSession, *, website_id: int, user_id: int, min_interval: int, per_minute: int, now: datetime
) -> None:
    """Count this request, or raise RateLimited. In the request's transaction: a request that
    fails later is not counted."""
    wait = await take_hit(session, site_key(website_id), limit=1, window_seconds=min_interval, now=now)
    if wait is not None:
        raise RateLimited(
            f"This site was checked on request less than {min_interval} s ago; this server checks a "
            f"site at most once every {min_interval} s. Try again in {int(wait)} s",
            retry_after=int(wait),
        )
    wait = await take_hit(
        session, account_key(user_id), limit=per_minute, window_seconds=ACCOUNT_WINDOW_SECONDS, now=now
    )
    if wait is not None:
        raise RateLimited(
            f"Too many check-now requests from this account: at most {per_minute} a minute. Try again in {int(wait)} s",
            retry_after=int(wait),
        )


async def take_bulk_check_now(
    session: AsyncSession,
    *,
    website_ids: list[int],
    user_id: int,
    min_interval: int,
    per_minute: int,
    now: datetime,
) -> tuple[list[int], list[dict[str, Any]]]:
    """The bulk form of allow_check_now: which of these (active) sites may be checked now, and
    which are skipped and why, counting the allowed ones in the same counters. A site checked on
    request within the minimum interval is `checked_recently`; past the account's per-minute
    count, the rest are `account_limit` (in the order given). Nobody's request is refused as a
    whole. Three statements whatever the number of sites: read the counters (locked on
    PostgreSQL), then one upsert for the sites' windows and one for the account's."""
    table = RateWindow.__table__
    keys = {site_key(website_id): website_id for website_id in website_ids}
    account = account_key(user_id)
    counters = await session.execute(
        select(table.c.key, table.c.started_at, table.c.hits).where(table.c.key.in_([*keys, account])).with_for_update()
    )
    recent: set[int] = set()
    account_hits = 0
    for key, started_at, hits in counters:
        if key == account:
            if started_at > now - timedelta(seconds=ACCOUNT_WINDOW_SECONDS):
                account_hits = hits
        elif started_at > now - timedelta(seconds=min_interval) and hits >= 1:
            recent.add(keys[key])
    room = max(0, per_minute - account_hits)
    allowed: list[int] = []
    skipped: list[dict[str, Any]] = []
    for website_id in website_ids:
        if website_id in recent:
            skipped.append({"id": website_id, "reason": "checked_recently"})
        elif len(allowed) < room:
            allowed.append(website_id)
        else:
            skipped.append({"id": website_id, "reason": "account_limit"})
    if allowed:
        await _count_hits(session, allowed, account=account, now=now)
    return allowed, skipped


async def _count_hits(session: AsyncSession, website_ids: list[int], *, account: str, now: datetime) -> None:
    table = RateWindow.__table__
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    sites = insert(RateWindow).values([{"key": site_key(i), "started_at": now, "hits": 1} for i in website_ids])
    # Every one of these windows has passed (or never began): each starts again at this hit.
    await session.execute(
        sites.on_conflict_do_update(index_elements=[table.c.key], set_={"started_at": now, "hits": 1})
    )
    n = len(website_ids)
    expired = table.c.started_at <= literal(now - timedelta(seconds=ACCOUNT_WINDOW_SECONDS), UTCDateTime())
    await session.execute(
        insert(RateWindow)
        .values(key=account, started_at=now, hits=n)
        .on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "hits": case((expired, n), else_=table.c.hits + n),
                "started_at": case((expired, literal(now, UTCDateTime())), else_=table.c.started_at),
            },
        )
    )
