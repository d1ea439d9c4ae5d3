"""A fake Telegram Bot API server for tests: real HTTP on 127.0.0.1, scripted failures.

In a test::

    async with FakeTelegram(token="123:ABC") as tg:
        notifier = TelegramNotifier("123:ABC", api_url=tg.api_url)
        tg.fail_next("42", "429", retry_after=1)
        ...
        assert tg.sent[0].chat_id == "42"

Standalone (for tests that start the stack as processes)::

    python -m tests.fakes.telegram_api --port 8081 --token 123:ABC

prints ``fake Telegram Bot API listening on http://127.0.0.1:8081`` once it is
ready, and serves a small control API beside the Bot API:

====================  ==========================================================
``GET /_fake/health`` ``{"ok": true}``
``GET /_fake/sent``   the recorded sendMessage calls (``chat_id``, ``text``, …)
``GET /_fake/calls``  every Bot API call (``method``, ``params``, ``status``)
``GET /_fake/commands`` what ``setMyCommands`` registered
``POST /_fake/fail``  ``{"chat_id", "kind", "retry_after"?, "times"?, "migrate_to_chat_id"?}``
``POST /_fake/chats`` ``{"chat_id", "type"?, "title"?}`` registers a chat for getChat
``POST /_fake/updates`` ``{"chat_id", "text", "chat_type"?, "title"?}`` queues a message
``POST /_fake/down``  answer every Bot API call with 502 until ``POST /_fake/up``
``POST /_fake/up``
``POST /_fake/reset`` forget sent messages, calls and scripted failures
====================  ==========================================================

Responses are shaped like the real Bot API (``{"ok": true, "result": …}`` or
``{"ok": false, "error_code": …, "description": …, "parameters": …}``), so
python-telegram-bot parses them into its usual errors.
"""

from __future__ import annotations

import asyncio
import itertools
import re
import time
from collections import defaultdict, deque
from typing import Any

from aiohttp import web

from tests.fakes.telegram_methods import BotApiMethods
from tests.fakes.telegram_wire import (
    BAD_GATEWAY_HTML,
    FAILURE_KINDS,
    ApiCall,
    Chat,
    Failure,
    SentMessage,
    State,
    error_response,
    failure_response,
    read_params,
)

__all__ = ["FAILURE_KINDS", "ApiCall", "FakeTelegram", "SentMessage"]

_TOKEN_SHAPE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")


