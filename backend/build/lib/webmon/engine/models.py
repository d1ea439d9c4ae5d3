"""The engine's vocabulary: what to check (CheckSpec), how (EngineConfig), what happened (CheckResult)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class CheckKind(StrEnum):
    """Why a check failed. Stored as the upper-case name."""

    DNS = "DNS"  # the name does not resolve
    CONNECT = "CONNECT"  # connection refused, reset or unreachable
    TLS = "TLS"  # certificate or handshake error
    TIMEOUT = "TIMEOUT"  # no complete answer within the spec's timeout
    HTTP_STATUS = "HTTP_STATUS"  # final status is not 2xx
    KEYWORD_MISSING = "KEYWORD_MISSING"  # 2xx, whole page read, the word is not in it
    TOO_MANY_REDIRECTS = "TOO_MANY_REDIRECTS"  # more than EngineConfig.max_redirects hops
    BODY_TOO_LARGE = "BODY_TOO_LARGE"  # the word is not in the first max_body_bytes of the page
    BLOCKED = "BLOCKED"  # refused by policy: private address (SSRF guard), non-http(s) redirect
    PROTOCOL = "PROTOCOL"  # malformed response, server disconnected mid-response, other errors


@dataclass(frozen=True, slots=True)
class CheckSpec:
    """Everything the engine needs to check one website.

    New check rules (status codes, regex, headers, keep-alive...) become fields here.
    """

    website_id: int
    url: str
    valid_word: str  # case-sensitive; "" means "any 2xx page is UP" (the body is not read)
    timeout: float  # seconds; bounds one attempt as a whole: connect, every redirect hop, reading


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The outcome of one check (all its attempts).

    ``response_time_ms`` is the duration of the final attempt, from its start until the word was
    found, the body was done or an error response arrived. It is set only when the final attempt
    got an HTTP response (``status_code`` is not None), so DNS/CONNECT/TLS/BLOCKED failures and
    timeouts before any response do not plot as response times.

    ``tls_expires_at`` is recorded whenever the final hop is https and answered, also when the
    check fails for another reason (a 503 still tells when the certificate expires). It is None
    for a TLS failure: an unverified certificate's date is not trusted.
    """

    website_id: int
    ok: bool  # True = UP: final status 2xx and valid_word found
    kind: CheckKind | None  # None when ok
    message: str | None  # human readable; None when ok
    status_code: int | None  # final HTTP status if any response arrived
    response_time_ms: int | None
    started_at: datetime  # tz-aware UTC, when the first attempt began
    checked_at: datetime  # tz-aware UTC, when the check finished
    attempts: int  # 1..retries+1
    tls_expires_at: datetime | None  # https only: notAfter of the final hop's verified peer certificate


@dataclass(frozen=True, slots=True)
class EngineConfig:
    """How the engine behaves, for every check of a process. Plain data, built from settings."""

    max_body_bytes: int = 2 * 1024 * 1024  # stop reading a page after this many (decompressed) bytes
    max_redirects: int = 5  # redirects followed; one more is TOO_MANY_REDIRECTS
    concurrency: int = 500  # attempts in flight at once per engine (process)
    retries: int = 3  # retries after the first attempt
    retry_backoff: float = 0.5  # seconds before retry n (0-based) = retry_backoff * 2**n
    allow_private_targets: bool = False  # True lifts the SSRF guard (tests, intranet installs)
    user_agent: str = "Mozilla/5.0 (compatible; Webmon/0.1; self-hosted uptime monitor)"
    dns_cache_ttl: int = 10  # seconds aiohttp caches a name's (filtered) addresses; 0 = no cache

    def __post_init__(self) -> None:
        if self.max_body_bytes < 1:
            raise ValueError("max_body_bytes must be at least 1")
        if self.max_redirects < 0:
            raise ValueError("max_redirects must be >= 0")
        if self.concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        if self.retries < 0:
            raise ValueError("retries must be >= 0")
        if self.retry_backoff < 0:
            raise ValueError("retry_backoff must be >= 0")
