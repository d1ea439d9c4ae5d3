"""Websites as the API sees them: separate shapes for create, update and output."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from webmon.fields import (
    ChatId,
    CheckInterval,
    FailureThreshold,
    Input,
    Name,
    SearchText,
    Tag,
    TagList,
    Timeout,
    Url,
    ValidWord,
)
from webmon.vocabulary import (
    DEFAULT_CHECK_INTERVAL,
    DEFAULT_FAILURE_THRESHOLD,
    DEFAULT_TIMEOUT,
    MAX_BULK_IDS,
    BulkActionName,
    SiteStatusName,
)

__all__ = [
    "BulkIn",
    "BulkOut",
    "CheckQueued",
    "SearchText",
    "Tag",
    "TagCount",
    "WebsiteCreate",
    "WebsiteListItem",
    "WebsiteOut",
    "WebsiteUpdate",
]

_TAGS_DESCRIPTION = 'letters, digits, "-", "_", "." and spaces, 1-32 characters each, stored in lower case; at most 20'


class WebsiteCreate(Input):
    url: Url
    name: Name | None = Field(default=None, description="defaults to the URL's host name")
    valid_word: ValidWord
    timeout: Timeout = DEFAULT_TIMEOUT
    check_interval: CheckInterval = DEFAULT_CHECK_INTERVAL
    telegram_chat_id: ChatId = None
    is_active: bool = True
    failure_threshold: FailureThreshold = DEFAULT_FAILURE_THRESHOLD
    tags: TagList = Field(default_factory=list, description=_TAGS_DESCRIPTION)


class WebsiteUpdate(Input):
    """Only the fields sent are changed. `name` and `telegram_chat_id` may be null (reset / clear);
    the others may be left out but not nulled."""

    url: Url = None  # type: ignore[assignment]
    name: Name | None = None
    valid_word: ValidWord = None  # type: ignore[assignment]
    timeout: Timeout = None  # type: ignore[assignment]
    check_interval: CheckInterval = None  # type: ignore[assignment]
    telegram_chat_id: ChatId = None
    is_active: bool = None  # type: ignore[assignment]
    failure_threshold: FailureThreshold = None  # type: ignore[assignment]
    tags: TagList = Field(default=None, description="replaces the site's tags; " + _TAGS_DESCRIPTION)  # type: ignore[arg-type]


class WebsiteOut(BaseModel):
    id: int
    url: str
    name: str
    valid_word: str
    timeout: int
    check_interval: int
    telegram_chat_id: str | None
    is_active: bool
    failure_threshold: int
    status: SiteStatusName
    last_check: datetime | None
    next_check_at: datetime | None = Field(description="when the next scheduled check is due")
    response_time: int | None = Field(description="milliseconds, of the last check")
    error_message: str | None
    total_checks: int
    failed_checks: int
    consecutive_failures: int
    last_notification_sent: datetime | None
    error_kind: str | None = Field(
        description="why the last check failed: DNS, CONNECT, TLS, TIMEOUT, HTTP_STATUS, ..."
    )
    status_changed_at: datetime | None
    tls_expires_at: datetime | None = Field(description="https only: when the certificate expires")
    telegram_error: str | None = Field(description="why alerts cannot reach the Telegram chat, if they cannot")
    tags: list[str] = Field(description="sorted, lower case")
    created_at: datetime
    updated_at: datetime | None


class WebsiteListItem(WebsiteOut):
    uptime_24h: float | None = Field(description="time-weighted uptime over the last 24 hours, percent")


class CheckQueued(BaseModel):
    detail: str
    website_id: int
    next_check_at: datetime


class TagCount(BaseModel):
    tag: str
    count: int = Field(description="how many of the account's sites have it")


WebsiteIdItem = Annotated[int, Field(ge=1, le=2_147_483_647)]


class BulkIn(Input):
    ids: list[WebsiteIdItem] = Field(min_length=1, max_length=MAX_BULK_IDS, description="the sites to act on")
    action: BulkActionName
    tag: Tag | None = Field(default=None, description="for add_tag and remove_tag (only)")


class BulkSkip(BaseModel):
    id: int
    reason: Literal["paused", "checked_recently", "account_limit"]


class BulkOut(BaseModel):
    action: BulkActionName
    affected: int = Field(description="sites this request changed (a paused site paused again is not counted)")
    skipped: list[BulkSkip] = Field(
        default_factory=list, description="check only: the sites not queued, and why (nothing else is refused)"
    )
