"""The input fields the API's schemas share, and the static rules pydantic applies to them at the
edge (a URL, a Telegram chat id, a name, a website's settings). Rules that need settings or the
database are the services'."""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from yarl import URL

from webmon.vocabulary import (
    CHAT_ID_MAX_LENGTH,
    CHAT_ID_PATTERN,
    MAX_CHECK_INTERVAL,
    MAX_FAILURE_THRESHOLD,
    MAX_TAGS_PER_SITE,
    MAX_TIMEOUT,
    MAX_URL_LENGTH,
    MIN_CHECK_INTERVAL,
    MIN_FAILURE_THRESHOLD,
    MIN_TIMEOUT,
    TAG_MAX_LENGTH,
    TAG_PUNCTUATION,
)

_CHAT_ID = re.compile(CHAT_ID_PATTERN)


def normalize_url(value: str) -> str:
    """An absolute http(s) URL with a host and no credentials, as the user typed it (trimmed)."""
    value = value.strip()
    if not value:
        raise ValueError("must not be empty")
    if len(value) > MAX_URL_LENGTH:
        raise ValueError(f"must be at most {MAX_URL_LENGTH} characters long")
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in value):
        raise ValueError("must not contain spaces or control characters")
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise ValueError("must start with http:// or https://")
    if "@" in parts.netloc:
        raise ValueError("must not contain a user name or password")
    if not parts.hostname:
        raise ValueError("must include a host name, as in https://example.com/")
    try:
        parts.port  # noqa: B018 - raises on a port out of range or not a number
        host = URL(value).raw_host
    except ValueError:
        raise ValueError("has an invalid host name or port") from None
    if not host:
        raise ValueError("must include a host name, as in https://example.com/")
    return scheme + value[len(parts.scheme) :]


def normalize_chat_id(value: object) -> object:
    """Telegram chat ids arrive as numbers or strings; store a string. Blank means none."""
    if isinstance(value, bool):
        return value  # let the type check reject it
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def check_chat_id(value: str | None) -> str | None:
    if value is not None and not _CHAT_ID.match(value):
        raise ValueError("must be a numeric chat id (send /start to the bot to get it) or a public @channelname")
    return value


def normalize_tag(value: str) -> str:
    """A tag as stored: trimmed, lower case, 1-32 letters, digits, "-", "_", "." or spaces."""
    tag = value.strip().lower()
    if not tag:
        raise ValueError("a tag must not be empty")
    if len(tag) > TAG_MAX_LENGTH:
        raise ValueError(f"a tag must be at most {TAG_MAX_LENGTH} characters long")
    if not all(ch.isalnum() or ch in TAG_PUNCTUATION for ch in tag):
        raise ValueError('a tag may contain only letters, digits, "-", "_", "." and spaces')
    return tag


def unique_tags(values: list[str]) -> list[str]:
    """Each tag once (tags are compared in lower case), sorted; at most MAX_TAGS_PER_SITE."""
    tags = sorted(set(values))
    if len(tags) > MAX_TAGS_PER_SITE:
        raise ValueError(f"a website may have at most {MAX_TAGS_PER_SITE} tags")
    return tags


def check_no_nul(value: str) -> str:
    # PostgreSQL cannot store a NUL character in text: refuse it here, as a 422 naming the field.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def check_not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must contain at least one non-space character")
    return value


class Input(BaseModel):
    # Unknown fields are a 422: `status`, `user_id`, counters can never be written by a user.
    model_config = ConfigDict(extra="forbid")


Url = Annotated[str, Field(max_length=MAX_URL_LENGTH, examples=["https://example.com/"]), AfterValidator(normalize_url)]
Name = Annotated[str, Field(max_length=200), AfterValidator(check_no_nul), AfterValidator(lambda v: v.strip())]
ValidWord = Annotated[
    str, Field(min_length=1, max_length=200), AfterValidator(check_no_nul), AfterValidator(check_not_blank)
]
SearchText = Annotated[str, AfterValidator(check_no_nul)]
Timeout = Annotated[int, Field(ge=MIN_TIMEOUT, le=MAX_TIMEOUT, description="seconds")]
CheckInterval = Annotated[
    int,
    Field(ge=MIN_CHECK_INTERVAL, le=MAX_CHECK_INTERVAL, description="seconds; at least WEBMON_MIN_CHECK_INTERVAL"),
]
FailureThreshold = Annotated[int, Field(ge=MIN_FAILURE_THRESHOLD, le=MAX_FAILURE_THRESHOLD)]
_ChatIdText = Annotated[str, Field(max_length=CHAT_ID_MAX_LENGTH), AfterValidator(check_chat_id)]
ChatId = Annotated[
    _ChatIdText | None,
    BeforeValidator(normalize_chat_id),
    Field(examples=["123456789", "-1001234567890", "@mychannel"]),
]
Tag = Annotated[
    str,
    Field(max_length=TAG_MAX_LENGTH * 4, examples=["production"]),  # the length rule is normalize_tag's
    AfterValidator(normalize_tag),
]
# Duplicates (in any case) are folded; more than MAX_TAGS_PER_SITE is a 422 naming `tags`.
TagList = Annotated[list[Tag], Field(max_length=MAX_TAGS_PER_SITE * 5), AfterValidator(unique_tags)]
RequiredChatId = Annotated[_ChatIdText, BeforeValidator(normalize_chat_id)]
