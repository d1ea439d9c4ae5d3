from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, StringConstraints

from webmon.auth.passwords import MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH


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


class RegisterIn(Input):
    email: EmailStr = Field(max_length=320)
    username: Username
    password: NewPassword
    invitation: str | None = Field(
        default=None, max_length=200, description="the token of an invitation (needed when registration is `invite`)"
    )


class LoginIn(Input):
    email: EmailStr = Field(max_length=320)
    password: str = Field(max_length=1024)


class ChangePasswordIn(Input):
    current_password: str = Field(max_length=1024)
    new_password: NewPassword


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
    created_at: datetime
    is_admin: bool = Field(
        default=False, description="the instance administrator (WEBMON_ADMIN_EMAIL, else the first account)"
    )
