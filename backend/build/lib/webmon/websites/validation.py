"""Field rules for websites that pydantic applies at the edge (the static ones)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from yarl import URL

MAX_URL_LENGTH = 2048
CHAT_ID_PATTERN = re.compile(r"^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$")


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
    if value is not None and not CHAT_ID_PATTERN.match(value):
        raise ValueError("must be a numeric chat id (send /start to the bot to get it) or a public @channelname")
    return value


def check_no_nul(value: str) -> str:
    # PostgreSQL cannot store a NUL character in text: refuse it here, as a 422 naming the field.
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def check_not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must contain at least one non-space character")
    return value
