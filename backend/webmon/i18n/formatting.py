"""Dates, durations, numbers and plural forms in a language, by Babel (CLDR's data and rules)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import cache

from babel import Locale
from babel.dates import format_datetime
from babel.lists import format_list
from babel.numbers import format_decimal
from babel.units import format_unit

from webmon.i18n.catalogue import messages_for, supported_locale
from webmon.i18n.keys import Plural


@cache
def _babel_locale(locale: str) -> Locale:
    return Locale.parse(locale)


def format_number(value: int | float, locale: str | None) -> str:
    """`12,345` / `12 345` (a no-break space: Telegram keeps the number on one line)."""
    return str(format_decimal(value, locale=_babel_locale(supported_locale(locale))))


def format_time(moment: datetime, locale: str | None) -> str:
    """A moment in UTC, as the language writes it (`2024-05-01 10:02 UTC`, `1 мая 2024, 10:02 UTC`).
    A naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    language = supported_locale(locale)
    return str(
        format_datetime(
            moment.astimezone(UTC), messages_for(language).time_pattern, tzinfo=UTC, locale=_babel_locale(language)
        )
    )


def format_duration(delta: timedelta, locale: str | None) -> str:
    """At most two units, the smaller one rounded down: `45 seconds`, `12 minutes`,
    `3 hours, 12 minutes`, `2 days, 4 hours`; `21 минута`, `3 часа 12 минут`."""
    seconds = max(0, int(delta.total_seconds()))
    minutes, hours, days = seconds // 60, seconds // 3600, seconds // 86_400
    if seconds < 60:
        parts = [(seconds, "second")]
    elif minutes < 60:
        parts = [(minutes, "minute")]
    elif hours < 24:
        parts = [(hours, "hour"), (minutes % 60, "minute")]
    else:
        parts = [(days, "day"), (hours % 24, "hour")]
    language = _babel_locale(supported_locale(locale))
    words = [
        str(format_unit(amount, f"duration-{unit}", length="long", locale=language))
        for index, (amount, unit) in enumerate(parts)
        if amount or index == 0
    ]
    return str(format_list(words, style="unit", locale=language))


def plural(templates: Plural, count: int, locale: str | None) -> str:
    """The template for `count` in the language's plural rules (`1 сайт`, `2 сайта`, `5 сайтов`)."""
    category = _babel_locale(supported_locale(locale)).plural_form(count)
    return templates[category]