class FakeTelegram(BotApiMethods):
    """The fake Bot API; an async context manager that starts and stops the server."""

    def __init__(
        self,
        token: str = "123:ABC",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        username: str = "webmon_test_bot",
        long_poll_cap: float = 0.5,
        known_chats_only: bool = False,
    ) -> None:
        self.token = token
        self.host = host
        self.port = port
        self.username = username
        self.long_poll_cap = long_poll_cap
        # When true, sendMessage to a chat never registered answers "chat not found".
        self.known_chats_only = known_chats_only

        self.sent: list[SentMessage] = []
        self.calls: list[ApiCall] = []
        self.commands: list[dict[str, Any]] = []  # for every language
        self.commands_by_language: dict[str, list[dict[str, Any]]] = {}  # setMyCommands' language_code
        self.chats: dict[str, Chat] = {}
        self._failures: dict[str, deque[Failure]] = defaultdict(deque)
        self._state = State()
        self._new_update = asyncio.Event()
        self._sent_changed = asyncio.Event()
        self._down_mode: str | None = None
        self._synthetic_ids = itertools.count(1_000_000_001)

        self.app = web.Application()
        self.app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        from tests.fakes.telegram_process import add_control_routes

        add_control_routes(self)
        self.app.middlewares.append(self._outage_middleware)
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None

    # --- lifecycle ----------------------------------------------------------

    @property
    def api_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def bot_id(self) -> int:
        prefix = self.token.partition(":")[0]
        return int(prefix) if prefix.isdigit() else 1

    async def start(self) -> FakeTelegram:
        self._runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        await self._listen()
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
            self._site = None

    async def __aenter__(self) -> FakeTelegram:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def _listen(self) -> None:
        assert self._runner is not None
        self._site = web.TCPSite(self._runner, self.host, self.port, reuse_address=True)
        await self._site.start()
        if self.port == 0:
            server = self._site._server
            assert server is not None and server.sockets
            self.port = server.sockets[0].getsockname()[1]

    # --- scripting ----------------------------------------------------------

    def add_chat(
        self,
        chat_id: str | int,
        type: str = "private",
        title: str | None = None,
    ) -> dict[str, Any]:
        """Register a chat that getChat knows (and sendMessage, with known_chats_only)."""
        key = str(chat_id)
        if key.startswith("@"):
            chat = Chat(-next(self._synthetic_ids) - 1_000_000_000_000, type, title, key[1:])
        else:
            chat = Chat(int(key), type, title)
        self.chats[key] = chat
        self.chats[str(chat.id)] = chat
        return chat.as_json()

    def fail_next(
        self,
        chat_id: str | int,
        kind: str = "429",
        *,
        retry_after: float = 1,
        times: int = 1,
        migrate_to_chat_id: str | int | None = None,
    ) -> None:
        """The next ``times`` calls for ``chat_id`` (sendMessage, getChat) fail as ``kind``.

        Kinds: ``429`` (with ``retry_after``), ``blocked``, ``kicked``,
        ``deactivated``, ``not_found``, ``bad_request``, ``migrate`` (to
        ``migrate_to_chat_id``, by default ``-100`` + the old id's digits;
        the new chat is registered), ``500``, ``502``.
        """
        if kind not in FAILURE_KINDS:
            raise ValueError(f"unknown failure kind {kind!r}; one of {sorted(FAILURE_KINDS)}")
        new_id = None
        if kind == "migrate":
            digits = str(chat_id).lstrip("-@")
            new_id = int(migrate_to_chat_id) if migrate_to_chat_id is not None else int(f"-100{digits}")
            if str(new_id) not in self.chats:
                self.add_chat(new_id, "supergroup", "Migrated group")
        for _ in range(times):
            self._failures[str(chat_id)].append(Failure(kind, retry_after, new_id))

    async def down(self, mode: str = "refuse") -> None:
        """Simulate an outage: ``refuse`` connections, or answer everything with ``502``."""
        if mode not in ("refuse", "502"):
            raise ValueError("mode is 'refuse' or '502'")
        self._down_mode = mode
        if mode == "refuse" and self._site is not None and self._runner is not None:
            await self._site.stop()
            self._site = None
            for connection in self._runner.server.connections if self._runner.server else []:
                connection.force_close()

    async def up(self) -> None:
        """End the outage."""
        was_refusing = self._down_mode == "refuse"
        self._down_mode = None
        if was_refusing and self._site is None and self._runner is not None:
            await self._listen()

    def push_message(
        self,
        chat_id: str | int,
        text: str,
        chat_type: str = "private",
        *,
        title: str | None = None,
        from_id: int = 1001,
        first_name: str = "Alice",
        language_code: str | None = None,
    ) -> dict[str, Any]:
        """Queue an incoming message for getUpdates; returns the update."""
        key = str(chat_id)
        chat = self.chats.get(key)
        if chat is None:
            self.add_chat(key, chat_type, title)
            chat = self.chats[key]
        message: dict[str, Any] = {
            "message_id": self._next_message_id(),
            "date": int(time.time()),
            "chat": chat.as_json(),
            "text": text,
        }
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if chat.type == "channel":
            message["sender_chat"] = chat.as_json()
            kind = "channel_post"
        else:
            message["from"] = {"id": from_id, "is_bot": False, "first_name": first_name}
            if language_code:
                message["from"]["language_code"] = language_code
            kind = "message"
        update = {"update_id": self._state.next_update_id, kind: message}
        self._state.next_update_id += 1
        self._state.updates.append(update)
        self._new_update.set()
        return update

    def sent_to(self, chat_id: str | int) -> list[SentMessage]:
        return [m for m in self.sent if m.chat_id == str(chat_id)]

    def calls_to(self, method: str) -> list[ApiCall]:
        return [c for c in self.calls if c.method == method]

    async def wait_for_sent(
        self, count: int = 1, *, chat_id: str | int | None = None, timeout: float = 5.0
    ) -> list[SentMessage]:
        """Wait until ``count`` messages were sent (to ``chat_id``, if given)."""

        def matching() -> list[SentMessage]:
            return self.sent if chat_id is None else self.sent_to(chat_id)

        async def wait() -> None:
            while len(matching()) < count:
                self._sent_changed.clear()
                await self._sent_changed.wait()

        await asyncio.wait_for(wait(), timeout)
        return matching()

    def reset(self) -> None:
        self.sent.clear()
        self.calls.clear()
        self._failures.clear()

    # --- the Bot API ----------------------------------------------------------

    @web.middleware
    async def _outage_middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if self._down_mode is not None and not request.path.startswith("/_fake/"):
            # A proxy in front of the Bot API answers; the API itself never sees the call.
            response = web.Response(status=502, text=BAD_GATEWAY_HTML, content_type="text/html")
            return self._record(request.match_info.get("method", ""), {}, response)
        return await handler(request)

    async def _handle_api(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        method = request.match_info["method"]
        params = await read_params(request)
        if token != self.token:
            # Telegram: a well-formed but wrong token is 401, anything else 404.
            if _TOKEN_SHAPE.match(token):
                return self._record(method, params, error_response(401, "Unauthorized"))
            return self._record(method, params, error_response(404, "Not Found"))

        handler = {
            "getMe": self._get_me,
            "getChat": self._get_chat,
            "sendMessage": self._send_message,
            "setMyCommands": self._set_my_commands,
            "deleteWebhook": self._true,
            "getUpdates": self._get_updates,
            "close": self._true,
            "logOut": self._true,
        }.get(method)
        if handler is None:
            return self._record(method, params, error_response(404, "Not Found: method not found"))

        chat_id = params.get("chat_id")
        if chat_id is not None and self._failures.get(str(chat_id)):
            failure = self._failures[str(chat_id)].popleft()
            return self._record(method, params, failure_response(failure))
        return self._record(method, params, await handler(params))

    def _record(self, method: str, params: dict[str, Any], response: web.Response) -> web.Response:
        self.calls.append(ApiCall(method, params, response.status, asyncio.get_running_loop().time()))
        return response


if __name__ == "__main__":
    from tests.fakes.telegram_process import main

    main()
