"""Errors are always `{"detail": ...}` JSON: validation 422s name the field, a database outage is a
503 with Retry-After, and anything unexpected is a logged 500 that reveals nothing."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import exc as sa_exc

from webmon.api.headers import headers_for
from webmon.db import is_database_unavailable
from webmon.errors import (
    Conflict,
    Forbidden,
    InvalidField,
    NotFound,
    RateLimited,
    Unauthorized,
    Unavailable,
    WebmonError,
)

log = logging.getLogger("webmon.api")

RETRY_AFTER_SECONDS = "5"


def _public_error(error: dict[str, Any]) -> dict[str, Any]:
    # Never echo the submitted value back: it may be a password.
    return {"type": error.get("type"), "loc": list(error.get("loc", ())), "msg": error.get("msg")}


def _service_unavailable() -> JSONResponse:
    return JSONResponse(
        {"detail": "The database is unavailable; try again in a few seconds"},
        status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
        headers={"Retry-After": RETRY_AFTER_SECONDS},
    )


async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    return JSONResponse(
        {"detail": [_public_error(e) for e in exc.errors()]},
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
    )


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    if is_database_unavailable(exc):
        log.warning("database unavailable during %s %s: %s", request.method, request.url.path, type(exc).__name__)
        return _service_unavailable()
    log.exception("unhandled error during %s %s", request.method, request.url.path)
    # Starlette answers a 500 from outside every middleware, SecurityHeaders included.
    return JSONResponse(
        {"detail": "Internal server error"},
        status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
        headers=headers_for(request.url.path),
    )


# Each domain error's HTTP status: the only place the domain meets HTTP.
_STATUS_OF: dict[type[WebmonError], int] = {
    NotFound: status.HTTP_404_NOT_FOUND,
    Forbidden: status.HTTP_403_FORBIDDEN,
    Unauthorized: status.HTTP_401_UNAUTHORIZED,
    Conflict: status.HTTP_409_CONFLICT,
    RateLimited: status.HTTP_429_TOO_MANY_REQUESTS,
    Unavailable: status.HTTP_503_SERVICE_UNAVAILABLE,
}


def _status_of(exc: WebmonError) -> int:
    for kind in type(exc).__mro__:
        if kind in _STATUS_OF:
            return _STATUS_OF[kind]
    return status.HTTP_400_BAD_REQUEST


async def _domain_error(request: Request, exc: WebmonError) -> JSONResponse:
    if isinstance(exc, InvalidField):
        error = {"type": exc.kind, "loc": [exc.location, exc.field], "msg": exc.message}
        return JSONResponse({"detail": [error]}, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)
    headers: dict[str, str] = {}
    if isinstance(exc, RateLimited | Unavailable):
        headers["Retry-After"] = str(exc.retry_after)
    elif isinstance(exc, Unauthorized):
        headers["WWW-Authenticate"] = "Bearer"
    return JSONResponse({"detail": exc.message}, status_code=_status_of(exc), headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(WebmonError, _domain_error)  # type: ignore[arg-type]
    # Registered for the database's errors and for Exception: both end in _unexpected_error,
    # which answers 503 for an outage and a bare 500 for everything else.
    app.add_exception_handler(sa_exc.SQLAlchemyError, _unexpected_error)
    app.add_exception_handler(ConnectionError, _unexpected_error)
    app.add_exception_handler(Exception, _unexpected_error)
