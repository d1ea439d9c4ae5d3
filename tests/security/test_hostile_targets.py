"""Websites that attack the monitor: a slow-loris, an endless body, a redirect loop, a 10 MB page
without the word, invalid UTF-8, a gzip bomb. Each check ends within its timeout + 1 s, the engine
takes at most the body cap from the page, and 1,000 such checks leave the process's memory where
it was (< 50 MB growth), at the engine level (`webmon.engine.CheckEngine`, as the workers run it,
with the product's retries: up to 3, with backoff, within the check's timeout).
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
import zlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import aiohttp
import pytest
from aiohttp import web

from webmon.engine import CheckEngine, CheckKind, CheckSpec, EngineConfig

WORD = "Welcome"
CAP = 256 * 1024  # a smaller body cap than production's 2 MiB keeps 1,000 checks quick
TIMEOUT = 2.0
BLOCK = b"z" * 65536


def _gzip_bomb_parts() -> tuple[bytes, bytes]:
    """A gzip stream of zeros: each 1 MiB costs ~1 KB on the wire."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1 << 20)
    head = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    return head, compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)


async def _write_forever(request: web.Request, response: web.StreamResponse, chunks) -> web.StreamResponse:  # type: ignore[no-untyped-def]
    await response.prepare(request)
    try:
        for chunk in chunks:
            await response.write(chunk)
    except (ConnectionError, RuntimeError):
        pass  # the monitor hung up, as it should
    return response


