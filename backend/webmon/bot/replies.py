"""What the bot says.  Pure functions: HTML for Telegram, user text escaped, ≤ 4,096."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from webmon.alerting.messages import (
    TELEGRAM_MAX_LENGTH,
    escape_clipped,
    format_time,
    telegram_length,
)
from webmon.vocabulary import PAUSED, SiteStatus

__all__ = ["ChatWebsite", "LinkRequest", "help_text", "link_text", "start_text", "status_text"]

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


def start_text(*, chat_id: str | int, chat_type: str, public_url: str) -> str:
    whose = {
        "private": "Your chat id is",
        "group": "This group's chat id is",
        "supergroup": "This group's chat id is",
        "channel": "This channel's chat id is",
    }.get(chat_type, "This chat's id is")
    chat = html.escape(str(chat_id))
    return "\n".join(
        [
            "👋 <b>Webmon alerts</b>",
            "",
            f"To get alerts here, open a website in {_link(public_url)}, press <b>Link a chat</b> beside its "
            "Telegram field and open the link it gives: it brings you back here and links this chat.",
            "For a channel, post the <code>/start …</code> line the dashboard shows in the channel.",
            "",
            f"{whose} <code>{chat}</code>",
            "/status lists the websites that alert this chat.",
        ]
    )


_LINK_REPLIES = {
    "linked": "✅ <b>This chat is linked to Webmon.</b>\n\nChoose it in a website's Telegram field in {link} "
    "to get that website's alerts here.",
    "already_linked": "✅ This chat was already linked to Webmon. Choose it in a website's Telegram field in {link}.",
    "expired": "⌛ This link has expired (links work for 15 minutes). Press <b>Link a chat</b> in {link} again "
    "for a new one. Nothing was linked.",
    "used": "This link was already used for another chat; each link works once. Press <b>Link a chat</b> in "
    "{link} again for a new one. Nothing was linked.",
    "unknown": "I do not know this link. Press <b>Link a chat</b> in {link} for a new one and open it as it is. "
    "Nothing was linked.",
}


def link_text(outcome: str, *, public_url: str) -> str:
    return _LINK_REPLIES.get(outcome, _LINK_REPLIES["unknown"]).format(link=_link(public_url))


def help_text(*, public_url: str) -> str:
    return "\n".join(
        [
            "<b>Webmon bot</b>",
            "",
            "/start links this chat: open the link from <b>Link a chat</b> in " + _link(public_url),
            "/status lists the websites that alert this chat and how they are",
            "/help shows this message",
            "",
            "Alerts arrive here when a website goes down, while it stays down, and when it recovers.",
        ]
    )


def status_text(websites: Sequence[ChatWebsite], *, public_url: str) -> str:
    if not websites:
        return (
            "No websites alert this chat yet.\n\n"
            f"Link it with <b>Link a chat</b> in {_link(public_url)}, then choose it in a website's Telegram field."
        )
    ordered = sorted(websites, key=lambda w: (_STATUS_ORDER.get(str(w.status), 4), w.name.lower()))
    down = sum(1 for w in websites if str(w.status) == SiteStatus.DOWN)
    header = f"<b>Websites that alert this chat</b>: {len(websites)}, {down} down"
    blocks = [_website_block(w) for w in ordered]

    text = header
    for shown, block in enumerate(blocks):
        remaining = len(blocks) - shown
        footer = f"\n\n…and {remaining} more in {_link(public_url)}"
        candidate = f"{text}\n\n{block}"
        # Leave room for the footer unless this is the last block.
        limit = TELEGRAM_MAX_LENGTH - (0 if remaining == 1 else telegram_length(footer))
        if telegram_length(candidate) > limit:
            return text + footer
        text = candidate
    return text


def _website_block(website: ChatWebsite) -> str:
    status = str(website.status)
    icon = _STATUS_ICONS.get(status, "❔")
    name = escape_clipped(website.name or website.url, 150)
    checked = f"checked {format_time(website.last_check)}" if website.last_check else "not checked yet"
    return f"{icon} <b>{name}</b>: {html.escape(status)}, {checked}\n{escape_clipped(website.url, 300)}"
