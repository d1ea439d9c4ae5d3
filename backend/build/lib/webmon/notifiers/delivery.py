"""Deliver one message: rate limits, retries with backoff, and a verdict.

``deliver`` never raises (except when cancelled): a failed delivery is an
outcome the caller logs and stores, and monitoring goes on.

* ``sent``: delivered (possibly after retries, possibly to a migrated chat).
* ``failed``: every attempt failed for a reason that may pass (Telegram down,
  timeouts, 5xx, 429 on the last attempt, our own bad request...).
* ``broken``: Telegram says the chat cannot be reached until someone acts
  (bot blocked or removed, chat not found); the caller should mark the
  website's Telegram link broken and show ``error`` to the user.

When the group was upgraded to a supergroup, the message is sent to the new
chat id and ``new_chat_id`` tells the caller to store it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Literal

from webmon.notifiers.base import Notifier, TransportError
from webmon.notifiers.ratelimit import RateLimiter

__all__ = ["DeliveryOutcome", "deliver"]

log = logging.getLogger(__name__)

DeliveryStatus = Literal["sent", "failed", "broken"]


@dataclass(frozen=True, slots=True)
class DeliveryOutcome:
    status: DeliveryStatus
    attempts: int
    error: str | None = None
    new_chat_id: str | None = None
    retry_after: float | None = None  # what Telegram asked to wait after the last failed attempt

    @property
    def ok(self) -> bool:
        return self.status == "sent"


async def deliver(
    notifier: Notifier,
    chat_id: str,
    html: str,
    *,
    rate_limiter: RateLimiter,
    max_attempts: int = 3,
    backoff: float = 1.0,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
) -> DeliveryOutcome:
    """Send ``html`` to ``chat_id`` in at most ``max_attempts`` attempts.

    Between failed attempts it waits ``backoff * 2**(n-1)`` seconds (1 s, 2 s),
    or the ``retry_after`` Telegram asked for.  A chat migration is followed
    once, at once, and does not use up an attempt of the budget.
    """
    target = str(chat_id)
    new_chat_id: str | None = None
    attempts = 0
    budget = max(1, max_attempts)
    error: str | None = None
    retry_after: float | None = None

    while attempts < budget:
        attempts += 1
        await _acquire(rate_limiter, target)
        try:
            await notifier.send_message(target, html)
        except TransportError as exc:
            error = str(exc)
            if exc.migrate_to_chat_id and new_chat_id is None:
                log.info("Telegram chat %s migrated to %s; resending", target, exc.migrate_to_chat_id)
                target = new_chat_id = str(exc.migrate_to_chat_id)
                budget += 1
                continue
            if exc.permanent:
                log.warning("Telegram chat %s is unreachable: %s", target, error)
                return DeliveryOutcome("broken", attempts, error, new_chat_id)
            retry_after = exc.retry_after
            delay = exc.retry_after if exc.retry_after is not None else backoff * 2 ** (attempts - 1)
        except Exception as exc:  # a bug in an adapter must not stop monitoring
            error, retry_after = f"unexpected error: {type(exc).__name__}: {exc}", None
            log.exception("notifier raised an unexpected error")
            delay = backoff * 2 ** (attempts - 1)
        else:
            return DeliveryOutcome("sent", attempts, None, new_chat_id)

        if attempts < budget:
            log.info(
                "delivery to %s failed (attempt %d of %d): %s; retrying in %.1f s",
                target,
                attempts,
                budget,
                error,
                delay,
            )
            await sleep(max(0.0, delay))

    log.warning("delivery to %s failed after %d attempts: %s", target, attempts, error)
    return DeliveryOutcome("failed", attempts, error, new_chat_id, retry_after)


async def _acquire(rate_limiter: RateLimiter, chat_id: str) -> None:
    # Fail open: Telegram's own 429 answer is the backstop, and an alert matters more.
    try:
        await rate_limiter.acquire(chat_id)
    except Exception:
        log.warning("rate limiter unavailable; sending without it", exc_info=True)
