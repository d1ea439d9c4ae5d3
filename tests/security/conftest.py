"""Fixtures for the security tests: the app reached from chosen client addresses."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack

import httpx
import pytest

from webmon.app import create_app


def client_at(app, address: str, **kwargs) -> httpx.AsyncClient:  # type: ignore[no-untyped-def]
    """An HTTP client whose requests reach the app from `address` (the connection's peer)."""
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://webmon.test", **kwargs)


@pytest.fixture
async def app_with() -> AsyncIterator[Callable[..., object]]:
    """Build apps with chosen settings and run their lifespans until the test ends:
    `app = await app_with(settings, database=db, workers=...)`."""
    async with AsyncExitStack() as stack:

        async def build(settings, **kwargs):  # type: ignore[no-untyped-def]
            app = create_app(settings, **kwargs)
            await stack.enter_async_context(app.router.lifespan_context(app))
            return app

        yield build


@pytest.fixture
async def from_address() -> AsyncIterator[Callable[..., httpx.AsyncClient]]:
    """`from_address(app, "203.0.113.7")`: a client at that address, closed after the test."""
    async with AsyncExitStack() as stack:

        def make(app, address: str, **kwargs) -> httpx.AsyncClient:  # type: ignore[no-untyped-def]
            client = client_at(app, address, **kwargs)
            stack.push_async_callback(client.aclose)
            return client

        yield make
