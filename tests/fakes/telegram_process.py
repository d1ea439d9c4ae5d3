"""The fake Bot API as its own process, driven over HTTP at `/_fake/...`.

python -m tests.fakes.telegram_api --port 8081 --token 123:ABC
curl -s localhost:8081/_fake/sent           # what was sent
curl -s -XPOST localhost:8081/_fake/fail -d '{"chat_id": "42", "kind": "429", "retry_after": 2}'
"""

from __future__ import annotations

import argparse
import asyncio
import signal
from dataclasses import asdict
from functools import partial
from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from tests.fakes.telegram_api import FakeTelegram


def add_control_routes(fake: FakeTelegram) -> None:
    router = fake.app.router
    router.add_get("/_fake/health", _health)
    router.add_get("/_fake/sent", partial(_sent, fake))
    router.add_get("/_fake/calls", partial(_calls, fake))
    router.add_get("/_fake/commands", partial(_commands, fake))
    router.add_post("/_fake/fail", partial(_fail, fake))
    router.add_post("/_fake/chats", partial(_chats, fake))
    router.add_post("/_fake/updates", partial(_updates, fake))
    router.add_post("/_fake/down", partial(_down, fake))
    router.add_post("/_fake/up", partial(_up, fake))
    router.add_post("/_fake/reset", partial(_reset, fake))


async def _health(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


async def _sent(fake: FakeTelegram, request: web.Request) -> web.Response:
    return web.json_response([asdict(m) for m in fake.sent])


async def _calls(fake: FakeTelegram, request: web.Request) -> web.Response:
    return web.json_response([asdict(c) for c in fake.calls])


async def _commands(fake: FakeTelegram, request: web.Request) -> web.Response:
    return web.json_response(fake.commands)


async def _fail(fake: FakeTelegram, request: web.Request) -> web.Response:
    body = await request.json()
    try:
        fake.fail_next(
            body["chat_id"],
            body.get("kind", "429"),
            retry_after=body.get("retry_after", 1),
            times=int(body.get("times", 1)),
            migrate_to_chat_id=body.get("migrate_to_chat_id"),
        )
    except (KeyError, ValueError) as exc:
        return web.json_response({"ok": False, "error": str(exc)}, status=400)
    return web.json_response({"ok": True})


async def _chats(fake: FakeTelegram, request: web.Request) -> web.Response:
    body = await request.json()
    return web.json_response(fake.add_chat(body["chat_id"], body.get("type", "private"), body.get("title")))


async def _updates(fake: FakeTelegram, request: web.Request) -> web.Response:
    body = await request.json()
    update = fake.push_message(body["chat_id"], body["text"], body.get("chat_type", "private"), title=body.get("title"))
    return web.json_response(update)


async def _down(fake: FakeTelegram, request: web.Request) -> web.Response:
    # Refusing connections would take the control API down with it.
    await fake.down("502")
    return web.json_response({"ok": True})


async def _up(fake: FakeTelegram, request: web.Request) -> web.Response:
    await fake.up()
    return web.json_response({"ok": True})


async def _reset(fake: FakeTelegram, request: web.Request) -> web.Response:
    fake.reset()
    return web.json_response({"ok": True})


async def _serve(args: argparse.Namespace) -> None:
    from tests.fakes.telegram_api import FakeTelegram

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with FakeTelegram(token=args.token, host=args.host, port=args.port, username=args.username) as tg:
        print(f"fake Telegram Bot API listening on {tg.api_url}", flush=True)
        await stop.wait()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run the fake Telegram Bot API.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--token", default="123:ABC")
    parser.add_argument("--username", default="webmon_test_bot")
    asyncio.run(_serve(parser.parse_args(argv)))
