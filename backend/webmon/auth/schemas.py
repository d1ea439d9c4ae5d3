from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from webmon.auth.passwords import MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH
from webmon.vocabulary import DEFAULT_LOCALE, LANGUAGE_TAG_MAX_LENGTH, LANGUAGE_TAG_PATTERN, LocaleName


def _password_fits_bcrypt(value: str) -> str:
    if len(value.encode("utf-8")) > MAX_PASSWORD_BYTES:
        raise ValueError(f"must be at most {MAX_PASSWORD_BYTES} bytes long")
    return value


def _password_is_not_only_spaces(value: str) -> str:
    # Kept exactly as typed (leading and trailing spaces too): only a password of nothing but
    # spaces (or other blanks) is refused.
    if not value.strip():
        raise ValueError("must contain at least one character that is not a space")
    return value


NewPassword = Annotated[
    str,
    Field(min_length=MIN_PASSWORD_LENGTH, max_length=MAX_PASSWORD_BYTES),
    AfterValidator(_password_fits_bcrypt),
    AfterValidator(_password_is_not_only_spaces),
]
Username = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=3, max_length=50, pattern=r"^[A-Za-z0-9_.-]+$"),
]


class Input(BaseModel):
    # Unknown fields are a 422: nobody can slip `balance` or `is_active` into a request.
    model_config = ConfigDict(extra="forbid")


LanguageTag = Annotated[str, Field(max_length=LANGUAGE_TAG_MAX_LENGTH, pattern=LANGUAGE_TAG_PATTERN)]


class RegisterIn(Input):
    email: EmailStr = Field(max_length=320)
    username: Username
    password: NewPassword
    invitation: str | None = Field(
        default=None, max_length=200, description="the token of an invitation (needed when registration is `invite`)"
    )
    # A hint, not a choice: a browser in a language Webmon does not speak still gets an account.
    locale: LanguageTag | None = Field(
        default=None,
        description="the browser's language (`ru`, `ru-RU`, `en-GB`, `de`…): the account speaks the "
        "supported language it names, else English",
        examples=["ru-RU"],
    )


class LoginIn(Input):
    email: EmailStr = Field(max_length=320)
    password: str = Field(max_length=1024)


class ChangePasswordIn(Input):
    current_password: str = Field(max_length=1024)
    new_password: NewPassword


class UpdateMeIn(Input):
    """The fields of the account its user may change (every one optional: what is sent changes)."""

    locale: LocaleName = Field(
        default=None,  # type: ignore[arg-type]  # absent: unchanged; an explicit null is a 422
        description="the account's language: the dashboard, the Telegram alerts and the bot's replies",
    )


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int = Field(description="seconds until the token expires")


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    username: str
    balance: float
    is_active: bool
    # Always in the answer; a default only so that clients built before it still type-check.
    locale: LocaleName = Field(
        default=DEFAULT_LOCALE, description="the account's language (`PATCH /auth/me` changes it)"
    )
    created_at: datetime
    is_admin: bool = Field(
        default=False, description="the instance administrator (WEBMON_ADMIN_EMAIL, else the first account)"
    )
