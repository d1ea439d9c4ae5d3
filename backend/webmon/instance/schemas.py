from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Registration = Literal["open", "invite", "closed"]


class Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InstanceSettingsOut(BaseModel):
    allow_private_targets: bool = Field(description="checks of loopback, private and link-local addresses allowed")
    registration: Registration
    locked: list[str] = Field(
        description="settings set in the server's environment (WEBMON_...): they win, and cannot be changed here"
    )


class InstanceSettingsPatch(Input):
    allow_private_targets: bool | None = None
    registration: Registration | None = None


class InvitationIn(Input):
    expires_in_hours: int = Field(default=7 * 24, ge=1, le=90 * 24, description="how long the invitation works")


class InvitationCreated(BaseModel):
    id: int
    url: str = Field(description="the registration page with the invitation; give it to the person invited")
    token: str = Field(description="shown once: only its hash is stored")
    expires_at: datetime


class InvitationOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    status: Literal["pending", "used", "expired"]


class CountsOut(BaseModel):
    users: int
    websites: int
    active_websites: int
    down_websites: int


class AdminHealthOut(BaseModel):
    status: Literal["ok", "error"]
    version: str
    components: dict[str, dict[str, Any]]
    counts: CountsOut


class MetaOut(BaseModel):
    version: str
    registration: Registration = Field(description="open, invite (an invitation is needed) or closed")
    setup_required: bool = Field(description="no account exists yet: the first one becomes the administrator")
    min_check_interval: int = Field(description="the smallest check_interval this server accepts, seconds")
    max_websites_per_user: int
    allow_private_targets: bool = Field(description="whether loopback/private/link-local targets may be monitored")
    telegram_enabled: bool
