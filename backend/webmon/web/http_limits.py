"""Limits on what a client may make uvicorn hold, for `webmon serve` and `webmon api`, which may
face the internet without a proxy in front.

- The request line and headers together: at most WEBMON_MAX_HEADER_BYTES (64 KiB; Nginx allows
  32 KiB, Node.js 16 KiB), else `431 Request Header Fields Too Large` and the connection closed.
  httptools (what uvicorn runs when it is installed, as uvicorn[standard] does) has no limit of
  its own: a 100 MB header was read whole into memory.
- The whole request, headers and body: within WEBMON_REQUEST_READ_TIMEOUT seconds (30) of its
  first byte (or of the connection, for the first request), else `408 Request Timeout` (or, once
  the app has the headers, the connection is closed and the app sees the client go). A client that
  sends part of a request and stalls held its connection open indefinitely. Time spent by the app
  on a complete request, or on a long response, is not limited here; an idle connection between
  requests is closed by uvicorn's own keep-alive timeout (5 s).
"""

from __future__ import annotations

import functools
from typing import Any

from webmon.config import Settings


def _response(status: bytes, text: bytes) -> bytes:
    return (
        b"HTTP/1.1 " + status + b"\r\ncontent-type: text/plain; charset=utf-8\r\n"
        b"content-length: " + str(len(text)).encode() + b"\r\nconnection: close\r\n\r\n" + text
    )


TOO_LARGE = _response(b"431 Request Header Fields Too Large", b"Request header fields are too large.\n")
TIMED_OUT = _response(b"408 Request Timeout", b"The request took too long to arrive.\n")


def server_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments for `uvicorn.run`."""
    options: dict[str, Any] = {"h11_max_incomplete_event_size": settings.max_header_bytes}
    try:
        from webmon.web.limited_httptools import LimitedHttpToolsProtocol
    except ImportError:  # no httptools: h11 limits the headers itself (no read timeout there)
        options["http"] = "h11"
        return options
    # A partial of a module-level class: `webmon api --workers N` pickles it for each worker.
    options["http"] = functools.partial(
        LimitedHttpToolsProtocol,
        max_header_bytes=settings.max_header_bytes,
        read_timeout=settings.request_read_timeout,
    )
    return options