def _hostile_app() -> web.Application:
    bomb_head, bomb_more = _gzip_bomb_parts()
    routes = web.RouteTableDef()

    @routes.get("/endless")
    async def endless(request: web.Request) -> web.StreamResponse:
        def forever():  # type: ignore[no-untyped-def]
            while True:
                yield BLOCK

        return await _write_forever(request, web.StreamResponse(headers={"Content-Type": "text/html"}), forever())

    @routes.get("/ten-megabytes")
    async def ten_megabytes(request: web.Request) -> web.Response:
        return web.Response(body=b"x" * (10 * 1024 * 1024), content_type="text/html")

    @routes.get("/gzip-bomb")
    async def gzip_bomb(request: web.Request) -> web.StreamResponse:
        headers = {"Content-Type": "text/html", "Content-Encoding": "gzip"}
        return await _write_forever(request, web.StreamResponse(headers=headers), [bomb_head, *[bomb_more] * 1023])

    @routes.get("/loop")
    async def loop(request: web.Request) -> web.Response:
        raise web.HTTPFound(f"/loop?n={int(request.query.get('n', '0')) + 1}")

    @routes.get("/invalid-utf8")
    async def invalid_utf8(request: web.Request) -> web.Response:
        body = b"\xff\xfe\xc3\x28 broken \xa0\xa1 " + WORD.encode() + b" \xf0\x28\x8c\xbc"
        return web.Response(body=body, headers={"Content-Type": "text/html; charset=utf-8"})

    @routes.get("/invalid-utf8-no-word")
    async def invalid_utf8_no_word(request: web.Request) -> web.Response:
        return web.Response(body=b"\xff\xfe\xc3\x28" * 5000, headers={"Content-Type": "text/html; charset=utf-8"})

    @routes.get("/slow-body")
    async def slow_body(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        try:
            for _ in range(600):  # a byte every 0.1 s, the word never comes
                await response.write(b".")
                await asyncio.sleep(0.1)
        except (ConnectionError, RuntimeError):
            pass
        return response

    app = web.Application()
    app.add_routes(routes)
    return app


@dataclass
class Hostile:
    base: str
    loris_url: str
    bad_header_url: str

    def url(self, path: str) -> str:
        return self.base + path


async def _slow_loris(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Answers a header byte every 0.1 s, forever: the headers never end."""
    await reader.readuntil(b"\r\n\r\n")
    writer.write(b"HTTP/1.1 200 OK\r\n")
    try:
        for _ in range(600):
            writer.write(b"X")
            await writer.drain()
            await asyncio.sleep(0.1)
    except ConnectionError:
        pass
    writer.close()


async def _bad_header(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    """Headers with invalid UTF-8 and a Location that is not a URL."""
    await reader.readuntil(b"\r\n\r\n")
    writer.write(
        b"HTTP/1.1 302 \xff\xfe Found\r\nLocation: http://\xff\xfe/\xc3\x28\r\nX-Junk: \xf0\x28\r\nContent-Length: 0\r\n\r\n"
    )
    await writer.drain()
    writer.close()


@pytest.fixture(scope="module")
async def hostile() -> AsyncIterator[Hostile]:
    runner = web.AppRunner(_hostile_app(), handler_cancellation=True, shutdown_timeout=0.1, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    loris = await asyncio.start_server(_slow_loris, "127.0.0.1", 0)
    bad = await asyncio.start_server(_bad_header, "127.0.0.1", 0)
    yield Hostile(
        base=f"http://127.0.0.1:{port}",
        loris_url=f"http://127.0.0.1:{loris.sockets[0].getsockname()[1]}/",
        bad_header_url=f"http://127.0.0.1:{bad.sockets[0].getsockname()[1]}/",
    )
    for server in (loris, bad):
        server.close()
    await runner.cleanup()


@pytest.fixture
def taken(monkeypatch) -> list[int]:
    """Bytes aiohttp handed the engine, per read: what the engine took from the page."""
    sizes: list[int] = []
    original = aiohttp.StreamReader.readany

    async def counting(self):  # type: ignore[no-untyped-def]
        chunk = await original(self)
        sizes.append(len(chunk))
        return chunk

    monkeypatch.setattr(aiohttp.StreamReader, "readany", counting)
    return sizes


def engine(**config: object) -> CheckEngine:
    values = {"allow_private_targets": True, "max_body_bytes": CAP} | config  # the product's retries
    return CheckEngine(EngineConfig(**values))  # type: ignore[arg-type]


async def timed_check(url: str, **config: object):  # type: ignore[no-untyped-def]
    async with engine(**config) as checker:
        started = time.monotonic()
        result = await checker.check(CheckSpec(website_id=1, url=url, valid_word=WORD, timeout=TIMEOUT))
        return result, time.monotonic() - started


async def test_a_slow_loris_that_never_ends_its_headers_times_out_on_time(hostile):
    result, elapsed = await timed_check(hostile.loris_url)

    assert result.kind == CheckKind.TIMEOUT
    assert TIMEOUT - 0.1 <= elapsed <= TIMEOUT + 1


async def test_a_body_that_trickles_without_the_word_times_out_on_time(hostile):
    result, elapsed = await timed_check(hostile.url("/slow-body"))

    assert result.kind == CheckKind.TIMEOUT
    assert result.status_code == 200
    assert elapsed <= TIMEOUT + 1


@pytest.mark.parametrize("path", ["/endless", "/ten-megabytes", "/gzip-bomb"])
async def test_a_huge_page_without_the_word_is_read_only_up_to_the_cap(hostile, taken, path):
    result, elapsed = await timed_check(hostile.url(path))

    assert result.kind == CheckKind.BODY_TOO_LARGE
    assert elapsed <= TIMEOUT + 1
    # The engine stops at the cap; the last read may carry the rest of one chunk beyond it.
    assert sum(taken) - taken[-1] < CAP <= sum(taken)
    assert max(taken) <= 1024 * 1024


async def test_a_page_over_the_cap_is_read_once_not_again_on_retries(hostile, taken):
    result, _ = await timed_check(hostile.url("/ten-megabytes"))

    assert result.attempts == 1
    assert sum(taken) < CAP + 1024 * 1024


async def test_retries_of_a_failing_page_still_end_within_the_timeout(hostile):
    result, elapsed = await timed_check(hostile.url("/invalid-utf8-no-word"))

    assert result.kind == CheckKind.KEYWORD_MISSING
    assert result.attempts == 3  # at 0, 0.5 and 1.5 s; a fourth would start at 3.5 s, past 2 s
    assert elapsed <= TIMEOUT + 1


async def test_a_redirect_loop_stops_after_five_hops(hostile):
    result, elapsed = await timed_check(hostile.url("/loop"))

    assert result.kind == CheckKind.TOO_MANY_REDIRECTS
    assert elapsed <= TIMEOUT + 1


async def test_invalid_utf8_around_the_word_still_finds_it(hostile):
    result, _ = await timed_check(hostile.url("/invalid-utf8"))

    assert result.ok is True


async def test_invalid_utf8_without_the_word_is_keyword_missing(hostile):
    result, _ = await timed_check(hostile.url("/invalid-utf8-no-word"))

    assert result.kind == CheckKind.KEYWORD_MISSING


async def test_invalid_bytes_in_the_headers_are_a_result_not_a_crash(hostile):
    result, elapsed = await timed_check(hostile.bad_header_url)

    assert result.ok is False
    assert result.kind in {CheckKind.PROTOCOL, CheckKind.BLOCKED, CheckKind.CONNECT}
    assert elapsed <= TIMEOUT + 1


HOSTILE_MIX = {
    "/endless": CheckKind.BODY_TOO_LARGE,
    "/ten-megabytes": CheckKind.BODY_TOO_LARGE,
    "/gzip-bomb": CheckKind.BODY_TOO_LARGE,
    "/loop": CheckKind.TOO_MANY_REDIRECTS,
    "/invalid-utf8": None,
    "/invalid-utf8-no-word": CheckKind.KEYWORD_MISSING,
}


async def test_a_thousand_hostile_checks_end_on_time_and_leave_memory_where_it_was(hostile):
    paths = list(HOSTILE_MIX)
    urls = [hostile.url(paths[n % len(paths)]) for n in range(1000)] + [hostile.loris_url] * 50
    expected = [HOSTILE_MIX.get(url.removeprefix(hostile.base), CheckKind.TIMEOUT) for url in urls]
    job = {"urls": urls, "word": WORD, "timeout": TIMEOUT, "cap": CAP, "concurrency": 50}
    started = time.monotonic()

    # The checks run in a process of their own: this one also serves the hostile pages.
    worker = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.security.hostile_worker",
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    output, _ = await worker.communicate(json.dumps(job).encode())
    report = json.loads(output)

    print(f"\n1,050 hostile checks in {time.monotonic() - started:.1f} s, RSS growth {report['growth'] / 1e6:.1f} MB")
    assert [CheckKind(kind) if kind else None for kind in report["kinds"]] == expected
    assert report["longest"] <= TIMEOUT + 1, (report["longest_by_kind"], report["attempts_of_longest"])
    assert report["growth"] < 50 * 1024 * 1024
