"""What the bot says, in the chat's language.  Pure functions: HTML for Telegram, user text
escaped, ≤ 4,096.  The words are the catalogue's (`webmon/i18n`)."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from webmon.alerting.messages import TELEGRAM_MAX_LENGTH, escape_clipped, telegram_length
from webmon.i18n import Messages, format_number, format_time, messages_for, plural
from webmon.vocabulary import PAUSED, SiteStatus

__all__ = [
    "ChatWebsite",
    "LinkRequest",
    "help_text",
    "link_failed_text",
    "link_text",
    "start_text",
    "status_text",
    "status_unavailable_text",
]

_STATUS_ICONS = {SiteStatus.UP: "🟢", SiteStatus.DOWN: "🔴", SiteStatus.PENDING: "⚪", PAUSED: "⏸️"}
# Trouble first; paused sites last.
_STATUS_ORDER = {SiteStatus.DOWN: 0, SiteStatus.PENDING: 1, SiteStatus.UP: 2, PAUSED: 3}


@dataclass(frozen=True, slots=True)
class ChatWebsite:
    """A website that alerts a chat, as ``/status`` shows it."""

    name: str
    url: str
    status: str  # a SiteStatus, or PAUSED for a paused site
    last_check: datetime | None


@dataclass(frozen=True, slots=True)
class LinkRequest:
    """A chat sent ``/start <token>``: link it to the token's owner."""

    token: str
    chat_id: str
    chat_type: str
    title: str | None


def _link(public_url: str) -> str:
    href = escape_clipped(public_url.rstrip("/"), 400)
    return f'<a href="{href}">Webmon</a>'


def _whose_chat(words: Messages, chat_type: str) -> str:
    return {
        "private": words.chat_id_private,
        "group": words.chat_id_group,
        "supergroup": words.chat_id_group,
        "channel": words.chat_id_channel,
    }.get(chat_type, words.chat_id_other)


def start_text(*, chat_id: str | int, chat_type: str, public_url: str, locale: str) -> str:
    words = messages_for(locale)
    chat = f"<code>{html.escape(str(chat_id))}</code>"
    return "\n".join(
        [
            f"👋 <b>{words.start_title}</b>",
            "",
            words.start_how_to.format(link=_link(public_url)),
            words.start_channel_hint,
            "",
            _whose_chat(words, chat_type).format(chat=chat),
            words.start_status_hint,
        ]
    )


def link_text(outcome: str, *, public_url: str, locale: str) -> str:
    """The answer to ``/start <token>``: ``outcome`` is linked | already_linked | expired | used | unknown."""
    words = messages_for(locale)
    template = {
        "linked": words.link_linked,
        "already_linked": words.link_already_linked,
        "expired": words.link_expired,
        "used": words.link_used,
    }.get(outcome, words.link_unknown)
    return template.format(link=_link(public_url))


def link_failed_text(*, locale: str) -> str:
    return messages_for(locale).link_failed


def help_text(*, public_url: str, locale: str) -> str:
    words = messages_for(locale)
    return "\n".join(
        [
            f"<b>{words.help_title}</b>",
            "",
            words.help_start.format(link=_link(public_url)),
            words.help_status,
            words.help_help,
            "",
            words.help_alerts,
        ]
    )


def status_unavailable_text(*, locale: str) -> str:
    return messages_for(locale).status_unavailable


def status_text(websites: Sequence[ChatWebsite], *, public_url: str, locale: str) -> str:
    words = messages_for(locale)
    if not websites:
        return words.status_none.format(link=_link(public_url))
    ordered = sorted(websites, key=lambda w: (_STATUS_ORDER.get(str(w.status), 4), w.name.lower()))
    down = sum(1 for w in websites if str(w.status) == SiteStatus.DOWN)
    header = plural(words.status_header, len(websites), locale).format(
        count=format_number(len(websites), locale), down=format_number(down, locale)
    )
    blocks = [_website_block(w, words, locale) for w in ordered]

    text = header
    for shown, block in enumerate(blocks):
        remaining = len(blocks) - shown
        more = words.status_more.format(count=format_number(remaining, locale), link=_link(public_url))
        footer = f"\n\n{more}"
        candidate = f"{text}\n\n{block}"
        # Leave room for the footer unless this is the last block.
        limit = TELEGRAM_MAX_LENGTH - (0 if remaining == 1 else telegram_length(footer))
        if telegram_length(candidate) > limit:
            return text + footer
        text = candidate
    return text


def _website_block(website: ChatWebsite, words: Messages, locale: str) -> str:
    status = str(website.status)
    icon = _STATUS_ICONS.get(status, "❔")
    name = escape_clipped(website.name or website.url, 150)
    shown = words.statuses.get(status, status)  # type: ignore[call-overload]
    checked = (
        words.status_checked.format(time=format_time(website.last_check, locale))
        if website.last_check
        else words.status_not_checked
    )
    return f"{icon} <b>{name}</b>: {html.escape(shown)}, {checked}\n{escape_clipped(website.url, 300)}"
