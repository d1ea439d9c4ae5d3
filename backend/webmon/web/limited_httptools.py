"""uvicorn's httptools protocol with a cap on header bytes and a deadline for each request
(web/http_limits.py says why). Imported only where httptools is installed."""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from webmon.web.http_limits import TIMED_OUT, TOO_LARGE


class LimitedHttpToolsProtocol(HttpToolsProtocol):
    def __init__(self, *args: Any, max_header_bytes: int, read_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_header_bytes = max_header_bytes
        self.read_timeout = read_timeout
        self._reading_headers = True
        self._header_bytes = 0
        self._chunk_bytes = 0
        self._deadline: asyncio.TimerHandle | None = None

    # The deadline: armed for each request's first byte, cleared once it is all in.
    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.read_timeout, self._read_timed_out)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _read_timed_out(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if self._reading_headers:
            self.transport.write(TIMED_OUT)
        self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        self._chunk_bytes = len(data)
        if self._reading_headers:
            self._header_bytes += len(data)
        if self._too_large():
            return
        super().data_received(data)
        self._too_large()  # a request that began inside this chunk

    def _too_large(self) -> bool:
        if not self._reading_headers or self._header_bytes <= self.max_header_bytes:
            return False
        if not self.transport.is_closing():
            self._disarm()
            self.transport.write(TOO_LARGE)
            self.transport.close()
        return True

    def handle_websocket_upgrade(self) -> None:
        self._disarm()
        super().handle_websocket_upgrade()

    # Parser callbacks.
    def on_message_begin(self) -> None:
        super().on_message_begin()
        # The request began somewhere in the chunk being parsed: all of it counts (exact for a
        # connection's first request, and for one sent after the previous answer).
        self._reading_headers = True
        self._header_bytes = self._chunk_bytes
        self._arm()

    def on_headers_complete(self) -> None:
        self._reading_headers = False
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._disarm()
        super().on_message_complete()
