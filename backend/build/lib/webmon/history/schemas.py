from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field


class CheckOut(BaseModel):
    id: int = Field(description="unique within the website: the check's time in microseconds since 1970")
    status: Literal["up", "down"]
    status_code: int | None
    response_time: int | None = Field(description="milliseconds")
    error_kind: str | None = Field(description="DNS, CONNECT, TLS, TIMEOUT, HTTP_STATUS, KEYWORD_MISSING, ...")
    error_message: str | None
    checked_at: datetime


class StateChangeOut(BaseModel):
    id: int
    kind: Literal["down", "recovered", "reminder"]
    from_status: str
    to_status: str
    at: datetime
    outage_started_at: datetime | None
    reason: str | None
    detail: str | None
    status_code: int | None
    delivery: Literal["pending", "sending", "sent", "failed", "skipped"]
    sent_at: datetime | None


class NotificationOut(BaseModel):
    id: int
    kind: str
    chat_id: str
    status: Literal["sent", "failed", "broken"]
    error: str | None
    attempts: int
    created_at: datetime
    sent_at: datetime | None
