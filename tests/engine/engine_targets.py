"""Local target servers and helpers for the engine tests: real sockets on 127.0.0.1 (and 127.0.0.2), no internet."""

from __future__ import annotations

import asyncio
import socket
import ssl
import zlib
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
import trustme
from aiohttp import web
from aiohttp.abc import AbstractResolver, ResolveResult

from webmon.engine import CheckEngine, CheckResult, CheckSpec, EngineConfig

WORD = "Welcome"
UP_PAGE = b"<html><body><h1>Welcome to the site</h1></body></html>"
CYRILLIC_WORD = "Добро пожаловать"


# -- the main target: one aiohttp.web app with a route per behaviour --------------------------


@dataclass
class Target:
    base: str  # http://127.0.0.1:PORT
    alt_base: str  # the same app on http://127.0.0.2:PORT2
    alt_port: int
    hits: Counter = field(default_factory=Counter)  # flaky route: requests per key
    in_flight: int = 0
    max_in_flight: int = 0
    cookies_seen: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return self.base + path


def _gzip_bomb() -> tuple[bytes, bytes]:
    """(gzip header + first MiB, one more MiB): each 1 MiB of zeros compresses to ~1 KB."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1 << 20)
    first = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    more = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    return first, more


def _make_app(target: Target) -> web.Application:
    routes = web.RouteTableDef()
    bomb = _gzip_bomb()

    @routes.get("/up")
    async def up(request: web.Request) -> web.Response:
        return web.Response(body=UP_PAGE, content_type="text/html")

    @routes.get("/status/{code}")
    async def status(request: web.Request) -> web.Response:
        return web.Response(status=int(request.match_info["code"]), text="nope " + WORD)

    @routes.get("/no-word")
    async def no_word(request: web.Request) -> web.Response:
        return web.Response(text="<html>Maintenance in progress</html>" * 10, content_type="text/html")

    @routes.get("/split-word")
    async def split_word(request: web.Request) -> web.StreamResponse:
        # Chunked transfer encoding: the client's stream gets each HTTP chunk as its own piece.
        response = web.StreamResponse()
        response.enable_chunked_encoding()
        await response.prepare(request)
        await response.write(b"<html>" + b"x" * 3000 + b"Wel")
        await asyncio.sleep(0.05)
        await response.write(b"come" + b"y" * 3000 + b"</html>")
        await response.write_eof()
        return response

    @routes.get("/cp1251")
    async def cp1251(request: web.Request) -> web.Response:
        body = f"<html><h1>{CYRILLIC_WORD}!</h1></html>".encode("cp1251")
        return web.Response(body=body, headers={"Content-Type": "text/html; charset=windows-1251"})

    @routes.get("/hang")
    async def hang(request: web.Request) -> web.Response:
        await asyncio.sleep(30)
        return web.Response(text=WORD)

    @routes.get("/slow")
    async def slow(request: web.Request) -> web.Response:
        target.in_flight += 1
        target.max_in_flight = max(target.max_in_flight, target.in_flight)
        try:
            await asyncio.sleep(float(request.query.get("delay", "0.1")))
        finally:
            target.in_flight -= 1
        return web.Response(text=WORD)

    @routes.get("/redirect/{n}")
    async def redirect(request: web.Request) -> web.Response:
        n = int(request.match_info["n"])
        # Relative Location ("2" from /redirect/3 means /redirect/2); the last one is absolute-path.
        raise web.HTTPFound(str(n - 1) if n > 1 else "/up")

    @routes.get("/loop")
    async def loop(request: web.Request) -> web.Response:
        raise web.HTTPFound("/loop")

    @routes.get("/redirect-to")
    async def redirect_to(request: web.Request) -> web.Response:
        raise web.HTTPFound(request.query["url"])

    @routes.get("/no-location")
    async def no_location(request: web.Request) -> web.Response:
        return web.Response(status=302, text=WORD)

    @routes.get("/endless")
    async def endless(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse(headers={"Content-Type": "text/html"})
        await response.prepare(request)
        block = b"z" * 65536
        try:
            while True:
                await response.write(block)
        except (ConnectionError, RuntimeError):
            pass
        return response

    @routes.get("/gzip-bomb")
    async def gzip_bomb(request: web.Request) -> web.StreamResponse:
        # 1 GiB of zeros in ~1 MB of gzip; never finishes.
        response = web.StreamResponse(headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})
        await response.prepare(request)
        first, more = bomb
        try:
            await response.write(first)
            for _ in range(1023):
                await response.write(more)
            await asyncio.sleep(10)
        except (ConnectionError, RuntimeError):
            pass
        return response

    @routes.get("/flaky")
    async def flaky(request: web.Request) -> web.Response:
        key = request.query["key"]
        target.hits[key] += 1
        if target.hits[key] <= int(request.query["fail"]):
            return web.Response(status=503, text="down")
        return web.Response(text=WORD)

    @routes.get("/fail-then-hang")
    async def fail_then_hang(request: web.Request) -> web.Response:
        key = request.query["key"]
        target.hits[key] += 1
        if target.hits[key] == 1:
            return web.Response(status=503, text="down")
        await asyncio.sleep(30)
        return web.Response(text=WORD)

    @routes.get("/set-cookie")
    async def set_cookie(request: web.Request) -> web.Response:
        response = web.Response(text=WORD)
        response.set_cookie("session", "secret", path="/")
        return response

    @routes.get("/cookie-check")
    async def cookie_check(request: web.Request) -> web.Response:
        target.cookies_seen.append(request.headers.get("Cookie", ""))
        return web.Response(text=WORD)

    @routes.get("/user-agent")
    async def user_agent(request: web.Request) -> web.Response:
        return web.Response(text=f"UA={request.headers.get('User-Agent')}")

    app = web.Application()
    app.add_routes(routes)
    return app


@pytest.fixture(scope="session")
async def target() -> AsyncIterator[Target]:
    target = Target(base="", alt_base="", alt_port=0)
    runner = web.AppRunner(_make_app(target), handler_cancellation=True, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    alt_site = web.TCPSite(runner, "127.0.0.2", 0)
    await site.start()
    await alt_site.start()
    target.base = f"http://127.0.0.1:{_port(site)}"
    target.alt_port = _port(alt_site)
    target.alt_base = f"http://127.0.0.2:{target.alt_port}"
    yield target
    await runner.cleanup()


def _port(site: web.TCPSite) -> int:
    return site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]


# -- raw servers ----------------------------------------------------------------------------------


@dataclass
class RawServer:
    port: int
    connections: int = 0

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


@asynccontextmanager
async def raw_server(
    reply: Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]] | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
) -> AsyncIterator[RawServer]:
    """A TCP server that counts connections and runs ``reply`` for each (default: close at once)."""
    state = RawServer(port=0)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        state.connections += 1
        try:
            if reply is not None:
                await reply(reader, writer)
        except ConnectionError:
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, host, port)
    state.port = server.sockets[0].getsockname()[1]
    try:
        yield state
    finally:
        server.close()
        await server.wait_closed()


def free_port() -> int:
    """A port nothing listens on (bound then released), for 'connection refused'."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# -- TLS -----------------------------------------------------------------------------------------

