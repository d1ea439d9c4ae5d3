"""The backend's message catalogue: one `Messages` per language Webmon speaks.

Plain Python rather than gettext: nothing to compile at build time (an editable install, the wheel
and the Docker image all just work), a missing message is an import error and a mypy error rather
than a silent fallback, and `tests/i18n` walks the fields to check both languages say the same
things (placeholders, markup, plural forms). Babel does what a catalogue cannot: plural rules,
dates, durations and numbers."""

from __future__ import annotations

from types import MappingProxyType

from webmon.i18n.en import EN
from webmon.i18n.keys import Messages
from webmon.i18n.ru import RU
from webmon.vocabulary import DEFAULT_LOCALE, LOCALES, LocaleName, locale_for_tag

CATALOGUE: MappingProxyType[LocaleName, Messages] = MappingProxyType({"en": EN, "ru": RU})
assert set(CATALOGUE) == set(LOCALES), "every locale of the vocabulary has a catalogue"


def supported_locale(locale: str | None) -> LocaleName:
    """The language to speak for a stored locale or a language tag; English for anything else."""
    return locale_for_tag(locale) or DEFAULT_LOCALE


def messages_for(locale: str | None) -> Messages:
    return CATALOGUE[supported_locale(locale)]
