"""Websites as the API sees them: separate shapes for create, update and output."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from webmon.websites.validation import (
    check_chat_id,
    check_no_nul,
    check_not_blank,
    normalize_chat_id,
    normalize_url,
)

Url = Annotated[str, Field(max_length=4096, examples=["https://example.com/"]), AfterValidator(normalize_url)]
Name = Annotated[str, Field(max_length=200), AfterValidator(check_no_nul), AfterValidator(lambda v: v.strip())]
ValidWord = Annotated[
    str, Field(min_length=1, max_length=200), AfterValidator(check_no_nul), AfterValidator(check_not_blank)
]
SearchText = Annotated[str, AfterValidator(check_no_nul)]
Timeout = Annotated[int, Field(ge=1, le=120, description="seconds")]
CheckInterval = Annotated[int, Field(ge=1, le=86_400, description="seconds; at least WEBMON_MIN_CHECK_INTERVAL")]
FailureThreshold = Annotated[int, Field(ge=1, le=10)]
_ChatIdText = Annotated[str, Field(max_length=64), AfterValidator(check_chat_id)]
ChatId = Annotated[
    _ChatIdText | None,
    BeforeValidator(normalize_chat_id),
    Field(examples=["123456789", "-1001234567890", "@mychannel"]),
]
RequiredChatId = Annotated[_ChatIdText, BeforeValidator(normalize_chat_id)]
WebsiteStatusName = Literal["pending", "up", "down"]


class Input(BaseModel):
    # Unknown fields are a 422: `status`, `user_id`, counters can never be written by a user.
    model_config = ConfigDict(extra="forbid")


class WebsiteCreate(Input):
    url: Url
    name: Name | None = Field(default=None, description="defaults to the URL's host name")
    valid_word: ValidWord
    timeout: Timeout = 30
    check_interval: CheckInterval = 300
    telegram_chat_id: ChatId = None
    is_active: bool = True
    failure_threshold: FailureThreshold = 2


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
    status: WebsiteStatusName
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
    created_at: datetime
    updated_at: datetime | None


class WebsiteListItem(WebsiteOut):
    uptime_24h: float | None = Field(description="time-weighted uptime over the last 24 hours, percent")


class CheckQueued(BaseModel):
    detail: str
    website_id: int
    next_check_at: datetime
