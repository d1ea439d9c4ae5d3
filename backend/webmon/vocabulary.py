"""Webmon's words and bounds, defined once: the site statuses, the limits of a website's
settings and the languages Webmon speaks. A leaf: it imports nothing of Webmon, so the pure alert policy, the models, the API's
schemas and the bot can all share it."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, get_args


class SiteStatus(StrEnum):
    """What the last checks say about a site (stored in `websites.status`)."""

    PENDING = "pending"
    UP = "up"
    DOWN = "down"


# A paused site keeps its last status in the database; lists, counts and the bot show it as this.
PAUSED = "paused"

# The same names as types for the API's schemas (an inline enum in the OpenAPI document).
SiteStatusName = Literal["pending", "up", "down"]
ShownStatusName = Literal["pending", "up", "down", "paused"]
assert set(get_args(SiteStatusName)) == {status.value for status in SiteStatus}
assert set(get_args(ShownStatusName)) == {*get_args(SiteStatusName), PAUSED}

# A website's settings: consecutive failed checks before it is down; seconds.
MIN_FAILURE_THRESHOLD = 1
MAX_FAILURE_THRESHOLD = 10
DEFAULT_FAILURE_THRESHOLD = 2
MIN_TIMEOUT = 1
MAX_TIMEOUT = 120
DEFAULT_TIMEOUT = 30
MIN_CHECK_INTERVAL = 1
MAX_CHECK_INTERVAL = 86_400
DEFAULT_CHECK_INTERVAL = 300
MAX_URL_LENGTH = 2048

# A Telegram chat: a numeric id (groups and channels are negative), or a public @username, which
# Telegram allows 5 to 32 characters long: a letter, then letters, digits and underscores.
CHAT_ID_PATTERN = r"^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$"
CHAT_ID_MAX_LENGTH = 64

# The languages Webmon speaks (an account's `users.locale`): the dashboard, alerts and the bot.
LocaleName = Literal["en", "ru"]
LOCALES: tuple[LocaleName, ...] = get_args(LocaleName)
DEFAULT_LOCALE: LocaleName = "en"
# What a language tag may look like where one is taken as a hint (BCP 47 shape: `ru`, `en-US`, `pt-BR`).
LANGUAGE_TAG_PATTERN = r"^[A-Za-z]{2,8}([_-][A-Za-z0-9]{1,8})*$"
LANGUAGE_TAG_MAX_LENGTH = 35


def locale_for_tag(tag: str | None) -> LocaleName | None:
    """The supported language a tag names (`ru-RU` → `ru`, `EN` → `en`), or None (`de`, nothing)."""
    language = (tag or "").replace("_", "-").split("-", 1)[0].lower()
    return next((locale for locale in LOCALES if locale == language), None)


# Tags on a website: 1 to 32 characters of letters, digits, "-", "_", "." and spaces (trimmed),
# stored in lower case (so unique per site regardless of case), at most 20 per site. A comma is
# never part of a tag: the list query's copy of a site's tags is stored comma-joined.
TAG_MAX_LENGTH = 32
MAX_TAGS_PER_SITE = 20
TAG_PUNCTUATION = "-_. "
TAG_SEPARATOR = ","
# Filtering the list by tags: at most this many `?tag=` at once (every one must match).
MAX_TAG_FILTERS = MAX_TAGS_PER_SITE

# Bulk actions on websites (`POST /websites/bulk`): what they may do, and how many sites at once.
BulkActionName = Literal["pause", "resume", "delete", "check", "add_tag", "remove_tag"]
TAG_ACTIONS = frozenset({"add_tag", "remove_tag"})
MAX_BULK_IDS = 1000
