"""A local website whose answers a test controls: what Webmon checks in end-to-end tests."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from aiohttp import web

WORD = "Welcome"


@dataclass
class Page:
    status: int = 200
    body: str = f"<html><body><h1>{WORD} to the shop</h1></body></html>"
    delay: float = 0.0


@dataclass
class TargetSite:
    base: str = ""
    pages: dict[str, Page] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)

    def url(self, path: str = "/") -> str:
        return self.base + path

    def serve(self, path: str, **page: object) -> str:
        """Make `path` answer like this from now on; returns its URL."""
        self.pages[path] = Page(**page)  # type: ignore[arg-type]
        return self.url(path)

    def break_(self, path: str, status: int = 503) -> None:
        self.pages[path] = Page(status=status, body="Service Unavailable")


@asynccontextmanager
async def target_site(host: str = "127.0.0.1", port: int = 0) -> AsyncIterator[TargetSite]:
    site = TargetSite()

    async def handle(request: web.Request) -> web.Response:
        site.hits[request.path] += 1
        page = site.pages.get(request.path) or Page()
        if page.delay:
            await asyncio.sleep(page.delay)
        return web.Response(status=page.status, text=page.body, content_type="text/html")

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    server = web.TCPSite(runner, host, port)
    await server.start()
    bound = server._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    site.base = f"http://{host}:{bound}"
    try:
        yield site
    finally:
        await runner.cleanup()


def run_target_site_forever(port: int) -> None:
    """For tests that need the target in another process: `python -m tests.targets PORT`."""

    async def main() -> None:
        async with target_site(port=port):
            await asyncio.Event().wait()

    asyncio.run(main())


if __name__ == "__main__":
    import sys

    run_target_site_forever(int(sys.argv[1]))
