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

import argparse
import asyncio
import itertools
import json
import re
import signal
import time
from collections import defaultdict, deque
from dataclasses import asdict, dataclass, field
from typing import Any

from aiohttp import web

__all__ = ["FAILURE_KINDS", "ApiCall", "FakeTelegram", "SentMessage"]

_TOKEN_SHAPE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")

# kind -> (HTTP status, description)
FAILURE_KINDS: dict[str, tuple[int, str]] = {
    "429": (429, "Too Many Requests: retry after {retry_after}"),
    "blocked": (403, "Forbidden: bot was blocked by the user"),
    "kicked": (403, "Forbidden: bot was kicked from the group chat"),
    "deactivated": (403, "Forbidden: user is deactivated"),
    "not_found": (400, "Bad Request: chat not found"),
    "bad_request": (400, "Bad Request: can't parse entities: unsupported start tag"),
    "migrate": (400, "Bad Request: group chat was upgraded to a supergroup chat"),
    "500": (500, "Internal Server Error"),
    "502": (502, "Bad Gateway"),
}

_BAD_GATEWAY_HTML = (
    "<html><head><title>502 Bad Gateway</title></head>"
    "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>"
)


@dataclass
class SentMessage:
    chat_id: str
    text: str
    parse_mode: str | None
    params: dict[str, Any]
    message_id: int
    at: float  # the server loop's monotonic clock


@dataclass
class ApiCall:
    method: str
    params: dict[str, Any]
    status: int
    at: float  # the server loop's monotonic clock


@dataclass
class _Failure:
    kind: str
    retry_after: float = 1
    migrate_to_chat_id: int | None = None


@dataclass
class _Chat:
    id: int
    type: str
    title: str | None = None
    username: str | None = None

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "type": self.type}
        if self.type == "private":
            data["first_name"] = self.title or "Alice"
        else:
            data["title"] = self.title or f"Test {self.type}"
        if self.username:
            data["username"] = self.username
        return data


@dataclass
class _State:
    updates: list[dict[str, Any]] = field(default_factory=list)
    next_update_id: int = 1
    next_message_id: int = 1


