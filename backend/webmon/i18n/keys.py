"""What Webmon says outside the dashboard, key by key: every field is one message, and each
language (`en.py`, `ru.py`) is one `Messages` value, so a language without a key does not even
import, and mypy names the missing field.

Templates are `str.format` strings; what fills them is already HTML-escaped by the caller. A
`Plural` is one template per CLDR plural category of the language (`one`/`other` in English;
`one`/`few`/`many`/`other` in Russian), chosen with Babel's plural rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from webmon.vocabulary import ShownStatusName

Plural = Mapping[str, str]
"""CLDR plural category (`one`, `few`, `many`, `other`, …) → template."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Messages:
    # Dates: a Babel (CLDR) pattern; every time Webmon shows is in UTC.
    time_pattern: str

    # --- alerts (Telegram, HTML) ------------------------------------------------------------
    down_title: str  # {name}
    recovered_title: str  # {name}
    reminder_title: str  # {name}
    url_label: str
    what_failed_label: str
    last_error_label: str
    status_code_label: str
    down_since_label: str
    was_down_for_label: str
    outage_label: str
    recovered_at_label: str
    down_for_label: str
    down_for_value: str  # {duration}, {since}
    open_site: str

    # --- the test message ---------------------------------------------------------------------
    test_title: str
    test_body: str
    test_sent_at: str  # {time}
    open_webmon: str

    # --- the bot ------------------------------------------------------------------------------
    command_start: str  # setMyCommands descriptions
    command_status: str
    command_help: str
    start_title: str
    chat_id_private: str  # {chat}
    chat_id_group: str  # {chat}
    chat_id_channel: str  # {chat}
    chat_id_other: str  # {chat}
    start_how_to: str  # {link}
    start_channel_hint: str
    start_status_hint: str
    link_linked: str  # {link}; the answers to /start <token>
    link_already_linked: str  # {link}
    link_expired: str  # {link}
    link_used: str  # {link}
    link_unknown: str  # {link}
    link_failed: str
    help_title: str
    help_start: str  # {link}
    help_status: str
    help_help: str
    help_alerts: str
    status_none: str  # {link}
    status_header: Plural  # {count}, {down}
    status_more: str  # {count}, {link}
    status_checked: str  # {time}
    status_not_checked: str
    status_unavailable: str
    statuses: Mapping[ShownStatusName, str]  # a site's status as the bot names it
