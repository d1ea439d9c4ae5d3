"""CheckEngine: one long-lived aiohttp session that checks many websites concurrently."""

from __future__ import annotations

import asyncio
import logging
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from time import perf_counter
from types import TracebackType
from typing import Self, overload

import aiohttp
from aiohttp.abc import AbstractResolver
from yarl import URL

from .body import needles_for_content_type, scan_for
from .errors import classify
from .models import CheckKind, CheckResult, CheckSpec, EngineConfig
from .resolver import AddressPolicy, GuardedResolver
from .ssrf import IPAddress, blocked_reason_for_address, describe_literal, is_localhost_name, literal_ip

log = logging.getLogger(__name__)

_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_HTTP_SCHEMES = frozenset({"http", "https"})
_MAX_HEADER_BYTES = 64 * 1024
NO_RETRY = frozenset({CheckKind.BLOCKED, CheckKind.TOO_MANY_REDIRECTS, CheckKind.TIMEOUT, CheckKind.BODY_TOO_LARGE})
"""Failures that are not retried; see :meth:`CheckEngine.check`."""
MIN_RETRY_SECONDS = 0.25
"""A retry is made only if at least this much of the check's timeout is left for it."""


@dataclass(slots=True)
class Attempt:
    """What one attempt of a check found (a check is one or more attempts; see ``CheckEngine.check``)."""

    kind: CheckKind | None  # None: the site is up
    message: str | None
    status_code: int | None
    tls_expires_at: datetime | None
    elapsed: float  # seconds the attempt took
    started_at: datetime  # wall clock, when the attempt started
    began: float  # perf_counter() when the attempt started: retries count their deadline from it


def utc_now() -> datetime:
    return datetime.now(UTC)


@lru_cache(maxsize=1024)
def _parse_not_after(value: str) -> datetime | None:
    try:
        return datetime.fromtimestamp(ssl.cert_time_to_seconds(value), UTC)
    except ValueError:
        return None


class _Response(aiohttp.ClientResponse):
    """Remembers the peer certificate's notAfter while the connection is surely still open.

    A small page can be read in full along with the headers, and aiohttp then releases (and with
    force_close, closes) the connection before ``session.get`` returns; ``start`` is the one place
    where the transport is always there.
    """

    cert_not_after: str | None = None

    async def start(self, connection: aiohttp.connector.Connection) -> aiohttp.ClientResponse:
        transport = connection.transport
        if transport is not None:
            ssl_object = transport.get_extra_info("ssl_object")
            if ssl_object is not None:
                cert = ssl_object.getpeercert()
                if cert:
                    self.cert_not_after = cert.get("notAfter")
        return await super().start(connection)


def _format_bytes(count: int) -> str:
    if count < 1024:
        return f"{count} bytes"
    for unit, size in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if count >= size:
            return f"{count / size:.1f}".removesuffix(".0") + f" {unit}"
    raise AssertionError  # pragma: no cover


def _format_seconds(seconds: float) -> str:
    return f"{seconds:g} s"


