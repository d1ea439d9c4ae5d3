"""Limits every API process shares: "at most once per interval per key", kept in the database.

`serve` runs without Redis, so the limit lives in the `rate_limits` table: claiming a key is one
INSERT ... ON CONFLICT DO UPDATE ... WHERE the previous claim has run out. The row stays locked
until the request commits, so two processes racing for one key cannot both win, and a request that
fails afterwards (its transaction rolled back) gives the claim back."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.errors import RateLimited
from webmon.models import RateLimit


async def claim(
    session: AsyncSession, keys: Sequence[str], *, now: datetime, interval: timedelta, message: str
) -> None:
    """Claim every key until `now + interval`, or raise RateLimited (with the longest wait) if any
    of them was claimed less than `interval` ago. Nothing is committed here."""
    until = now + interval
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    refused: list[str] = []
    for key in keys:
        row = insert(RateLimit).values(key=key, until=until)
        claim_key = row.on_conflict_do_update(
            index_elements=[RateLimit.key], set_={"until": row.excluded.until}, where=RateLimit.until <= now
        ).returning(RateLimit.key)
        if (await session.execute(claim_key)).first() is None:
            refused.append(key)
    if refused:
        latest = (await session.execute(select(RateLimit.until).where(RateLimit.key.in_(refused)))).scalars().all()
        wait = max((moment - now).total_seconds() for moment in latest)
        raise RateLimited(message, retry_after=math.ceil(wait))
