"""Turning an exception from one attempt into a (CheckKind, message) pair. Never raises."""

from __future__ import annotations

import errno
import logging
import ssl

import aiohttp

from .models import CheckKind
from .resolver import BlockedAddressError

log = logging.getLogger(__name__)

_CONNECT_MESSAGES = {
    errno.ECONNREFUSED: "Connection refused",
    errno.ECONNRESET: "Connection reset by peer",
    errno.ECONNABORTED: "Connection aborted",
    errno.EHOSTUNREACH: "Host unreachable",
    errno.ENETUNREACH: "Network unreachable",
    errno.EHOSTDOWN: "Host is down",
    errno.ENETDOWN: "Network is down",
    errno.EPIPE: "Connection closed by peer (broken pipe)",
    errno.EADDRNOTAVAIL: "Cannot assign a local address (out of ports?)",
    errno.ETIMEDOUT: "Connection timed out",
}


def _os_message(exc: BaseException | None, fallback: str) -> str:
    if isinstance(exc, OSError):
        if exc.errno in _CONNECT_MESSAGES:
            return _CONNECT_MESSAGES[exc.errno]
        if exc.strerror:
            return str(exc.strerror)
    text = str(exc) if exc is not None else ""
    return text or fallback


def _tls_message(exc: BaseException) -> str:
    cert_error = getattr(exc, "certificate_error", None)
    if cert_error is not None:
        detail = getattr(cert_error, "verify_message", None) or getattr(cert_error, "reason", None)
        return f"TLS certificate error: {detail or cert_error}"
    cause = getattr(exc, "os_error", exc)
    detail = getattr(cause, "reason", None) or getattr(cause, "strerror", None) or str(cause)
    return f"TLS handshake failed: {detail}"


def classify(exc: Exception) -> tuple[CheckKind, str]:
    """Map an exception raised while fetching to a failure kind and a human message."""
    if isinstance(exc, aiohttp.ClientConnectorDNSError):
        cause = exc.os_error
        if isinstance(cause, BlockedAddressError):
            return CheckKind.BLOCKED, cause.message
        return CheckKind.DNS, f"DNS lookup failed for {exc.host}: {_os_message(cause, 'no address')}"
    if isinstance(exc, aiohttp.ClientSSLError | ssl.SSLError | ssl.CertificateError):
        return CheckKind.TLS, _tls_message(exc)
    if isinstance(exc, aiohttp.ClientConnectorError):
        return CheckKind.CONNECT, _os_message(exc.os_error, "Cannot connect")
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return CheckKind.PROTOCOL, "Server disconnected before a complete response"
    if isinstance(exc, TimeoutError):
        return CheckKind.TIMEOUT, "Timed out"
    if isinstance(exc, aiohttp.InvalidURL):
        return CheckKind.PROTOCOL, f"Invalid URL: {exc}"
    if isinstance(exc, aiohttp.ClientResponseError):  # unparsable status line or headers
        return CheckKind.PROTOCOL, f"Malformed HTTP response: {exc.message}"
    if isinstance(exc, aiohttp.ClientPayloadError):
        payload_cause: BaseException = exc.__cause__ or exc
        detail = getattr(payload_cause, "message", None)
        if not isinstance(detail, str):
            detail = str(payload_cause)
        return CheckKind.PROTOCOL, f"Response body malformed or cut short: {detail}"
    if isinstance(exc, ConnectionError | aiohttp.ClientOSError):
        return CheckKind.CONNECT, _os_message(exc, "Connection error")
    if isinstance(exc, aiohttp.ClientError):
        return CheckKind.PROTOCOL, f"{type(exc).__name__}: {exc}"
    log.warning("unexpected error during a check", exc_info=exc)
    return CheckKind.PROTOCOL, f"Unexpected error: {type(exc).__name__}: {exc}"
