"""Alert texts for Telegram (HTML parse mode).  Pure functions, no I/O.

Every piece of user-supplied text (website name, URL, check message) is
HTML-escaped and clipped *before* it joins the template, with the clip counted
on the escaped text and cut between characters, so a clip never splits an
entity like ``&amp;``.  Lengths are counted in UTF-16 code units (what
Telegram counts; an emoji is two), which is never less than ``len()``.  The
budgets below keep any message under Telegram's 4,096 limit whatever the input.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from webmon.alerting.policy import AlertKind

if TYPE_CHECKING:
    from webmon.alerting.outbox import PendingAlert

__all__ = [
    "TELEGRAM_MAX_LENGTH",
    "AlertContext",
    "escape_clipped",
    "format_alert",
    "format_down",
    "format_duration",
    "format_recovered",
    "format_reminder",
    "format_test_message",
    "format_time",
    "render_alert",
    "telegram_length",
]

TELEGRAM_MAX_LENGTH = 4096
ELLIPSIS = "…"

# Budgets for escaped user text (characters of HTML).
NAME_BUDGET = 200
URL_BUDGET = 500
CHECK_KIND_BUDGET = 60
CHECK_MESSAGE_BUDGET = 1000
PUBLIC_URL_BUDGET = 400


@dataclass(frozen=True, slots=True)
class AlertContext:
    """Everything an alert message says.

    ``at``: when the alert's event happened (the check that went down,
    recovered, or is still failing).  ``down_since``: when the outage began.
    ``check_kind``/``check_message``/``status_code``: the last failed check
    (e.g. ``"HTTP_STATUS"``, ``"503 Service Unavailable"``, ``503``).
    ``public_url``: the dashboard root, ``WEBMON_PUBLIC_URL``.
    """

    site_id: int | str
    site_name: str
    url: str
    kind: AlertKind
    at: datetime
    down_since: datetime | None
    check_kind: str | None
    check_message: str | None
    status_code: int | None
    public_url: str


def escape_clipped(text: str, budget: int) -> str:
    """``html.escape(text)``, shortened to at most ``budget`` UTF-16 units.

    A shortened result ends with "…"; it is cut between source characters,
    never inside an escape sequence (nor inside a surrogate pair).
    """
    escaped = html.escape(text, quote=True)
    if telegram_length(escaped) <= budget:
        return escaped
    room = budget - telegram_length(ELLIPSIS)
    parts: list[str] = []
    used = 0
    for char in text:
        piece = html.escape(char, quote=True)
        size = telegram_length(piece)
        if used + size > room:
            break
        parts.append(piece)
        used += size
    return "".join(parts) + ELLIPSIS


def telegram_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def format_duration(delta: timedelta) -> str:
    """A short human duration: ``"45 s"``, ``"12 min"``, ``"3 h 12 min"``, ``"2 d 4 h"``."""
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return f"{seconds} s"
    minutes, _ = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


def format_time(moment: datetime) -> str:
    """``2024-05-01 10:02 UTC``; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def format_down(ctx: AlertContext) -> str:
    since = ctx.down_since or ctx.at
    lines = [
        f"🔴 <b>{_name(ctx)} is DOWN</b>",
        "",
        f"<b>URL:</b> {_url(ctx)}",
        *_failure_lines(ctx),
        f"<b>Down since:</b> {format_time(since)}",
        "",
        _dashboard_link(ctx),
    ]
    return _finish(lines)


def format_recovered(ctx: AlertContext) -> str:
    lines = [
        f"✅ <b>{_name(ctx)} is UP again</b>",
        "",
        f"<b>URL:</b> {_url(ctx)}",
    ]
    if ctx.down_since is not None:
        lines.append(f"<b>Was down for:</b> {format_duration(ctx.at - ctx.down_since)}")
        lines.append(f"<b>Down:</b> {format_time(ctx.down_since)} → {format_time(ctx.at)}")
    else:
        lines.append(f"<b>Recovered at:</b> {format_time(ctx.at)}")
    lines += ["", _dashboard_link(ctx)]
    return _finish(lines)


def format_reminder(ctx: AlertContext) -> str:
    since = ctx.down_since or ctx.at
    lines = [
        f"⏰ <b>{_name(ctx)} is still DOWN</b>",
        "",
        f"<b>URL:</b> {_url(ctx)}",
        f"<b>Down for:</b> {format_duration(ctx.at - since)} (since {format_time(since)})",
        *_failure_lines(ctx, label="Last error"),
        "",
        _dashboard_link(ctx),
    ]
    return _finish(lines)


def format_alert(ctx: AlertContext) -> str:
    """The message for ``ctx.kind``."""
    match ctx.kind:
        case AlertKind.DOWN:
            return format_down(ctx)
        case AlertKind.RECOVERED:
            return format_recovered(ctx)
        case AlertKind.REMINDER:
            return format_reminder(ctx)
    raise ValueError(f"unknown alert kind: {ctx.kind!r}")


def render_alert(alert: PendingAlert, *, public_url: str) -> str:
    """The Telegram text of an alert claimed from the outbox."""
    return format_alert(
        AlertContext(
            site_id=alert.website_id,
            site_name=alert.site_name,
            url=alert.site_url,
            kind=AlertKind(alert.kind),
            at=alert.at,
            down_since=alert.outage_started_at,
            check_kind=alert.reason,
            check_message=alert.detail,
            status_code=alert.status_code,
            public_url=public_url,
        )
    )


def format_test_message(*, public_url: str, at: datetime) -> str:
    """The message ``POST /telegram/test`` sends."""
    dashboard = escape_clipped(public_url.rstrip("/"), PUBLIC_URL_BUDGET)
    lines = [
        "👋 <b>Test message from Webmon</b>",
        "",
        "Alerts for websites linked to this chat will arrive here.",
        f"Sent at {format_time(at)}.",
        "",
        f'<a href="{dashboard}">Open Webmon</a>',
    ]
    return _finish(lines)


# --- pieces ---------------------------------------------------------------


def _name(ctx: AlertContext) -> str:
    return escape_clipped(ctx.site_name or ctx.url, NAME_BUDGET)


def _url(ctx: AlertContext) -> str:
    return escape_clipped(ctx.url, URL_BUDGET)


def _failure_lines(ctx: AlertContext, *, label: str = "What failed") -> list[str]:
    what = []
    if ctx.check_kind:
        what.append(f"<code>{escape_clipped(ctx.check_kind, CHECK_KIND_BUDGET)}</code>")
    if ctx.check_message:
        what.append(escape_clipped(ctx.check_message, CHECK_MESSAGE_BUDGET))
    lines = [f"<b>{label}:</b> {' — '.join(what)}"] if what else []
    if ctx.status_code is not None:
        lines.append(f"<b>Status code:</b> {int(ctx.status_code)}")
    return lines


def _dashboard_link(ctx: AlertContext) -> str:
    root = ctx.public_url.rstrip("/")
    href = escape_clipped(f"{root}/websites/{ctx.site_id}", PUBLIC_URL_BUDGET)
    return f'<a href="{href}">Open in Webmon</a>'


def _finish(lines: list[str]) -> str:
    text = "\n".join(lines)
    # The budgets make this unreachable; keep the promise explicit anyway.
    if telegram_length(text) > TELEGRAM_MAX_LENGTH:  # pragma: no cover
        raise AssertionError("alert text is over Telegram's 4,096 limit")
    return text
