"""The one settings class. Every process reads its configuration here and nowhere else.

Each field is read from the environment as `WEBMON_` + its name in capitals (or from `.env`); a
bad value stops the process with a message naming the setting.
"""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AnyHttpUrl, Field, IPvAnyNetwork, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from webmon.vocabulary import MAX_CHECK_INTERVAL, MIN_CHECK_INTERVAL

# Values people paste from tutorials; a key like this signs tokens anyone can forge.
_PLACEHOLDER_SECRETS = {"changeme", "change-me", "changethis", "secret", "secret-key", "your-secret-key"}
MIN_SECRET_KEY_LENGTH = 32
SECRET_KEY_FILENAME = "secret_key"


class SettingsError(RuntimeError):
    """A setting is missing or wrong; the message says which and what to do."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="WEBMON_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        validate_default=True,
    )

    database_url: str = "sqlite+aiosqlite:///./data/webmon.db"
    redis_url: str = "redis://127.0.0.1:6379/0"
    secret_key: SecretStr | None = None
    # A file holding the secret (Docker/Kubernetes secrets); wins over an empty WEBMON_SECRET_KEY.
    secret_key_file: Path | None = None
    access_token_expire_minutes: Annotated[int, Field(ge=1, le=60 * 24 * 30)] = 60
    telegram_bot_token: SecretStr | None = None
    telegram_api_url: AnyHttpUrl = AnyHttpUrl("https://api.telegram.org")
    allow_private_targets: bool = False
    min_check_interval: Annotated[int, Field(ge=MIN_CHECK_INTERVAL, le=MAX_CHECK_INTERVAL)] = 30
    scheduler_tick: Annotated[float, Field(gt=0, le=300)] = 5
    check_retention_days: Annotated[int, Field(ge=1, le=3650)] = 30
    public_url: AnyHttpUrl = AnyHttpUrl("http://127.0.0.1:8000")
    alert_reminder_interval: Annotated[int, Field(ge=0)] = 3600
    max_body_bytes: Annotated[int, Field(ge=1024, le=64 * 1024 * 1024)] = 2 * 1024 * 1024
    max_websites_per_user: Annotated[int, Field(ge=1)] = 1000
    # Who may create an account: anyone (`open`), only with an administrator's invitation
    # (`invite`), nobody (`closed`). The administrator's own account can always be created.
    # Also settable in the dashboard; a value set here wins over it (instance/settings.py).
    registration: Literal["open", "invite", "closed"] = "open"
    # The instance administrator's e-mail; unset: the first account is the administrator.
    admin_email: str | None = None

    # Where data lives, hashing cost, request cap, logging, engine and pool sizes.
    data_dir: Path = Path("./data")
    bcrypt_rounds: Annotated[int, Field(ge=4, le=16)] = 12
    max_request_bytes: Annotated[int, Field(ge=1024)] = 1024 * 1024
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # `webmon serve` logs every HTTP request only when asked (or with --access-log).
    access_log: bool = False
    check_concurrency: Annotated[int, Field(ge=1, le=20_000)] = 500
    check_batch_size: Annotated[int, Field(ge=1, le=5_000)] = 200
    db_pool_size: Annotated[int, Field(ge=1, le=200)] = 10
    db_max_overflow: Annotated[int, Field(ge=0, le=200)] = 10

    # Hardening (login limits, proxies)
    # Addresses (CIDRs, comma-separated) of the proxies whose X-Forwarded-For is believed.
    trusted_proxies: Annotated[tuple[IPvAnyNetwork, ...], NoDecode] = ()
    login_window: Annotated[int, Field(ge=1, le=86_400)] = 900  # seconds the failure counters last
    login_max_failures_per_account_ip: Annotated[int, Field(ge=1)] = 5
    login_max_failures_per_ip: Annotated[int, Field(ge=1)] = 50
    login_max_failures_per_account: Annotated[int, Field(ge=1)] = 100
    register_max_per_ip: Annotated[int, Field(ge=1)] = 20  # per hour
    # "Check now" requests per account per minute, on top of once per minimum interval per site.
    check_now_per_minute: Annotated[int, Field(ge=1, le=10_000)] = 30
    # Host names served besides WEBMON_PUBLIC_URL's, localhost and IP addresses (api/hosts.py);
    # comma-separated, `.example.com` for a domain and its subdomains, `*` for any.
    allowed_hosts: Annotated[tuple[str, ...], NoDecode] = ()
    # What one client may make the HTTP server hold (web/http_limits.py): the request line and headers,
    # and the seconds a whole request may take to arrive.
    max_header_bytes: Annotated[int, Field(ge=8 * 1024, le=1024 * 1024)] = 64 * 1024
    request_read_timeout: Annotated[float, Field(gt=0, le=600)] = 30

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _comma_separated_hosts(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part for part in value.replace(",", " ").split() if part)
        return value

    # Sessions (auth/sessions.py): a session ends after this many seconds unused, and at the latest
    # this many seconds after signing in, whatever its use.
    session_idle_timeout: Annotated[int, Field(ge=60, le=366 * 86_400)] = 7 * 86_400
    session_max_lifetime: Annotated[int, Field(ge=60, le=3660 * 86_400)] = 30 * 86_400

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _comma_separated_networks(cls, value: object) -> object:
        if isinstance(value, str):
            return tuple(part for part in value.replace(",", " ").split() if part)
        return value

    @field_validator("database_url")
    @classmethod
    def _supported_database(cls, value: str) -> str:
        if not value.startswith(("postgresql+asyncpg://", "sqlite+aiosqlite://")):
            raise ValueError(
                "must start with postgresql+asyncpg:// or sqlite+aiosqlite:// "
                "(Webmon talks to its database asynchronously)"
            )
        return value

    @field_validator("secret_key", "telegram_bot_token", "admin_email", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("admin_email")
    @classmethod
    def _an_email_address(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip().lower()  # stored e-mails are lower-cased (auth/service.py)
        local, _, domain = value.partition("@")
        if not local or "." not in domain or any(ch.isspace() for ch in value):
            raise ValueError("must be an e-mail address, as in admin@example.com")
        return value

    @model_validator(mode="after")
    def _read_secret_file_and_reject_weak_keys(self) -> Settings:
        if self.secret_key is None and self.secret_key_file is not None:
            try:
                text = self.secret_key_file.read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ValueError(f"WEBMON_SECRET_KEY_FILE cannot be read: {exc.strerror}") from None
            self.secret_key = SecretStr(text)
        if self.secret_key is not None:
            problem = weak_secret_problem(self.secret_key.get_secret_value())
            if problem:
                raise ValueError(f"WEBMON_SECRET_KEY {problem}")
        return self

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def telegram_enabled(self) -> bool:
        return self.telegram_bot_token is not None

    def require_secret_key(self) -> str:
        """The signing key, or a clear refusal: only `webmon serve` may invent one."""
        if self.secret_key is None:
            raise SettingsError(
                "WEBMON_SECRET_KEY is not set. Generate one with "
                "`python -c 'import secrets; print(secrets.token_urlsafe(48))'` and set it "
                "(or WEBMON_SECRET_KEY_FILE) in the environment or .env. "
                "Only `webmon serve` creates one for you."
            )
        return self.secret_key.get_secret_value()


def weak_secret_problem(value: str) -> str | None:
    if value.strip().lower() in _PLACEHOLDER_SECRETS:
        return "is a placeholder; generate a random one"
    if len(value) < MIN_SECRET_KEY_LENGTH:
        return f"is too short ({len(value)} characters); use at least {MIN_SECRET_KEY_LENGTH}"
    return None


def ensure_secret_key(settings: Settings) -> Settings:
    """For `webmon serve`: keep a generated key in the data folder so restarts keep sessions."""
    if settings.secret_key is not None:
        return settings
    path = settings.data_dir / SECRET_KEY_FILENAME
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        problem = weak_secret_problem(key)
        if problem:
            raise SettingsError(f"{path} {problem}; delete it to have a new one generated")
    else:
        settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        # Created 0600 so other local users cannot read the key that signs every session.
        fd = _create_private_file(path)
        with open(fd, "w", encoding="utf-8") as handle:
            handle.write(key + "\n")
    return settings.model_copy(update={"secret_key": SecretStr(key)})


def _create_private_file(path: Path) -> int:
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)


def describe_validation_error(exc: ValidationError) -> str:
    lines = ["Invalid Webmon settings:"]
    for error in exc.errors():
        name = "WEBMON_" + "_".join(str(part) for part in error["loc"]).upper() if error["loc"] else "settings"
        lines.append(f"  {name}: {error['msg']}")
    return "\n".join(lines)


def load_settings(**overrides: object) -> Settings:
    """Read the environment (and .env); raise SettingsError with a readable message on a bad value."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        raise SettingsError(describe_validation_error(exc)) from None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
