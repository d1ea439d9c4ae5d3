"""Alert texts: what they say, escaped, and always within Telegram's limit."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import ClassVar

import pytest

from webmon.alerting.messages import (
    TELEGRAM_MAX_LENGTH,
    AlertContext,
    escape_clipped,
    format_alert,
    format_test_message,
    telegram_length,
)
from webmon.alerting.policy import AlertKind
from webmon.i18n import format_duration, format_time
from webmon.vocabulary import LOCALES

T0 = datetime(2024, 5, 1, 10, 2, tzinfo=UTC)
EVIL = "<b>x</b> & <img src=x>"

DOWN = AlertContext(
    site_id=42,
    site_name="Shop",
    url="https://shop.example.com/",
    kind=AlertKind.DOWN,
    at=T0 + timedelta(minutes=2),
    down_since=T0,
    check_kind="HTTP_STATUS",
    check_message="503 Service Unavailable",
    status_code=503,
    public_url="https://webmon.example.com/",
)
RECOVERED = replace(
    DOWN,
    kind=AlertKind.RECOVERED,
    at=T0 + timedelta(hours=3, minutes=12),
    check_kind=None,
    check_message=None,
    status_code=None,
)
REMINDER = replace(
    DOWN,
    kind=AlertKind.REMINDER,
    at=T0 + timedelta(hours=2),
    check_kind="TIMEOUT",
    check_message="no answer within 30 s",
    status_code=None,
)
ALL = [replace(ctx, locale=locale) for ctx in (DOWN, RECOVERED, REMINDER) for locale in LOCALES]


class _TelegramHTML(HTMLParser):
    """Checks that text is well-formed with only the tags Telegram's HTML mode knows."""

    ALLOWED: ClassVar[set[str]] = {"b", "i", "u", "s", "a", "code", "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.open: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        assert tag in self.ALLOWED, f"unexpected tag <{tag}>"
        self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open and self.open.pop() == tag, f"unbalanced </{tag}>"

    def handle_data(self, data):
        self.text += data

    def handle_entityref(self, name):
        assert name in {"lt", "gt", "amp", "quot"}, f"entity &{name}; is not one Telegram knows"

    def handle_charref(self, name):
        pass


def assert_valid_telegram_html(text: str) -> None:
    parser = _TelegramHTML()
    parser.feed(text)
    parser.close()
    assert not parser.open, f"unclosed tags {parser.open}"
    assert not re.search(r"&(?![a-z]+;|#\d+;|#x[0-9a-f]+;)", text), "a bare & (a cut entity?)"
    assert telegram_length(text) <= TELEGRAM_MAX_LENGTH


@pytest.mark.parametrize("ctx", ALL, ids=lambda c: f"{c.kind}-{c.locale}")
def test_every_alert_is_valid_telegram_html(ctx: AlertContext) -> None:
    assert_valid_telegram_html(format_alert(ctx))


def test_a_down_alert_says_what_failed_since_when_and_links_to_the_site() -> None:
    text = format_alert(DOWN)

    assert "Shop" in text and "DOWN" in text
    assert "https://shop.example.com/" in text
    assert "HTTP_STATUS" in text and "503 Service Unavailable" in text
    assert "Status code:</b> 503" in text
    assert "2024-05-01 10:02 UTC" in text
    assert 'href="https://webmon.example.com/websites/42"' in text


def test_a_recovery_says_how_long_the_site_was_down() -> None:
    text = format_alert(RECOVERED)

    assert "UP again" in text
    assert "3 hours, 12 minutes" in text
    assert 'href="https://webmon.example.com/websites/42"' in text


def test_a_reminder_says_still_down_for_how_long_and_the_last_error() -> None:
    text = format_alert(REMINDER)

    assert "still DOWN" in text
    assert "2 hours" in text and "since 2024-05-01 10:02 UTC" in text
    assert "TIMEOUT" in text and "no answer within 30 s" in text


@pytest.mark.parametrize("ctx", ALL, ids=lambda c: f"{c.kind}-{c.locale}")
def test_user_text_arrives_escaped(ctx: AlertContext) -> None:
    evil = replace(ctx, site_name=EVIL, url=f"https://x.example/?a=1&b={EVIL}", check_message=EVIL)

    text = format_alert(evil)

    assert "<img" not in text and "<b>x</b>" not in text
    assert "&lt;b&gt;x&lt;/b&gt; &amp; &lt;img src=x&gt;" in text
    assert_valid_telegram_html(text)


@pytest.mark.parametrize("ctx", ALL, ids=lambda c: f"{c.kind}-{c.locale}")
@pytest.mark.parametrize("unit", ["a", "&", '"', "<", "é", "😀"], ids=repr)
def test_long_inputs_stay_within_the_limit_and_valid(ctx: AlertContext, unit: str) -> None:
    huge = replace(
        ctx,
        site_name=unit * 5000,
        url="https://example.com/" + unit * 10000,
        check_kind=unit * 500,
        check_message=unit * 20000,
        public_url="https://webmon.example.com/" + unit * 3000,
    )

    assert_valid_telegram_html(format_alert(huge))


def test_escape_clipped_never_cuts_inside_an_entity() -> None:
    for budget in range(1, 40):
        clipped = escape_clipped("a&b&c&d&e&f&g&h&i", budget)
        assert telegram_length(clipped) <= budget
        assert not re.search(r"&(?!amp;)", clipped)


def test_escape_clipped_marks_a_cut_with_an_ellipsis() -> None:
    assert escape_clipped("abcdef", 4) == "abc…"
    assert escape_clipped("abc", 4) == "abc"


def test_the_test_message_is_valid_and_links_to_webmon() -> None:
    text = format_test_message(public_url="https://webmon.example.com/", at=T0)

    assert "Test message from Webmon" in text
    assert 'href="https://webmon.example.com"' in text
    assert_valid_telegram_html(text)


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(0), "0 seconds"),
        (timedelta(seconds=45), "45 seconds"),
        (timedelta(minutes=1), "1 minute"),
        (timedelta(minutes=12, seconds=59), "12 minutes"),
        (timedelta(hours=1), "1 hour"),
        (timedelta(hours=3, minutes=12), "3 hours, 12 minutes"),
        (timedelta(days=1), "1 day"),
        (timedelta(days=2, hours=4, minutes=30), "2 days, 4 hours"),
        (timedelta(seconds=-5), "0 seconds"),
    ],
)
def test_format_duration(delta: timedelta, expected: str) -> None:
    assert format_duration(delta, "en") == expected


