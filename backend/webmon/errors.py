"""The domain's errors. Services raise these and know nothing of HTTP; `api/errors.py` is the one
place that turns each into a status code and a `{"detail": ...}` body."""

from __future__ import annotations


class WebmonError(Exception):
    """Something a caller did that the domain refuses; `message` is safe to show the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(WebmonError):
    """The object does not exist, or belongs to somebody else: the two look the same."""


class Forbidden(WebmonError):
    """The caller is known but may not do this (a disabled account, a role without the right)."""


class Unauthorized(WebmonError):
    """The caller is not signed in, or the credentials are wrong or no longer valid."""


class Conflict(WebmonError):
    """The request clashes with the current state (a duplicate, a paused site, a cap reached)."""


class InvalidField(WebmonError):
    """A value the schema accepted but a rule refused (settings, the database): a 422 naming the field.

    `kind` is the machine-readable error type, `location` the part of the request (`body`, `query`)."""

    def __init__(self, field: str, message: str, *, kind: str = "value_error", location: str = "body") -> None:
        super().__init__(message)
        self.field = field
        self.kind = kind
        self.location = location


class RateLimited(WebmonError):
    """Too soon: the caller may try again after `retry_after` seconds (a 429 with Retry-After)."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))


class Unavailable(WebmonError):
    """A service Webmon depends on (Telegram) cannot answer now: a 503 with Retry-After."""

    def __init__(self, message: str, *, retry_after: int = 30) -> None:
        super().__init__(message)
        self.retry_after = max(1, int(retry_after))