CERT_NOT_AFTER = (datetime.now(UTC) + timedelta(days=90)).replace(microsecond=0)


@dataclass
class TlsTarget:
    url: str
    client_context: ssl.SSLContext  # trusts the test CA
    not_after: datetime


@pytest.fixture(scope="session")
async def tls_target() -> AsyncIterator[TlsTarget]:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost", not_after=CERT_NOT_AFTER.replace(tzinfo=None))
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(server_context)
    client_context = ssl.create_default_context()
    ca.configure_trust(client_context)

    async def up(request: web.Request) -> web.Response:
        return web.Response(body=UP_PAGE, content_type="text/html")

    async def unavailable(request: web.Request) -> web.Response:
        return web.Response(status=503, text="down")

    app = web.Application()
    app.router.add_get("/up", up)
    app.router.add_get("/503", unavailable)
    runner = web.AppRunner(app, shutdown_timeout=0.1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=server_context)
    await site.start()
    yield TlsTarget(f"https://127.0.0.1:{_port(site)}/up", client_context, CERT_NOT_AFTER)
    await runner.cleanup()


# -- DNS -----------------------------------------------------------------------------------------


class StubResolver(AbstractResolver):
    """Resolves names from a dict; anything else fails like a real NXDOMAIN."""

    def __init__(self, names: dict[str, list[str]]) -> None:
        self.names = names
        self.calls: list[str] = []

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list[ResolveResult]:
        self.calls.append(host)
        if host not in self.names:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            ResolveResult(
                hostname=host,
                host=address,
                port=port,
                family=socket.AF_INET6 if ":" in address else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST,
            )
            for address in self.names[host]
        ]

    async def close(self) -> None:
        pass


# -- running checks ------------------------------------------------------------------------------

# Tests talk to 127.0.0.1, so the guard is lifted unless a test is about the guard.
TEST_CONFIG = EngineConfig(allow_private_targets=True, retries=0, retry_backoff=0.05)


def spec(url: str, word: str = WORD, *, timeout: float = 5.0, website_id: int = 1) -> CheckSpec:
    return CheckSpec(website_id=website_id, url=url, valid_word=word, timeout=timeout)


async def check(url: str, word: str = WORD, *, timeout: float = 5.0, engine_kwargs=None, **config) -> CheckResult:
    """Check one URL with a fresh engine (TEST_CONFIG with ``config`` overrides)."""
    fields = {name: getattr(TEST_CONFIG, name) for name in TEST_CONFIG.__dataclass_fields__}
    async with CheckEngine(EngineConfig(**(fields | config)), **(engine_kwargs or {})) as engine:
        return await engine.check(spec(url, word, timeout=timeout))


async def check_all(engine: CheckEngine, specs: list[CheckSpec]) -> list[CheckResult]:
    """Check every spec at once, as a batch does (one task per check); results in the order given."""
    return list(await asyncio.gather(*(engine.check(one) for one in specs)))