def test_times_are_shown_in_utc() -> None:
    from datetime import timezone

    moscow = timezone(timedelta(hours=3))
    assert format_time(datetime(2024, 5, 1, 13, 2, tzinfo=moscow), "en") == "2024-05-01 10:02 UTC"
    assert format_time(datetime(2024, 5, 1, 10, 2), "en") == "2024-05-01 10:02 UTC"
    assert format_time(datetime(2024, 5, 1, 13, 2, tzinfo=moscow), "ru") == "1 мая 2024, 10:02 UTC"


# -- in the site owner's language -----------------------------------------------------------------


def test_a_russian_owners_down_alert_is_in_russian() -> None:
    text = format_alert(replace(DOWN, locale="ru"))

    assert "<b>Shop не работает</b>" in text
    assert "<b>Адрес:</b> https://shop.example.com/" in text
    assert "<b>Что не так:</b> <code>HTTP_STATUS</code> — 503 Service Unavailable" in text
    assert "<b>Код ответа:</b> 503" in text
    assert "<b>Не работает с:</b> 1 мая 2024, 10:02 UTC" in text
    assert '<a href="https://webmon.example.com/websites/42">Открыть в Webmon</a>' in text
    assert "DOWN" not in text and "Status code" not in text


def test_a_russian_recovery_says_how_long_in_russian_plurals() -> None:
    text = format_alert(replace(RECOVERED, locale="ru", at=T0 + timedelta(hours=2, minutes=21)))

    assert "<b>Shop снова работает</b>" in text
    assert "<b>Не работал:</b> 2 часа 21 минута" in text
    assert "<b>Сбой:</b> 1 мая 2024, 10:02 UTC → 1 мая 2024, 12:23 UTC" in text


def test_a_russian_reminder_says_still_down_for_how_long() -> None:
    text = format_alert(replace(REMINDER, locale="ru", at=T0 + timedelta(hours=5)))

    assert "<b>Shop всё ещё не работает</b>" in text
    assert "<b>Не работает уже:</b> 5 часов (с 1 мая 2024, 10:02 UTC)" in text
    assert "<b>Последняя ошибка:</b> <code>TIMEOUT</code> — no answer within 30 s" in text


def test_the_russian_test_message_is_russian_and_valid() -> None:
    text = format_test_message(public_url="https://webmon.example.com/", at=T0, locale="ru")

    assert "Тестовое сообщение от Webmon" in text
    assert "Отправлено 1 мая 2024, 10:02 UTC." in text
    assert '<a href="https://webmon.example.com">Открыть Webmon</a>' in text
    assert_valid_telegram_html(text)


def test_an_unknown_locale_is_spoken_as_english() -> None:
    assert format_alert(replace(DOWN, locale="xx")) == format_alert(DOWN)