class CheckEngine:
    """Checks websites: one per process, long-lived, owns one ``aiohttp.ClientSession``.

    ``resolver`` replaces aiohttp's default resolver (tests inject a stub). ``ssl_context``
    replaces the default verifying context (tests trust a trustme CA; intranet installs may trust
    their own CA). ``address_policy`` replaces :func:`ssrf.blocked_reason_for_address` as the
    SSRF deny-list (tests allow one loopback address and deny another); it is ignored while
    ``allow_private_targets`` is set. That starts as ``config.allow_private_targets`` and may be
    changed at any time (the administrator's setting reaches the engine this way, re-read every
    few seconds): the next attempt and the next lookup follow it. ``clock`` gives the tz-aware
    UTC timestamps.
    """

    def __init__(
        self,
        config: EngineConfig | None = None,
        *,
        resolver: AbstractResolver | None = None,
        clock: Callable[[], datetime] = utc_now,
        ssl_context: ssl.SSLContext | None = None,
        address_policy: AddressPolicy | None = None,
    ) -> None:
        self.config = config = config or EngineConfig()
        self._resolver = resolver
        self._clock = clock
        self._ssl_context = ssl_context
        self._deny: AddressPolicy = address_policy or blocked_reason_for_address
        self._allow_private = config.allow_private_targets
        self._slots = asyncio.Semaphore(config.concurrency)
        self._session: aiohttp.ClientSession | None = None
        self._owned_resolver: AbstractResolver | None = None
        self._max_hop = config.max_redirects
        self._cap = config.max_body_bytes

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        """Create the session. Call from the event loop that will run the checks."""
        if self._session is not None:
            return
        config = self.config
        resolver = self._resolver
        owns_resolver = resolver is None
        if resolver is None:
            resolver = aiohttp.DefaultResolver()
        # Always guarded, so allowing private targets later is a flag, not a new session.
        resolver = GuardedResolver(resolver, self._address_policy, owns_inner=owns_resolver)
        owns_resolver = True
        self._owned_resolver = resolver if owns_resolver else None
        connector = aiohttp.TCPConnector(
            limit=0,  # self._slots bounds attempts in flight; each holds at most one connection
            force_close=True,  # a new TCP connection per check, as a visitor would open
            resolver=resolver,
            use_dns_cache=config.dns_cache_ttl > 0,
            ttl_dns_cache=config.dns_cache_ttl or None,
            ssl=self._ssl_context if self._ssl_context is not None else True,
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            cookie_jar=aiohttp.DummyCookieJar(),  # no cookies carried from one site to another
            headers={
                "User-Agent": config.user_agent,
                "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
            },
            timeout=aiohttp.ClientTimeout(total=None),  # asyncio.timeout bounds each attempt
            response_class=_Response,
            trust_env=False,
            auto_decompress=True,
            # Real sites send big CSP / Set-Cookie headers; aiohttp's 8 KiB default would make
            # them PROTOCOL failures although every browser loads them.
            max_line_size=_MAX_HEADER_BYTES,
            max_field_size=_MAX_HEADER_BYTES,
            max_headers=256,
        )

    @property
    def allow_private_targets(self) -> bool:
        return self._allow_private

    @allow_private_targets.setter
    def allow_private_targets(self, allowed: bool) -> None:
        if allowed == self._allow_private:
            return
        self._allow_private = allowed
        if self._session is not None and not allowed:
            # Names resolved while private addresses were allowed must be looked up (and
            # filtered) again, not dialled from aiohttp's DNS cache.
            connector = self._session.connector
            if isinstance(connector, aiohttp.TCPConnector):
                connector.clear_dns_cache()

    def _address_policy(self, ip: IPAddress) -> str | None:
        return None if self._allow_private else self._deny(ip)

    async def close(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            await session.close()  # closes the connector; it does not close a resolver it was given
        resolver, self._owned_resolver = self._owned_resolver, None
        if resolver is not None:
            await resolver.close()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    # -- checks ----------------------------------------------------------------------------

    async def check(self, spec: CheckSpec) -> CheckResult:
        """Check one website; a failure is a result, never an exception.

        The spec's ``timeout`` bounds the whole check, retries included, from the moment its
        first attempt starts: a failed attempt is retried up to ``config.retries`` times after
        sleeping ``retry_backoff * 2**n`` seconds (0.5, 1, 2 by default), but only while the retry
        can start with at least ``MIN_RETRY_SECONDS`` of the timeout left, and each retry may use
        only what is left, including any wait for a free slot. So a check never outlasts its
        timeout (counted from when its first attempt got a slot), whatever the site does. The
        concurrency slot is held only while an attempt runs, never during the sleep. Not
        retried, because another try cannot help or costs too much:

        * BLOCKED and TOO_MANY_REDIRECTS are deterministic;
        * BODY_TOO_LARGE is too: the page is over the cap, and another try reads the cap again;
        * TIMEOUT already spent the whole timeout.

        Everything else (DNS, CONNECT, TLS, HTTP_STATUS, KEYWORD_MISSING, PROTOCOL) is retried:
        those are often transient (a deploy, a flapping backend, a dropped connection), and a site
        is reported down only if it is down on every attempt.
        Cancellation (``CancelledError``) is not a check failure and propagates.
        """
        self._require_started()
        return await self._finish(spec, 1, await self._attempt_in_slot(spec))

    def _require_started(self) -> None:
        if self._session is None:
            raise RuntimeError("CheckEngine.start() has not been called")

    def _should_retry(self, outcome: Attempt, attempts: int) -> bool:
        kind = outcome.kind
        return kind is not None and attempts <= self.config.retries and kind not in NO_RETRY

    async def _finish(self, spec: CheckSpec, attempts: int, first: Attempt) -> CheckResult:
        """Retry after the first ``attempts`` (the last of which gave ``first``) while it may help
        and the check's timeout allows."""
        # From when the first attempt started: a retry task may start a while after it ended.
        deadline = first.began + spec.timeout
        last = first
        while self._should_retry(last, attempts):
            pause = self.config.retry_backoff * (1 << (attempts - 1))
            if perf_counter() + pause + MIN_RETRY_SECONDS > deadline:
                break
            await asyncio.sleep(pause)
            outcome = await self._attempt_in_slot(spec, deadline=deadline)
            if outcome is None:  # the wait for a free slot used up what was left
                break
            last = outcome
            attempts += 1
        return self._result(spec, attempts, last, first.started_at)

    def _result(self, spec: CheckSpec, attempts: int, outcome: Attempt, started_at: datetime) -> CheckResult:
        status = outcome.status_code
        return CheckResult(
            website_id=spec.website_id,
            ok=outcome.kind is None,
            kind=outcome.kind,
            message=outcome.message,
            status_code=status,
            response_time_ms=round(outcome.elapsed * 1000) if status is not None else None,
            started_at=started_at,
            checked_at=self._clock(),
            attempts=attempts,
            tls_expires_at=outcome.tls_expires_at,
        )

    @overload
    async def _attempt_in_slot(self, spec: CheckSpec) -> Attempt: ...
    @overload
    async def _attempt_in_slot(self, spec: CheckSpec, *, deadline: float) -> Attempt | None: ...

    async def _attempt_in_slot(self, spec: CheckSpec, *, deadline: float | None = None) -> Attempt | None:
        """One attempt once a concurrency slot is free, bounded by ``spec.timeout`` or, for a
        retry, by what is left until ``deadline`` (None if too little is left by the time a slot
        is free: a retry does not wait for one past its check's deadline)."""
        if deadline is None:
            await self._slots.acquire()
        else:
            try:
                async with asyncio.timeout(deadline - MIN_RETRY_SECONDS - perf_counter()):
                    await self._slots.acquire()
            except TimeoutError:
                return None
        try:
            began = perf_counter()
            if deadline is None:
                limit = spec.timeout
            elif (limit := deadline - began) < MIN_RETRY_SECONDS:
                return None
            began_at = self._clock()
            try:
                kind, message, status, tls_expires_at = await self._attempt(spec, limit)
            except Exception as exc:  # a bug, not a check failure: still a result
                log.exception("check of website %s raised", spec.website_id)
                kind, message, status, tls_expires_at = (
                    CheckKind.PROTOCOL,
                    f"Unexpected error: {type(exc).__name__}: {exc}",
                    None,
                    None,
                )
            return Attempt(
                kind=kind,
                message=message,
                status_code=status,
                tls_expires_at=tls_expires_at,
                elapsed=perf_counter() - began,
                started_at=began_at,
                began=began,
            )
        finally:
            self._slots.release()

    def _hop_blocked(self, url: URL) -> str | None:
        """Static SSRF check of one hop: literal IPs (any spelling) and localhost names."""
        host = url.raw_host
        if not host:
            return "The URL has no host"
        if is_localhost_name(host):
            return f"{host} points at the monitoring server itself"
        ip = literal_ip(host)
        if ip is not None:
            reason = self._deny(ip)
            if reason is not None:
                return describe_literal(host, ip, reason)
        return None

    def _timeout_message(self, timeout: float, status: int | None) -> str:
        if status is not None:
            return f"HTTP {status} received, but the page was not read within {_format_seconds(timeout)}"
        return f"No response within {_format_seconds(timeout)}"

    async def _attempt(
        self, spec: CheckSpec, limit: float
    ) -> tuple[CheckKind | None, str | None, int | None, datetime | None]:
        """One attempt: GET with manual redirects, all of it bounded by ``limit`` seconds (the
        spec's timeout, or what a retry has left of it)."""
        session = self._session
        assert session is not None
        status: int | None = None
        tls_expires_at: datetime | None = None
        try:
            url = URL(spec.url)
        except (ValueError, TypeError):
            return CheckKind.PROTOCOL, f"Invalid URL: {spec.url!r}", None, None
        try:
            async with asyncio.timeout(limit):
                hop = 0
                while True:
                    status = tls_expires_at = None  # *this* hop's, if a response arrives
                    if url.scheme not in _HTTP_SCHEMES:
                        message = f"Unsupported URL scheme {url.scheme + ':'!r} (only http and https are followed)"
                        return CheckKind.BLOCKED, message, status, None
                    if not self._allow_private and (reason := self._hop_blocked(url)):
                        return CheckKind.BLOCKED, reason, status, None
                    async with session.get(url, allow_redirects=False) as resp:
                        status = resp.status
                        not_after = resp.cert_not_after  # type: ignore[attr-defined]
                        tls_expires_at = _parse_not_after(not_after) if not_after else None
                        if status in _REDIRECT_STATUSES and (location := resp.headers.get("Location")):
                            if hop >= self._max_hop:
                                message = f"More than {self._max_hop} redirects (last to {location[:200]})"
                                return CheckKind.TOO_MANY_REDIRECTS, message, status, tls_expires_at
                            try:
                                url = url.join(URL(location)).with_fragment(None)
                            except (ValueError, TypeError):
                                message = f"Invalid redirect Location {location[:200]!r}"
                                return CheckKind.PROTOCOL, message, status, tls_expires_at
                            hop += 1
                            continue
                        if not 200 <= status < 300:
                            reason = resp.reason
                            status_text = f"HTTP {status} {reason[:100]}" if reason else f"HTTP {status}"
                            return CheckKind.HTTP_STATUS, status_text, status, tls_expires_at
                        page_kind, page_message = await self._read_page(resp, spec.valid_word)
                        return page_kind, page_message, status, tls_expires_at
        except TimeoutError:
            return CheckKind.TIMEOUT, self._timeout_message(spec.timeout, status), status, tls_expires_at
        except Exception as exc:
            kind, message = classify(exc)
            return kind, message, status, tls_expires_at

    async def _read_page(self, resp: aiohttp.ClientResponse, word: str) -> tuple[CheckKind | None, str | None]:
        """Judge a 2xx page: stream it until the word is found, the page ends or the cap is hit."""
        if not word:
            return None, None
        needles = needles_for_content_type(word, resp.headers.get("Content-Type"))
        found, read, capped = await scan_for(resp.content, needles, self._cap)
        if found:
            return None, None
        if capped:
            return CheckKind.BODY_TOO_LARGE, f"{word!r} not found in the first {_format_bytes(self._cap)} of the page"
        return CheckKind.KEYWORD_MISSING, f"{word!r} not found in the page ({_format_bytes(read)} read)"
