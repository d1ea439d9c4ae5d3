"""The backend's catalogue is complete: every message in every language, saying the same things
(the same placeholders, the same markup), with every plural form the language's rules need."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import fields
from string import Formatter
from typing import get_args

import pytest
from babel import Locale
from babel.dates import format_datetime

from webmon.i18n import CATALOGUE, Messages, messages_for, plural
from webmon.vocabulary import DEFAULT_LOCALE, LOCALES, ShownStatusName

KEYS = [field.name for field in fields(Messages)]
OTHER_LOCALES = [locale for locale in LOCALES if locale != DEFAULT_LOCALE]


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name is not None}


def _tags(template: str) -> list[str]:
    return sorted(re.findall(r"</?[a-z]+", template))


def _templates(value: object) -> dict[str, str]:
    """A message as its templates: one for a plain message, one per form or status otherwise."""
    if isinstance(value, str):
        return {"": value}
    assert isinstance(value, Mapping)
    return {str(key): text for key, text in value.items()}


def test_there_is_a_catalogue_for_every_locale_of_the_vocabulary() -> None:
    assert set(CATALOGUE) == set(LOCALES) == {"en", "ru"}


def test_a_language_without_a_message_cannot_be_built() -> None:
    values = {key: getattr(CATALOGUE["en"], key) for key in KEYS}
    del values["down_title"]

    with pytest.raises(TypeError, match="down_title"):
        Messages(**values)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("key", KEYS)
def test_every_message_exists_and_says_something(locale: str, key: str) -> None:
    templates = _templates(getattr(CATALOGUE[locale], key))

    assert templates
    for form, text in templates.items():
        assert text.strip(), f"{locale}.{key}[{form}] is empty"


@pytest.mark.parametrize("locale", OTHER_LOCALES)
@pytest.mark.parametrize("key", KEYS)
def test_every_translation_fills_the_same_placeholders_and_markup_as_english(locale: str, key: str) -> None:
    english = _templates(getattr(CATALOGUE["en"], key))
    translated = _templates(getattr(CATALOGUE[locale], key))
    wanted_placeholders = set.union(*(_placeholders(text) for text in english.values()))
    wanted_tags = {tuple(_tags(text)) for text in english.values()}

    for form, text in translated.items():
        assert _placeholders(text) == wanted_placeholders, f"{locale}.{key}[{form}]"
        assert tuple(_tags(text)) in wanted_tags, f"{locale}.{key}[{form}]: markup differs from English"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_plural_message_has_each_form_the_language_uses(locale: str) -> None:
    categories = set(Locale.parse(locale).plural_form.tags) | {"other"}
    plurals = [field.name for field in fields(Messages) if field.type == "Plural"]

    assert plurals  # the walk below checks something
    for key in plurals:
        assert set(getattr(CATALOGUE[locale], key)) == categories, f"{locale}.{key}"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_status_the_bot_shows_has_a_name(locale: str) -> None:
    assert set(CATALOGUE[locale].statuses) == set(get_args(ShownStatusName))


@pytest.mark.parametrize("locale", LOCALES)
def test_the_time_pattern_is_one_babel_can_format(locale: str) -> None:
    from datetime import UTC, datetime

    shown = format_datetime(datetime(2024, 5, 1, 10, 2, tzinfo=UTC), CATALOGUE[locale].time_pattern, locale=locale)

    assert "10:02" in shown and "2024" in shown and "UTC" in shown


def test_russian_plural_forms_follow_the_number() -> None:
    header = messages_for("ru").status_header

    assert [plural(header, n, "ru").split("</b>")[0] for n in (1, 2, 5, 11, 21, 22, 25, 101)] == [
        "<b>{count} сайт шлёт оповещения в этот чат",
        "<b>{count} сайта шлют оповещения в этот чат",
        "<b>{count} сайтов шлют оповещения в этот чат",
        "<b>{count} сайтов шлют оповещения в этот чат",
        "<b>{count} сайт шлёт оповещения в этот чат",
        "<b>{count} сайта шлют оповещения в этот чат",
        "<b>{count} сайтов шлют оповещения в этот чат",
        "<b>{count} сайт шлёт оповещения в этот чат",
    ]


@pytest.mark.parametrize(
    ("tag", "expected"), [("ru", "ru"), ("ru-RU", "ru"), ("EN_gb", "en"), ("de", "en"), (None, "en")]
)
def test_a_language_tag_or_a_stored_locale_picks_a_catalogue(tag: str | None, expected: str) -> None:
    assert messages_for(tag) is CATALOGUE[expected]  # type: ignore[index]
