"""`webmon serve`'s uvicorn server, and the one line at the end of its start saying where to open it."""

from __future__ import annotations

import socket
import sys
from collections.abc import Awaitable, Callable

import uvicorn
from sqlalchemy import select

from webmon.config import Settings
from webmon.db import Database
from webmon.models.user import User


def open_url(host: str, port: int) -> str:
    """The address to open in a browser on this machine ("0.0.0.0" is not one)."""
    if host in ("0.0.0.0", ""):
        host = "127.0.0.1"
    elif host == "::":
        host = "[::1]"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def ready_line(settings: Settings, host: str, port: int, *, has_accounts: bool, dashboard: bool) -> str:
    """The last line of the start: where to open Webmon and whether Telegram alerts are set up."""
    url = open_url(host, port)
    if dashboard:
        where = f"open {url} and {'sign in' if has_accounts else 'create your account'}"
    else:
        where = f"the API is at {url}docs (the dashboard is not built)"
    if host in ("0.0.0.0", "::"):
        where += f" (from another device: http://<this machine's address>:{port}/)"
    if settings.telegram_enabled:
        telegram = "Telegram alerts are set up"
    else:
        telegram = (
            "Telegram alerts are off: set WEBMON_TELEGRAM_BOT_TOKEN (README, section Telegram alerts) and restart"
        )
    return f"Webmon is running: {where}. {telegram}."


async def any_account(db: Database) -> bool:
    async with db.session_scope() as session:
        return await session.scalar(select(User.id).limit(1)) is not None


class AnnouncingServer(uvicorn.Server):
    """uvicorn's server, printing `announce()`'s line once it listens (and only if it does)."""

    def __init__(self, config: uvicorn.Config, announce: Callable[[], Awaitable[str]]) -> None:
        super().__init__(config)
        self._announce = announce

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started and not self.should_exit:
            print(await self._announce(), file=sys.stderr, flush=True)
