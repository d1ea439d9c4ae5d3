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

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from webmon.errors import RateLimited
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
