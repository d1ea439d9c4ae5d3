"""Alert texts for Telegram (HTML parse mode), in the site owner's language.  Pure functions, no I/O.

The words are the catalogue's (`webmon/i18n`); dates and durations are Babel's, in that language.

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
from datetime import datetime
from typing import TYPE_CHECKING

from webmon.alerting.policy import AlertKind
from webmon.i18n import Messages, format_duration, format_time, messages_for
from webmon.vocabulary import DEFAULT_LOCALE

if TYPE_CHECKING:
    from webmon.alerting.outbox import PendingAlert

__all__ = [
    "TELEGRAM_MAX_LENGTH",
    "AlertContext",
    "escape_clipped",
    "format_alert",
    "format_down",
    "format_recovered",
    "format_reminder",
    "format_test_message",
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
    ``public_url``: the dashboard root, ``WEBMON_PUBLIC_URL``.  ``locale``: the site owner's
    language (``users.locale``).
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
    locale: str = DEFAULT_LOCALE

    @property
    def messages(self) -> Messages:
        return messages_for(self.locale)


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


def format_down(ctx: AlertContext) -> str:
    words, since = ctx.messages, ctx.down_since or ctx.at
    lines = [
        f"🔴 <b>{words.down_title.format(name=_name(ctx))}</b>",
        "",
        _field(words.url_label, _url(ctx)),
        *_failure_lines(ctx, words.what_failed_label),
        _field(words.down_since_label, format_time(since, ctx.locale)),
        "",
        _dashboard_link(ctx),
    ]
    return _finish(lines)


def format_recovered(ctx: AlertContext) -> str:
    words = ctx.messages
    lines = [
        f"✅ <b>{words.recovered_title.format(name=_name(ctx))}</b>",
        "",
        _field(words.url_label, _url(ctx)),
    ]
    if ctx.down_since is not None:
        lines.append(_field(words.was_down_for_label, format_duration(ctx.at - ctx.down_since, ctx.locale)))
        outage = f"{format_time(ctx.down_since, ctx.locale)} → {format_time(ctx.at, ctx.locale)}"
        lines.append(_field(words.outage_label, outage))
    else:
        lines.append(_field(words.recovered_at_label, format_time(ctx.at, ctx.locale)))
    lines += ["", _dashboard_link(ctx)]
    return _finish(lines)


def format_reminder(ctx: AlertContext) -> str:
    words, since = ctx.messages, ctx.down_since or ctx.at
    down_for = words.down_for_value.format(
        duration=format_duration(ctx.at - since, ctx.locale), since=format_time(since, ctx.locale)
    )
    lines = [
        f"⏰ <b>{words.reminder_title.format(name=_name(ctx))}</b>",
        "",
        _field(words.url_label, _url(ctx)),
        _field(words.down_for_label, down_for),
        *_failure_lines(ctx, words.last_error_label),
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
    """The Telegram text of an alert claimed from the outbox, in its site owner's language."""
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
            locale=alert.locale,
        )
    )


def format_test_message(*, public_url: str, at: datetime, locale: str = DEFAULT_LOCALE) -> str:
    """The message ``POST /telegram/test`` sends, in the language of the user who asked."""
    words = messages_for(locale)
    dashboard = escape_clipped(public_url.rstrip("/"), PUBLIC_URL_BUDGET)
    lines = [
        f"👋 <b>{words.test_title}</b>",
        "",
        words.test_body,
        words.test_sent_at.format(time=format_time(at, locale)),
        "",
        f'<a href="{dashboard}">{words.open_webmon}</a>',
    ]
    return _finish(lines)


# --- pieces ---------------------------------------------------------------


def _name(ctx: AlertContext) -> str:
    return escape_clipped(ctx.site_name or ctx.url, NAME_BUDGET)


def _url(ctx: AlertContext) -> str:
    return escape_clipped(ctx.url, URL_BUDGET)


def _field(label: str, value: str) -> str:
    return f"<b>{label}:</b> {value}"


def _failure_lines(ctx: AlertContext, label: str) -> list[str]:
    what = []
    if ctx.check_kind:
        what.append(f"<code>{escape_clipped(ctx.check_kind, CHECK_KIND_BUDGET)}</code>")
    if ctx.check_message:
        what.append(escape_clipped(ctx.check_message, CHECK_MESSAGE_BUDGET))
    lines = [_field(label, " — ".join(what))] if what else []
    if ctx.status_code is not None:
        lines.append(_field(ctx.messages.status_code_label, str(int(ctx.status_code))))
    return lines


def _dashboard_link(ctx: AlertContext) -> str:
    root = ctx.public_url.rstrip("/")
    href = escape_clipped(f"{root}/websites/{ctx.site_id}", PUBLIC_URL_BUDGET)
    return f'<a href="{href}">{ctx.messages.open_site}</a>'


def _finish(lines: list[str]) -> str:
    text = "\n".join(lines)
    # The budgets make this unreachable; keep the promise explicit anyway.
    if telegram_length(text) > TELEGRAM_MAX_LENGTH:  # pragma: no cover
        raise AssertionError("alert text is over Telegram's 4,096 limit")
    return text
