"""Durations, dates and numbers in the reader's language, by Babel: Russian plural forms too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from webmon.i18n import format_duration, format_number, format_time


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (1, "1 минута"),
        (2, "2 минуты"),
        (4, "4 минуты"),
        (5, "5 минут"),
        (11, "11 минут"),
        (21, "21 минута"),
        (22, "22 минуты"),
        (25, "25 минут"),
    ],
)
def test_russian_minutes_take_the_form_their_number_needs(minutes: int, expected: str) -> None:
    assert format_duration(timedelta(minutes=minutes), "ru") == expected


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(seconds=0), "0 секунд"),
        (timedelta(seconds=1), "1 секунда"),
        (timedelta(seconds=45), "45 секунд"),
        (timedelta(hours=1), "1 час"),
        (timedelta(hours=3, minutes=12), "3 часа 12 минут"),
        (timedelta(hours=21, minutes=1), "21 час 1 минута"),
        (timedelta(days=1, minutes=5), "1 день"),
        (timedelta(days=2, hours=4, minutes=30), "2 дня 4 часа"),
        (timedelta(days=5, hours=2), "5 дней 2 часа"),
    ],
)
def test_russian_durations(delta: timedelta, expected: str) -> None:
    assert format_duration(delta, "ru") == expected


@pytest.mark.parametrize(
    ("delta", "expected"),
    [(timedelta(minutes=5), "5 minutes"), (timedelta(minutes=1), "1 minute"), (timedelta(hours=2), "2 hours")],
)
def test_english_durations(delta: timedelta, expected: str) -> None:
    assert format_duration(delta, "en") == expected


def test_dates_are_written_as_the_language_writes_them_in_utc() -> None:
    moment = datetime(2024, 3, 8, 23, 30, tzinfo=UTC)

    assert format_time(moment, "en") == "2024-03-08 23:30 UTC"
    assert format_time(moment, "ru") == "8 марта 2024, 23:30 UTC"


def test_numbers_are_grouped_as_the_language_groups_them() -> None:
    assert format_number(12345, "en") == "12,345"
    assert format_number(12345, "ru") == "12\N{NO-BREAK SPACE}345"
