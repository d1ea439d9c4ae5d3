"""Webmon's languages outside the dashboard: the alerts and the bot's replies (`catalogue`), and
Babel's formatting of dates, durations, numbers and plurals in them (`formatting`)."""

from webmon.i18n.catalogue import CATALOGUE, messages_for, supported_locale
from webmon.i18n.formatting import format_duration, format_number, format_time, plural
from webmon.i18n.keys import Messages, Plural

__all__ = [
    "CATALOGUE",
    "Messages",
    "Plural",
    "format_duration",
    "format_number",
    "format_time",
    "messages_for",
    "plural",
    "supported_locale",
]
