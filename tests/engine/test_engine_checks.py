"""One check, one behaviour each: what a page or a server does, and what the engine reports."""

from __future__ import annotations

import asyncio
import resource
import socket
import struct
import time
from datetime import UTC, datetime

from engine_targets import CYRILLIC_WORD, StubResolver, check, free_port, raw_server, spec

from webmon.engine import CheckEngine, CheckKind, EngineConfig


async def test_a_page_with_the_word_is_up(target):
    result = await check(target.url("/up"))

    assert result.ok is True
    assert result.kind is None and result.message is None
    assert result.status_code == 200
    assert result.attempts == 1
    assert result.response_time_ms is not None and 0 <= result.response_time_ms < 1000
    assert result.tls_expires_at is None
    assert result.started_at.tzinfo is UTC and result.started_at <= result.checked_at


async def test_timestamps_come_from_the_injected_clock(target):
    ticks = iter([datetime(2030, 1, 1, 12, 0, 0, tzinfo=UTC), datetime(2030, 1, 1, 12, 0, 1, tzinfo=UTC)])

    result = await check(target.url("/up"), engine_kwargs={"clock": lambda: next(ticks)})

    assert result.started_at == datetime(2030, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert result.checked_at == datetime(2030, 1, 1, 12, 0, 1, tzinfo=UTC)


async def test_a_503_is_http_status_with_the_code(target):
    result = await check(target.url("/status/503"))

    assert result.ok is False
    assert result.kind == CheckKind.HTTP_STATUS
    assert result.status_code == 503
    assert result.message == "HTTP 503 Service Unavailable"
    assert result.response_time_ms is not None


async def test_a_page_without_the_word_is_keyword_missing(target):
    result = await check(target.url("/no-word"))

    assert result.kind == CheckKind.KEYWORD_MISSING
    assert result.status_code == 200
    assert result.message == "'Welcome' not found in the page (360 bytes read)"


async def test_the_word_is_case_sensitive(target):
    result = await check(target.url("/up"), "welcome")

    assert result.kind == CheckKind.KEYWORD_MISSING


async def test_an_empty_word_means_any_2xx_page_is_up(target):
    result = await check(target.url("/no-word"), "")

    assert result.ok is True


async def test_a_word_split_across_two_chunks_is_found(target):
    result = await check(target.url("/split-word"))

    assert result.ok is True


async def test_a_cyrillic_word_is_found_on_a_windows_1251_page(target):
    result = await check(target.url("/cp1251"), CYRILLIC_WORD)

    assert result.ok is True


async def test_a_server_that_never_answers_is_a_timeout_within_the_timeout(target):
    began = time.monotonic()
    result = await check(target.url("/hang"), timeout=0.5)

    assert result.kind == CheckKind.TIMEOUT
    assert result.message == "No response within 0.5 s"
    assert result.status_code is None and result.response_time_ms is None
    assert time.monotonic() - began < 1.5


async def test_a_chain_of_three_relative_redirects_is_followed(target):
    result = await check(target.url("/redirect/3"))

    assert result.ok is True
    assert result.status_code == 200


async def test_max_redirects_are_followed_and_one_more_is_too_many(target):
    assert (await check(target.url("/redirect/5"), max_redirects=5)).ok is True

    result = await check(target.url("/redirect/6"), max_redirects=5)

    assert result.kind == CheckKind.TOO_MANY_REDIRECTS
    assert result.status_code == 302


async def test_a_redirect_loop_is_too_many_redirects_and_not_retried(target):
    result = await check(target.url("/loop"), retries=3)

    assert result.kind == CheckKind.TOO_MANY_REDIRECTS
    assert result.message.startswith("More than 5 redirects")
    assert result.attempts == 1


async def test_a_redirect_without_location_is_http_status(target):
    result = await check(target.url("/no-location"))

    assert result.kind == CheckKind.HTTP_STATUS
    assert result.status_code == 302


async def test_a_redirect_to_a_non_http_scheme_is_blocked(target):
    result = await check(target.url("/redirect-to?url=ftp://files.example/x"))

    assert result.kind == CheckKind.BLOCKED
    assert "'ftp:'" in result.message


async def test_an_endless_page_is_body_too_large_after_a_bounded_read(target):
    began = time.monotonic()
    result = await check(target.url("/endless"), max_body_bytes=512 * 1024)

    assert result.kind == CheckKind.BODY_TOO_LARGE
    assert result.message == "'Welcome' not found in the first 512 KiB of the page"
    assert time.monotonic() - began < 2


async def test_a_gzip_bomb_stops_at_the_cap_on_decompressed_bytes_without_blowing_memory(target):
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB, high-water mark
    began = time.monotonic()

    result = await check(target.url("/gzip-bomb"), max_body_bytes=2 * 1024 * 1024)

    assert result.kind == CheckKind.BODY_TOO_LARGE
    assert result.message == "'Welcome' not found in the first 2 MiB of the page"
    assert time.monotonic() - began < 2
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    assert grown_mib < 64  # the page is 1 GiB decompressed


async def test_a_refused_connection_is_connect(target):
    result = await check(f"http://127.0.0.1:{free_port()}/")

    assert result.kind == CheckKind.CONNECT
    assert result.message == "Connection refused"
    assert result.status_code is None and result.response_time_ms is None


async def test_a_name_that_does_not_resolve_is_dns():
    resolver = StubResolver({})

    result = await check("http://nowhere.invalid/", engine_kwargs={"resolver": resolver})

    assert result.kind == CheckKind.DNS
    assert result.message == "DNS lookup failed for nowhere.invalid: Name or service not known"


async def test_a_server_that_closes_without_answering_is_protocol():
    async def hang_up(reader, writer):
        await reader.readuntil(b"\r\n\r\n")

    async with raw_server(hang_up) as server:
        result = await check(server.url())

    assert result.kind == CheckKind.PROTOCOL
    assert result.message == "Server disconnected before a complete response"


async def test_a_malformed_response_is_protocol():
    async def garbage(reader, writer):
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"SMTP READY\r\n\r\n")
        await writer.drain()

    async with raw_server(garbage) as server:
        result = await check(server.url())

    assert result.kind == CheckKind.PROTOCOL
    assert result.message.startswith("Malformed HTTP response")