class FakeTelegram:
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
        self.commands: list[dict[str, Any]] = []
        self.chats: dict[str, _Chat] = {}
        self._failures: dict[str, deque[_Failure]] = defaultdict(deque)
        self._state = _State()
        self._new_update = asyncio.Event()
        self._sent_changed = asyncio.Event()
        self._down_mode: str | None = None
        self._synthetic_ids = itertools.count(1_000_000_001)

        self.app = web.Application()
        self.app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        self._add_control_routes()
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
            server = self._site._server  # noqa: SLF001 - the only way to learn the free port
            assert server is not None and server.sockets
            self.port = server.sockets[0].getsockname()[1]

    # --- scripting ----------------------------------------------------------

    def add_chat(
        self,
        chat_id: str | int,
        type: str = "private",  # noqa: A002 - Telegram's word
        title: str | None = None,
    ) -> dict[str, Any]:
        """Register a chat that getChat knows (and sendMessage, with known_chats_only)."""
        key = str(chat_id)
        if key.startswith("@"):
            chat = _Chat(-next(self._synthetic_ids) - 1_000_000_000_000, type, title, key[1:])
        else:
            chat = _Chat(int(key), type, title)
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
            self._failures[str(chat_id)].append(_Failure(kind, retry_after, new_id))

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
            response = web.Response(status=502, text=_BAD_GATEWAY_HTML, content_type="text/html")
            return self._record(request.match_info.get("method", ""), {}, response)
        return await handler(request)

    async def _handle_api(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        method = request.match_info["method"]
        params = await _read_params(request)
        if token != self.token:
            # Telegram: a well-formed but wrong token is 401, anything else 404.
            if _TOKEN_SHAPE.match(token):
                return self._record(method, params, _error(401, "Unauthorized"))
            return self._record(method, params, _error(404, "Not Found"))

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
            return self._record(method, params, _error(404, "Not Found: method not found"))

        chat_id = params.get("chat_id")
        if chat_id is not None and self._failures.get(str(chat_id)):
            failure = self._failures[str(chat_id)].popleft()
            return self._record(method, params, _failure_response(failure))
        return self._record(method, params, await handler(params))

    def _record(self, method: str, params: dict[str, Any], response: web.Response) -> web.Response:
        self.calls.append(ApiCall(method, params, response.status, asyncio.get_running_loop().time()))
        return response

    async def _true(self, params: dict[str, Any]) -> web.Response:
        return _ok(True)

    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Webmon Test",
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _get_me(self, params: dict[str, Any]) -> web.Response:
        return _ok(self._bot_user())

    async def _get_chat(self, params: dict[str, Any]) -> web.Response:
        chat = self.chats.get(str(params.get("chat_id")))
        if chat is None:
            return _error(400, "Bad Request: chat not found")
        return _ok(
            {
                **chat.as_json(),
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
            }
        )

    async def _send_message(self, params: dict[str, Any]) -> web.Response:
        chat_key = str(params.get("chat_id", ""))
        text = params.get("text")
        if not chat_key:
            return _error(400, "Bad Request: chat_id is empty")
        if not text:
            return _error(400, "Bad Request: message text is empty")
        chat = self.chats.get(chat_key)
        if chat is None:
            if self.known_chats_only or not re.fullmatch(r"-?\d+", chat_key):
                return _error(400, "Bad Request: chat not found")
            chat = _Chat(int(chat_key), "private" if not chat_key.startswith("-") else "group")
        message_id = self._next_message_id()
        self.sent.append(
            SentMessage(
                chat_id=str(chat.id) if not chat_key.startswith("@") else chat_key,
                text=text,
                parse_mode=params.get("parse_mode"),
                params=params,
                message_id=message_id,
                at=asyncio.get_running_loop().time(),
            )
        )
        self._sent_changed.set()
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat.as_json(),
            "text": text,
        }
        if chat.type == "channel":
            message["sender_chat"] = chat.as_json()
        else:
            message["from"] = self._bot_user()
        return _ok(message)

    async def _set_my_commands(self, params: dict[str, Any]) -> web.Response:
        commands = params.get("commands")
        if not isinstance(commands, list):
            return _error(400, "Bad Request: can't parse commands JSON object")
        self.commands = commands
        return _ok(True)

    async def _get_updates(self, params: dict[str, Any]) -> web.Response:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if offset:
            # Asking for offset N confirms every update before it.
            self._state.updates = [u for u in self._state.updates if u["update_id"] >= offset]
        if not self._state.updates and timeout > 0:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), min(timeout, self.long_poll_cap))
            except TimeoutError:
                pass
        return _ok(self._state.updates[:limit])

    def _next_message_id(self) -> int:
        self._state.next_message_id += 1
        return self._state.next_message_id - 1

    # --- control API (for a fake running as its own process) ---------------------

    def _add_control_routes(self) -> None:
        r = self.app.router
        r.add_get("/_fake/health", self._control_health)
        r.add_get("/_fake/sent", self._control_sent)
        r.add_get("/_fake/calls", self._control_calls)
        r.add_get("/_fake/commands", self._control_commands)
        r.add_post("/_fake/fail", self._control_fail)
        r.add_post("/_fake/chats", self._control_chats)
        r.add_post("/_fake/updates", self._control_updates)
        r.add_post("/_fake/down", self._control_down)
        r.add_post("/_fake/up", self._control_up)
        r.add_post("/_fake/reset", self._control_reset)

    async def _control_health(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def _control_sent(self, request: web.Request) -> web.Response:
        return web.json_response([asdict(m) for m in self.sent])

    async def _control_calls(self, request: web.Request) -> web.Response:
        return web.json_response([asdict(c) for c in self.calls])

    async def _control_commands(self, request: web.Request) -> web.Response:
        return web.json_response(self.commands)

    async def _control_fail(self, request: web.Request) -> web.Response:
        body = await request.json()
        try:
            self.fail_next(
                body["chat_id"],
                body.get("kind", "429"),
                retry_after=body.get("retry_after", 1),
                times=int(body.get("times", 1)),
                migrate_to_chat_id=body.get("migrate_to_chat_id"),
            )
        except (KeyError, ValueError) as exc:
            return web.json_response({"ok": False, "error": str(exc)}, status=400)
        return web.json_response({"ok": True})

    async def _control_chats(self, request: web.Request) -> web.Response:
        body = await request.json()
        chat = self.add_chat(body["chat_id"], body.get("type", "private"), body.get("title"))
        return web.json_response(chat)

    async def _control_updates(self, request: web.Request) -> web.Response:
        body = await request.json()
        update = self.push_message(
            body["chat_id"], body["text"], body.get("chat_type", "private"), title=body.get("title")
        )
        return web.json_response(update)

    async def _control_down(self, request: web.Request) -> web.Response:
        # Refusing connections would take the control API down with it.
        await self.down("502")
        return web.json_response({"ok": True})

    async def _control_up(self, request: web.Request) -> web.Response:
        await self.up()
        return web.json_response({"ok": True})

    async def _control_reset(self, request: web.Request) -> web.Response:
        self.reset()
        return web.json_response({"ok": True})


async def _read_params(request: web.Request) -> dict[str, Any]:
    """Bot API parameters from the query, a form or a JSON body; JSON-encoded values decoded."""
    params: dict[str, Any] = dict(request.query)
    if request.body_exists:
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                params.update(body)
        else:
            form = await request.post()
            params.update({k: v for k, v in form.items() if isinstance(v, str)})
    return {key: _decode(value) for key, value in params.items()}


def _decode(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _ok(result: Any) -> web.Response:
    return web.json_response({"ok": True, "result": result})


def _error(code: int, description: str, parameters: dict[str, Any] | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=code)


def _failure_response(failure: _Failure) -> web.Response:
    status, description = FAILURE_KINDS[failure.kind]
    if failure.kind == "502":
        return web.Response(status=502, text=_BAD_GATEWAY_HTML, content_type="text/html")
    if failure.kind == "429":
        retry_after = failure.retry_after
        shown = int(retry_after) if float(retry_after).is_integer() else retry_after
        return _error(status, description.format(retry_after=shown), {"retry_after": shown})
    if failure.kind == "migrate":
        return _error(status, description, {"migrate_to_chat_id": failure.migrate_to_chat_id})
    return _error(status, description)


async def _serve(args: argparse.Namespace) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with FakeTelegram(
        token=args.token, host=args.host, port=args.port, username=args.username
    ) as tg:
        print(f"fake Telegram Bot API listening on {tg.api_url}", flush=True)
        await stop.wait()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run the fake Telegram Bot API.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--token", default="123:ABC")
    parser.add_argument("--username", default="webmon_test_bot")
    asyncio.run(_serve(parser.parse_args(argv)))


if __name__ == "__main__":
    main()