async def test_a_body_cut_short_is_protocol():
    async def short(reader, writer):
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly this")
        await writer.drain()

    async with raw_server(short) as server:
        result = await check(server.url())

    assert result.kind == CheckKind.PROTOCOL
    assert result.message == (
        "Response body malformed or cut short: "
        "Not enough data to satisfy content length header (received 9 of 1000 bytes)."
    )
    assert result.status_code == 200


async def test_a_connection_reset_before_the_response_is_connect():
    async def reset(reader, writer):
        await reader.readuntil(b"\r\n\r\n")
        writer.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        writer.transport.abort()

    async with raw_server(reset) as server:
        result = await check(server.url())

    assert result.kind == CheckKind.CONNECT
    assert result.message == "Connection reset by peer"


async def test_a_response_with_a_large_header_is_read():
    async def big_header(reader, writer):
        await reader.readuntil(b"\r\n\r\n")
        csp = b"default-src " + b"https://cdn.example " * 1500  # ~30 KB
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Security-Policy: " + csp + b"\r\nContent-Length: 7\r\n\r\nWelcome")
        await writer.drain()

    async with raw_server(big_header) as server:
        result = await check(server.url())

    assert result.ok is True


async def test_an_unexpected_exception_becomes_a_logged_protocol_result_not_a_raise(caplog):
    class BrokenResolver(StubResolver):
        async def resolve(self, host, port=0, family=0):
            raise RuntimeError("boom")

    result = await check("http://broken.example/", engine_kwargs={"resolver": BrokenResolver({})})

    assert result.kind == CheckKind.PROTOCOL
    assert result.message == "Unexpected error: RuntimeError: boom"
    assert any(record.exc_info and record.exc_info[0] is RuntimeError for record in caplog.records)


async def test_a_self_signed_certificate_is_tls_by_default(tls_target):
    result = await check(tls_target.url)

    assert result.kind == CheckKind.TLS
    assert "certificate" in result.message


async def test_a_trusted_certificate_is_up_and_its_expiry_is_recorded(tls_target):
    result = await check(tls_target.url, engine_kwargs={"ssl_context": tls_target.client_context})

    assert result.ok is True
    assert result.tls_expires_at == tls_target.not_after


async def test_the_certificate_expiry_is_recorded_even_when_the_site_is_down(tls_target):
    result = await check(
        tls_target.url.replace("/up", "/503"), engine_kwargs={"ssl_context": tls_target.client_context}
    )

    assert result.kind == CheckKind.HTTP_STATUS
    assert result.tls_expires_at == tls_target.not_after


async def test_cookies_are_not_carried_from_one_check_to_the_next(target):
    async with CheckEngine(EngineConfig(allow_private_targets=True, retries=0)) as engine:
        await engine.check(spec(target.url("/set-cookie")))
        await engine.check(spec(target.url("/cookie-check")))

    assert target.cookies_seen[-1] == ""


async def test_the_configured_user_agent_is_sent(target):
    result = await check(target.url("/user-agent"), "UA=Webmon-test/1", user_agent="Webmon-test/1")

    assert result.ok is True


async def test_start_and_close_are_idempotent(target):
    engine = CheckEngine(EngineConfig(allow_private_targets=True))
    await engine.start()
    await engine.start()
    assert (await engine.check(spec(target.url("/up")))).ok
    await engine.close()
    await engine.close()


async def test_the_engine_works_on_uvloop_too(target, tls_target):
    import uvloop  # production runs uvloop; the other tests run on the default loop

    async def plain_and_tls():
        config = EngineConfig(allow_private_targets=True, retries=0)
        async with CheckEngine(config, ssl_context=tls_target.client_context) as engine:
            return await asyncio.gather(engine.check(spec(target.url("/up"))), engine.check(spec(tls_target.url)))

    plain, tls = await asyncio.to_thread(uvloop.run, plain_and_tls())

    assert plain.ok and tls.ok
    assert tls.tls_expires_at == tls_target.not_after
